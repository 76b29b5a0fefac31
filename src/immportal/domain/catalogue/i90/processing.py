"""I-90 Parts 3 and 4: processing information (where you immigrated, proceedings, your
description) and accommodations at your appointment."""

from __future__ import annotations

from immportal.domain.catalogue.common import Biographics
from immportal.domain.catalogue.fields import PageModel, long_text, text, yes_no
from immportal.domain.catalogue.model import Page, Section, answered, any_of, needs
from immportal.domain.evidence.document_kinds import DocumentType
from immportal.i18n import N_

PROCESSING = Section(
    "processing",
    N_("Your immigration history and description"),
    N_("Part 3: where you immigrated, and your description as the card prints it."),
)


class WhereApplied(PageModel):
    """Where you applied and were approved."""

    visa_applied_at: str = text(
        N_("Where did you apply for your immigrant visa or to adjust status?"),
        required=N_("Enter where you applied"),
        hint=N_("The U.S. consulate's city, or the USCIS office."),
    )
    visa_issued_at: str = text(
        N_("Where was your visa issued, or which office approved your adjustment?"),
        required=N_("Enter where your visa was issued or your adjustment approved"),
    )


class ImmigrantVisa(PageModel):
    """Whether you arrived on an immigrant visa."""

    entered_with_visa: str = yes_no(
        N_("Did you become a permanent resident by arriving on an immigrant visa?"),
        required=N_("Select yes if you arrived on an immigrant visa"),
        hint=N_("Answer no if you adjusted your status inside the United States."),
    )


class Admission(PageModel):
    """Your arrival as an immigrant."""

    destination: str = text(
        N_("Where in the United States were you going (city and state)?"),
        required=N_("Enter the city and state you were going to"),
    )
    port_of_entry: str = text(
        N_("Where were you admitted (city and state of the port of entry)?"),
        required=N_("Enter the city and state where you were admitted"),
    )


class History(PageModel):
    """Proceedings and abandonment."""

    removal_proceedings: str = yes_no(
        N_(
            "Have you ever been in exclusion, deportation or removal "
            "proceedings, or ordered removed?"
        ),
        required=N_("Select yes if you have ever been in proceedings or ordered removed"),
    )
    abandoned_status: str = yes_no(
        N_(
            "Since you became a permanent resident, have you filed Form I-407 or been found "
            "to have given up your permanent residence?"
        ),
        required=N_("Select yes if you gave up, or were found to have given up, your residence"),
    )


class HistoryDetails(PageModel):
    """What happened."""

    history_details: str = long_text(
        N_("Tell us what happened, when and where"),
        required=N_("Tell us what happened, when and where"),
    )


class Accommodation(PageModel):
    """Help at your appointment."""

    accommodation: str = yes_no(
        N_("Do you need help at your appointment because of a disability or impairment?"),
        required=N_("Select yes if you need help at your appointment"),
    )


class AccommodationDetails(PageModel):
    """What help you need."""

    deaf_help: str | None = text(
        N_("If you are deaf or hard of hearing: the help you need"),
        required=None,
        hint=N_("For example, a sign language interpreter for American Sign Language."),
        max_length=300,
    )
    blind_help: str | None = text(
        N_("If you are blind or have low vision: the help you need"), required=None, max_length=300
    )
    other_help: str | None = text(
        N_("Another disability or impairment, and the help you need"), required=None, max_length=300
    )


_HISTORY = any_of(
    answered(PROCESSING.id, "removal_proceedings", "yes"),
    answered(PROCESSING.id, "abandoned_status", "yes"),
)


def processing_pages() -> tuple[Page, ...]:
    """Parts 3 and 4."""
    return (
        Page("where_applied", PROCESSING.id, N_("Where you immigrated"), WhereApplied),
        Page("immigrant_visa", PROCESSING.id, N_("How you became a resident"), ImmigrantVisa),
        Page(
            "visa_admission",
            PROCESSING.id,
            N_("Your arrival as an immigrant"),
            Admission,
            answered(PROCESSING.id, "entered_with_visa", "yes"),
        ),
        Page("history", PROCESSING.id, N_("Proceedings and your residence"), History),
        Page(
            "history_details",
            PROCESSING.id,
            N_("About the proceedings or your residence"),
            HistoryDetails,
            _HISTORY,
            documents=(
                needs(
                    DocumentType.IMMIGRATION_COURT_RECORD,
                    N_("The orders and decisions of the proceedings, or your Form I-407"),
                    N_("You were in proceedings, or gave up your residence."),
                ),
            ),
        ),
        Page("description", PROCESSING.id, N_("What do you look like?"), Biographics),
        Page("accommodation", PROCESSING.id, N_("Help at your appointment"), Accommodation),
        Page(
            "accommodation_details",
            PROCESSING.id,
            N_("What help do you need?"),
            AccommodationDetails,
            answered(PROCESSING.id, "accommodation", "yes"),
        ),
    )

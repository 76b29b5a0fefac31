"""I-130 Part 4 about the relative's travel: time in the United States, the last arrival
and the travel document."""

from __future__ import annotations

from immportal.domain.catalogue.fields import (
    PageModel,
    choice,
    country,
    day,
    i94_number,
    passport_number,
    text,
    yes_no,
)
from immportal.domain.catalogue.i130.beneficiary import BENEFICIARY
from immportal.domain.catalogue.model import Page, all_of, answered, needs
from immportal.domain.evidence.document_kinds import DocumentType
from immportal.i18n import N_

B = BENEFICIARY.id
DOCUMENTS = {
    "passport": N_("A passport"),
    "travel_document": N_("A travel document"),
    "neither": N_("Neither"),
}
PROCEEDINGS = {
    "removal": N_("Removal"),
    "exclusion": N_("Exclusion or deportation"),
    "rescission": N_("Rescission"),
    "judicial": N_("Other judicial proceedings"),
}
ROUTES = {
    "adjust": N_("In the United States, by applying to adjust status"),
    "consulate": N_("Abroad, at a U.S. embassy or consulate"),
}


class EverInUs(PageModel):
    """Whether your relative was ever here."""

    ever_in_us: str = yes_no(
        N_("Has your relative ever been in the United States?"),
        required=N_("Select yes if your relative has ever been in the United States"),
    )


class RelativeInUs(PageModel):
    """Whether your relative is here."""

    in_united_states: str = yes_no(
        N_("Is your relative in the United States now?"),
        required=N_("Select yes if they are in the United States"),
    )


class RelativeArrival(PageModel):
    """Your relative's last arrival."""

    arrived_on: str = day(
        N_("When did they last arrive?"),
        noun=N_("Date of their last arrival"),
        required=N_("Enter the date they last arrived"),
        when="past",
    )
    arrival_class: str = text(
        N_("How did they arrive?"),
        required=N_("Enter how they arrived"),
        hint=N_(
            "Their class of admission, like B2 visitor or F1 student, or 'without inspection'."
        ),
        max_length=40,
    )
    i94_number: str | None = i94_number(
        N_("Their I-94 arrival-departure record number (if any)"), required=None
    )
    stay_until: str = text(
        N_("Until when may they stay?"),
        required=N_("Enter the date their permitted stay ends, or D/S"),
        hint=N_("The date on their I-94, or D/S (duration of status)."),
        max_length=20,
    )


class TravelDocument(PageModel):
    """Which document your relative travels on."""

    travel_document: str = choice(
        N_("Which document does your relative travel on?"),
        DOCUMENTS,
        required=N_("Select the document your relative travels on"),
    )


class Passport(PageModel):
    """Your relative's passport."""

    passport_number: str = passport_number(
        N_("Their passport number"), required=N_("Enter their passport number")
    )
    passport_country: str = country(
        N_("Country that issued it"), required=N_("Select the country that issued it")
    )
    passport_expiry: str = day(
        N_("Expiry date"),
        noun=N_("The passport's expiry date"),
        required=N_("Enter the expiry date"),
    )


class TravelDocumentDetails(PageModel):
    """Your relative's travel document."""

    travel_document_number: str = text(
        N_("Travel document number"), required=N_("Enter the travel document number"), max_length=30
    )
    travel_document_country: str = country(
        N_("Country that issued it"), required=N_("Select the country that issued it")
    )
    travel_document_expiry: str = day(
        N_("Expiry date"),
        noun=N_("The travel document's expiry date"),
        required=N_("Enter the expiry date"),
    )


def entry_pages() -> tuple[Page, ...]:
    """Time in the United States, travel document and arrival."""
    ever = answered(B, "ever_in_us", "yes")
    here = all_of(ever, answered(B, "in_united_states", "yes"))
    return (
        Page("relative_ever_in_us", B, N_("Your relative and the United States"), EverInUs),
        Page("relative_in_us", B, N_("Is your relative in the United States?"), RelativeInUs, ever),
        Page(
            "relative_arrival",
            B,
            N_("Your relative's last arrival"),
            RelativeArrival,
            here,
            documents=(
                needs(
                    DocumentType.I94,
                    N_("Your relative's I-94 record and the photo page of their passport"),
                    N_("Your relative is in the United States."),
                ),
            ),
        ),
        Page("relative_travel_document", B, N_("Your relative's passport"), TravelDocument),
        Page(
            "relative_passport",
            B,
            N_("Your relative's passport"),
            Passport,
            answered(B, "travel_document", "passport"),
        ),
        Page(
            "relative_travel_document_details",
            B,
            N_("Your relative's travel document"),
            TravelDocumentDetails,
            answered(B, "travel_document", "travel_document"),
        ),
    )

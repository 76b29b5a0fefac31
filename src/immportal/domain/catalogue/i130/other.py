"""I-130 Part 5, other information: earlier petitions you filed, and relatives you are
petitioning for at the same time."""

from __future__ import annotations

from immportal.domain.catalogue.common.history import count_model
from immportal.domain.catalogue.entries import numbered_pages
from immportal.domain.catalogue.fields import (
    PageModel,
    choice,
    day,
    person_name,
    text,
    us_state,
)
from immportal.domain.catalogue.model import Page, Section, at_least, needs
from immportal.domain.evidence.document_kinds import DocumentType
from immportal.i18n import N_

OTHER = Section(
    "other_petitions",
    N_("Other petitions"),
    N_("Part 5: petitions you filed before or are filing now."),
)
RESULTS = {
    "approved": N_("Approved"),
    "denied": N_("Denied"),
    "withdrawn": N_("Withdrawn"),
    "pending": N_("Still pending"),
}
PETITIONS_MOST = 3
RELATIVES_MOST = 2


class PriorPetition(PageModel):
    """A petition you filed before."""

    given_name: str = person_name(
        N_("Given name of the person you filed for"), required=N_("Enter their given name")
    )
    family_name: str = person_name(
        N_("Family name of the person you filed for"), required=N_("Enter their family name")
    )
    city: str = text(N_("City or town where you filed"), required=N_("Enter the city or town"))
    state: str = us_state(N_("State where you filed"), required=N_("Select the state"))
    filed_on: str = day(
        N_("Date you filed"),
        noun=N_("The date you filed"),
        required=N_("Enter the date"),
        when="past",
    )
    result: str = choice(
        N_("What happened to it?"), RESULTS, required=N_("Select what happened to it")
    )


class OtherRelative(PageModel):
    """A relative you are also petitioning for."""

    given_name: str = person_name(N_("Their given name"), required=N_("Enter their given name"))
    family_name: str = person_name(N_("Their family name"), required=N_("Enter their family name"))
    relationship: str = text(
        N_("Their relationship to you"),
        required=N_("Enter their relationship to you"),
        hint=N_("For example, son or daughter."),
        max_length=30,
    )


def other_pages() -> tuple[Page, ...]:
    """Earlier petitions, then relatives petitioned for at the same time."""
    petitions = count_model(
        "prior_petitions_count",
        N_("How many petitions have you ever filed, for this relative or anyone else?"),
        N_("The number of petitions"),
        N_("0 if this is your first."),
        required=N_("Enter the number of petitions, or 0"),
    )
    relatives = count_model(
        "other_relatives_count",
        N_("For how many other relatives are you filing separate petitions now?"),
        N_("The number of other relatives"),
        N_("0 if none."),
        required=N_("Enter the number of other relatives, or 0"),
    )
    return (
        Page(
            "prior_petitions",
            OTHER.id,
            N_("Petitions you filed before"),
            petitions,
            documents=(
                needs(
                    DocumentType.APPROVAL_NOTICE,
                    N_("The approval or denial notice of each earlier petition (if you have it)"),
                    N_("You filed petitions before."),
                    at_least(OTHER.id, "prior_petitions_count", 1),
                ),
            ),
        ),
        *numbered_pages(
            page_id="prior_petition",
            section=OTHER.id,
            title=N_("Petition %(n)s"),
            model=PriorPetition,
            count="prior_petitions_count",
            most=PETITIONS_MOST,
            noun=N_("Petition"),
            plural=N_("petitions"),
        ),
        Page("other_relatives", OTHER.id, N_("Other relatives"), relatives),
        *numbered_pages(
            page_id="other_relative",
            section=OTHER.id,
            title=N_("Other relative %(n)s"),
            model=OtherRelative,
            count="other_relatives_count",
            most=RELATIVES_MOST,
            noun=N_("Relative"),
            plural=N_("relatives"),
        ),
    )

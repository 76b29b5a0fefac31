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

OTHER = Section(
    "other_petitions", "Other petitions", "Part 5: petitions you filed before or are filing now."
)
RESULTS = {
    "approved": "Approved",
    "denied": "Denied",
    "withdrawn": "Withdrawn",
    "pending": "Still pending",
}
PETITIONS_MOST = 3
RELATIVES_MOST = 2


class PriorPetition(PageModel):
    """A petition you filed before."""

    given_name: str = person_name(
        "Given name of the person you filed for", required="Enter their given name"
    )
    family_name: str = person_name(
        "Family name of the person you filed for", required="Enter their family name"
    )
    city: str = text("City or town where you filed", required="Enter the city or town")
    state: str = us_state("State where you filed", required="Select the state")
    filed_on: str = day(
        "Date you filed", noun="The date you filed", required="Enter the date", when="past"
    )
    result: str = choice("What happened to it?", RESULTS, required="Select what happened to it")


class OtherRelative(PageModel):
    """A relative you are also petitioning for."""

    given_name: str = person_name("Their given name", required="Enter their given name")
    family_name: str = person_name("Their family name", required="Enter their family name")
    relationship: str = text(
        "Their relationship to you",
        required="Enter their relationship to you",
        hint="For example, son or daughter.",
        max_length=30,
    )


def other_pages() -> tuple[Page, ...]:
    """Earlier petitions, then relatives petitioned for at the same time."""
    petitions = count_model(
        "prior_petitions_count",
        "How many petitions have you ever filed, for this relative or anyone else?",
        "The number of petitions",
        "0 if this is your first.",
    )
    relatives = count_model(
        "other_relatives_count",
        "For how many other relatives are you filing separate petitions now?",
        "The number of other relatives",
        "0 if none.",
    )
    return (
        Page(
            "prior_petitions",
            OTHER.id,
            "Petitions you filed before",
            petitions,
            documents=(
                needs(
                    DocumentType.APPROVAL_NOTICE,
                    "The approval or denial notice of each earlier petition (if you have it)",
                    "You filed petitions before.",
                    at_least(OTHER.id, "prior_petitions_count", 1),
                ),
            ),
        ),
        *numbered_pages(
            page_id="prior_petition",
            section=OTHER.id,
            title="Petition {n}",
            model=PriorPetition,
            count="prior_petitions_count",
            most=PETITIONS_MOST,
            noun="Petition",
            plural="petitions",
        ),
        Page("other_relatives", OTHER.id, "Other relatives", relatives),
        *numbered_pages(
            page_id="other_relative",
            section=OTHER.id,
            title="Other relative {n}",
            model=OtherRelative,
            count="other_relatives_count",
            most=RELATIVES_MOST,
            noun="Relative",
            plural="relatives",
        ),
    )

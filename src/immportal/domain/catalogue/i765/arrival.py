"""I-765 items 17 to 26: passport or travel document, last arrival, status and SEVIS."""

from __future__ import annotations

import re

from pydantic import field_validator

from immportal.domain.catalogue.fields import (
    PageModel,
    choice,
    country,
    day,
    i94_number,
    passport_number,
    text,
)
from immportal.domain.catalogue.i765.categories import STUDENTS
from immportal.domain.catalogue.i765.eligibility import ELIGIBILITY
from immportal.domain.catalogue.model import Page, Section, answered
from immportal.i18n import N_

IMMIGRATION = Section(
    "immigration",
    N_("Your arrival and status"),
    N_("How and when you last came to the United States."),
)
DOCUMENTS = {
    "passport": N_("A passport"),
    "travel_document": N_("A travel document, such as a refugee travel document"),
    "neither": N_("Neither"),
}
_SEVIS = re.compile(r"N\d{10}")


class TravelDocument(PageModel):
    """Which document you travel on."""

    travel_document: str = choice(
        N_("Which document did you most recently travel on?"),
        DOCUMENTS,
        required=N_("Select the document you most recently travelled on"),
        hint=N_("The one issued most recently, even if it has expired."),
    )


class Passport(PageModel):
    """Your passport."""

    passport_number: str = passport_number(
        N_("Passport number"), required=N_("Enter your passport number")
    )
    passport_country: str = country(
        N_("Country that issued it"), required=N_("Select the country that issued your passport")
    )
    passport_expiry: str = day(
        N_("Expiry date"),
        noun=N_("The passport's expiry date"),
        required=N_("Enter the passport's expiry date"),
        hint=N_("It may have expired."),
    )


class TravelDocumentDetails(PageModel):
    """Your travel document."""

    travel_document_number: str = text(
        N_("Travel document number"), required=N_("Enter the travel document number"), max_length=30
    )
    travel_document_country: str = country(
        N_("Country that issued it"), required=N_("Select the country that issued it")
    )
    travel_document_expiry: str = day(
        N_("Expiry date"),
        noun=N_("The travel document's expiry date"),
        required=N_("Enter the travel document's expiry date"),
        hint=N_("It may have expired."),
    )


class Arrival(PageModel):
    """Your last arrival."""

    last_arrival_on: str = day(
        N_("When did you last arrive in the United States?"),
        noun=N_("Date of your last arrival"),
        required=N_("Enter the date you last arrived"),
        hint=N_("The date or a date close to it. For example: January 15 2020"),
        when="past",
    )
    i94_number: str | None = i94_number(
        N_("Your I-94 arrival-departure record number (if you have one)"), required=None
    )
    current_status: str = text(
        N_("Your current immigration status"),
        required=N_("Enter your current immigration status"),
        hint=N_("For example, F-1 student, parolee, deferred action, or no status."),
    )


class ArrivalPlace(PageModel):
    """Where and how you arrived."""

    last_arrival_place: str = text(
        N_("Where did you last arrive?"),
        required=N_("Enter where you last arrived"),
        hint=N_("The city and state, or the airport or border crossing."),
    )
    status_at_arrival: str = text(
        N_("Your immigration status when you arrived"),
        required=N_("Enter your status when you arrived"),
        hint=N_("For example, B-2 visitor, F-1 student, or no status."),
    )


class Sevis(PageModel):
    """Your SEVIS number."""

    sevis_number: str = text(
        N_("Your SEVIS number"),
        required=N_("Enter your SEVIS number"),
        hint=N_("N and 10 numbers, printed on your Form I-20, like N0012345678."),
        max_length=20,
    )

    @field_validator("sevis_number", mode="after")
    @classmethod
    def _shape(cls, value: str) -> str:
        number = re.sub(r"[\s-]", "", value).upper()
        if not _SEVIS.fullmatch(number):
            raise ValueError("Enter a SEVIS number of N and 10 numbers, like N0012345678")
        return number


def arrival_pages() -> tuple[Page, ...]:
    """The pages of the immigration section."""
    return (
        Page(
            "travel_document",
            IMMIGRATION.id,
            N_("Your passport or travel document"),
            TravelDocument,
        ),
        Page(
            "passport",
            IMMIGRATION.id,
            N_("Your passport"),
            Passport,
            answered(IMMIGRATION.id, "travel_document", "passport"),
        ),
        Page(
            "travel_document_details",
            IMMIGRATION.id,
            N_("Your travel document"),
            TravelDocumentDetails,
            answered(IMMIGRATION.id, "travel_document", "travel_document"),
        ),
        Page("arrival", IMMIGRATION.id, N_("Your arrival and status"), Arrival),
        Page("arrival_place", IMMIGRATION.id, N_("Where you arrived"), ArrivalPlace),
        Page(
            "sevis",
            IMMIGRATION.id,
            N_("Your SEVIS number"),
            Sevis,
            answered(ELIGIBILITY.id, "category", *STUDENTS),
        ),
    )

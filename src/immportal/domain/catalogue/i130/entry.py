"""I-130 Part 4 about the relative's travel and plans: time in the United States, travel
document, work, immigration proceedings, native script, the home shared with a husband or
wife, and where the relative will apply for the green card."""

from __future__ import annotations

from immportal.domain.catalogue.fields import (
    PageModel,
    choice,
    country,
    day,
    i94_number,
    long_text,
    passport_number,
    person_name,
    postal_code,
    region,
    text,
    us_state,
    yes_no,
)
from immportal.domain.catalogue.i130.beneficiary import BENEFICIARY
from immportal.domain.catalogue.i130.relationship import RELATIONSHIP
from immportal.domain.catalogue.model import Page, all_of, answered, needs
from immportal.domain.evidence.document_kinds import DocumentType

B = BENEFICIARY.id
DOCUMENTS = {
    "passport": "A passport",
    "travel_document": "A travel document",
    "neither": "Neither",
}
PROCEEDINGS = {
    "removal": "Removal",
    "exclusion": "Exclusion or deportation",
    "rescission": "Rescission",
    "judicial": "Other judicial proceedings",
}
ROUTES = {
    "adjust": "In the United States, by applying to adjust status",
    "consulate": "Abroad, at a U.S. embassy or consulate",
}


class EverInUs(PageModel):
    """Whether your relative was ever here."""

    ever_in_us: str = yes_no(
        "Has your relative ever been in the United States?",
        required="Select yes if your relative has ever been in the United States",
    )


class RelativeInUs(PageModel):
    """Whether your relative is here."""

    in_united_states: str = yes_no(
        "Is your relative in the United States now?",
        required="Select yes if they are in the United States",
    )


class RelativeArrival(PageModel):
    """Your relative's last arrival."""

    arrived_on: str = day(
        "When did they last arrive?",
        noun="Date of their last arrival",
        required="Enter the date they last arrived",
        when="past",
    )
    arrival_class: str = text(
        "How did they arrive?",
        required="Enter how they arrived",
        hint="Their class of admission, like B2 visitor or F1 student, or 'without inspection'.",
        max_length=40,
    )
    i94_number: str | None = i94_number(
        "Their I-94 arrival-departure record number (if any)", required=None
    )
    stay_until: str = text(
        "Until when may they stay?",
        required="Enter the date their permitted stay ends, or D/S",
        hint="The date on their I-94, or D/S (duration of status).",
        max_length=20,
    )


class TravelDocument(PageModel):
    """Which document your relative travels on."""

    travel_document: str = choice(
        "Which document does your relative travel on?",
        DOCUMENTS,
        required="Select the document your relative travels on",
    )


class Passport(PageModel):
    """Your relative's passport."""

    passport_number: str = passport_number(
        "Their passport number", required="Enter their passport number"
    )
    passport_country: str = country(
        "Country that issued it", required="Select the country that issued it"
    )
    passport_expiry: str = day(
        "Expiry date", noun="The passport's expiry date", required="Enter the expiry date"
    )


class TravelDocumentDetails(PageModel):
    """Your relative's travel document."""

    travel_document_number: str = text(
        "Travel document number", required="Enter the travel document number", max_length=30
    )
    travel_document_country: str = country(
        "Country that issued it", required="Select the country that issued it"
    )
    travel_document_expiry: str = day(
        "Expiry date", noun="The travel document's expiry date", required="Enter the expiry date"
    )


class Works(PageModel):
    """Whether your relative works."""

    works: str = yes_no(
        "Does your relative work now?", required="Select yes if your relative works now"
    )


class Employer(PageModel):
    """Your relative's employer."""

    employer_name: str = text("Employer's name", required="Enter the employer's name")
    employer_line1: str = text(
        "Employer's street address", required="Enter the employer's street address", max_length=200
    )
    employer_city: str = text("Employer's city or town", required="Enter the city or town")
    employer_state: str = region(
        "Employer's state, province or region",
        required="Enter the state or region",
        country_field="employer_country",
    )
    employer_postal_code: str = postal_code(
        "Employer's ZIP or postal code",
        required="Enter the ZIP or postal code",
        country_field="employer_country",
    )
    employer_country: str = country("Employer's country", required="Select the country")
    employed_since: str = day(
        "When did your relative start working there?",
        noun="The date they started",
        required="Enter the date they started",
        when="past",
    )


class Proceedings(PageModel):
    """Immigration proceedings."""

    ever_in_proceedings: str = yes_no(
        "Has your relative ever been in immigration proceedings?",
        required="Select yes if your relative has been in immigration proceedings",
    )


class ProceedingsDetails(PageModel):
    """The proceedings."""

    proceedings_type: str = choice(
        "What kind of proceedings?", PROCEEDINGS, required="Select the kind of proceedings"
    )
    proceedings_city: str = text("City or town of the court", required="Enter the city or town")
    proceedings_state: str = us_state("State", required="Select the state")
    proceedings_on: str = day(
        "When did they start?", noun="The date", required="Enter the date", when="past"
    )


class NativeScript(PageModel):
    """Whether your relative writes in another alphabet."""

    native_alphabet: str = yes_no(
        "Is your relative's native alphabet other than Roman letters?",
        required="Select yes if their native alphabet is not Roman letters",
        hint="For example Arabic, Chinese, Cyrillic or Devanagari.",
    )


class NativeDetails(PageModel):
    """Name and address in the native alphabet."""

    native_name: str = person_name(
        "Their full name in their native alphabet", required="Enter their name"
    )
    native_address: str = long_text(
        "Their address in their native alphabet", required="Enter their address"
    )


class LivedTogether(PageModel):
    """Whether you lived together."""

    lived_together: str = yes_no(
        "Have you and your husband or wife ever lived together?",
        required="Select yes if you have lived together",
    )


class SharedAddress(PageModel):
    """The last home you shared."""

    shared_line1: str = text(
        "Street address of the home you shared", required="Enter the street address", max_length=200
    )
    shared_city: str = text("City or town", required="Enter the city or town")
    shared_state: str = region(
        "State, province or region",
        required="Enter the state or region",
        country_field="shared_country",
    )
    shared_country: str = country("Country", required="Select the country")
    shared_from: str = day(
        "When did you start living there together?",
        noun="The date you moved in",
        required="Enter the date you moved in",
        when="past",
    )
    shared_to: str | None = day(
        "When did you stop living there together?",
        noun="The date you stopped",
        required=None,
        hint="Leave empty if you still live there together.",
        when="past",
    )


class Route(PageModel):
    """Where your relative will apply."""

    route: str = choice(
        "Where will your relative apply for their green card?",
        ROUTES,
        required="Select where your relative will apply",
    )


class Adjustment(PageModel):
    """The USCIS office."""

    office_city: str = text(
        "City of the USCIS office nearest to them", required="Enter the office's city"
    )
    office_state: str = us_state("State", required="Select the state")


class Consulate(PageModel):
    """The consulate."""

    consulate_city: str = text("City of the embassy or consulate", required="Enter the city")
    consulate_region: str | None = text("Province (if any)", required=None)
    consulate_country: str = country("Country", required="Select the country")


def entry_pages() -> tuple[Page, ...]:
    """Time in the United States, travel document and arrival."""
    ever = answered(B, "ever_in_us", "yes")
    here = all_of(ever, answered(B, "in_united_states", "yes"))
    return (
        Page("relative_ever_in_us", B, "Your relative and the United States", EverInUs),
        Page("relative_in_us", B, "Is your relative in the United States?", RelativeInUs, ever),
        Page(
            "relative_arrival",
            B,
            "Your relative's last arrival",
            RelativeArrival,
            here,
            documents=(
                needs(
                    DocumentType.I94,
                    "Your relative's I-94 record and the photo page of their passport",
                    "Your relative is in the United States.",
                ),
            ),
        ),
        Page("relative_travel_document", B, "Your relative's passport", TravelDocument),
        Page(
            "relative_passport",
            B,
            "Your relative's passport",
            Passport,
            answered(B, "travel_document", "passport"),
        ),
        Page(
            "relative_travel_document_details",
            B,
            "Your relative's travel document",
            TravelDocumentDetails,
            answered(B, "travel_document", "travel_document"),
        ),
    )


def plans_pages() -> tuple[Page, ...]:
    """Work, proceedings, native script, the shared home and where they will apply."""
    spouse = answered(RELATIONSHIP.id, "relation", "spouse")
    return (
        Page("relative_work", B, "Your relative's work", Works),
        Page(
            "relative_employer",
            B,
            "Your relative's employer",
            Employer,
            answered(B, "works", "yes"),
        ),
        Page("relative_proceedings", B, "Immigration proceedings", Proceedings),
        Page(
            "relative_proceedings_details",
            B,
            "About the proceedings",
            ProceedingsDetails,
            answered(B, "ever_in_proceedings", "yes"),
            documents=(
                needs(
                    DocumentType.IMMIGRATION_COURT_RECORD,
                    "The immigration court's orders and decisions",
                    "Your relative has been in immigration proceedings.",
                ),
            ),
        ),
        Page("relative_native", B, "Your relative's alphabet", NativeScript),
        Page(
            "relative_native_details",
            B,
            "Name and address in their alphabet",
            NativeDetails,
            answered(B, "native_alphabet", "yes"),
        ),
        Page("lived_together", B, "Living together", LivedTogether, spouse),
        Page(
            "shared_address",
            B,
            "The last home you shared",
            SharedAddress,
            all_of(spouse, answered(B, "lived_together", "yes")),
        ),
        Page("relative_route", B, "Where your relative will apply", Route),
        Page(
            "relative_adjustment",
            B,
            "The USCIS office",
            Adjustment,
            answered(B, "route", "adjust"),
        ),
        Page(
            "relative_consulate",
            B,
            "The U.S. embassy or consulate",
            Consulate,
            answered(B, "route", "consulate"),
        ),
    )

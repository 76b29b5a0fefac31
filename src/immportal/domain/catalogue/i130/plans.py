"""I-130 Part 4 about the relative's life and plans: work, immigration proceedings, native
script, the home shared with a husband or wife, and where they will apply for the green card."""

from __future__ import annotations

from immportal.domain.catalogue.fields import (
    PageModel,
    choice,
    country,
    day,
    long_text,
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

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
from immportal.i18n import N_

B = BENEFICIARY.id
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


class Works(PageModel):
    """Whether your relative works."""

    works: str = yes_no(
        N_("Does your relative work now?"), required=N_("Select yes if your relative works now")
    )


class Employer(PageModel):
    """Your relative's employer."""

    employer_name: str = text(N_("Employer's name"), required=N_("Enter the employer's name"))
    employer_line1: str = text(
        N_("Employer's street address"),
        required=N_("Enter the employer's street address"),
        max_length=200,
    )
    employer_city: str = text(N_("Employer's city or town"), required=N_("Enter the city or town"))
    employer_state: str = region(
        N_("Employer's state, province or region"),
        required=N_("Enter the state or region"),
        country_field="employer_country",
    )
    employer_postal_code: str = postal_code(
        N_("Employer's ZIP or postal code"),
        required=N_("Enter the ZIP or postal code"),
        country_field="employer_country",
    )
    employer_country: str = country(N_("Employer's country"), required=N_("Select the country"))
    employed_since: str = day(
        N_("When did your relative start working there?"),
        noun=N_("The date they started"),
        required=N_("Enter the date they started"),
        when="past",
    )


class Proceedings(PageModel):
    """Immigration proceedings."""

    ever_in_proceedings: str = yes_no(
        N_("Has your relative ever been in immigration proceedings?"),
        required=N_("Select yes if your relative has been in immigration proceedings"),
    )


class ProceedingsDetails(PageModel):
    """The proceedings."""

    proceedings_type: str = choice(
        N_("What kind of proceedings?"), PROCEEDINGS, required=N_("Select the kind of proceedings")
    )
    proceedings_city: str = text(
        N_("City or town of the court"), required=N_("Enter the city or town")
    )
    proceedings_state: str = us_state(N_("State"), required=N_("Select the state"))
    proceedings_on: str = day(
        N_("When did they start?"), noun=N_("The date"), required=N_("Enter the date"), when="past"
    )


class NativeScript(PageModel):
    """Whether your relative writes in another alphabet."""

    native_alphabet: str = yes_no(
        N_("Is your relative's native alphabet other than Roman letters?"),
        required=N_("Select yes if their native alphabet is not Roman letters"),
        hint=N_("For example Arabic, Chinese, Cyrillic or Devanagari."),
    )


class NativeDetails(PageModel):
    """Name and address in the native alphabet."""

    native_name: str = person_name(
        N_("Their full name in their native alphabet"), required=N_("Enter their name")
    )
    native_address: str = long_text(
        N_("Their address in their native alphabet"), required=N_("Enter their address")
    )


class LivedTogether(PageModel):
    """Whether you lived together."""

    lived_together: str = yes_no(
        N_("Have you and your husband or wife ever lived together?"),
        required=N_("Select yes if you have lived together"),
    )


class SharedAddress(PageModel):
    """The last home you shared."""

    shared_line1: str = text(
        N_("Street address of the home you shared"),
        required=N_("Enter the street address"),
        max_length=200,
    )
    shared_city: str = text(N_("City or town"), required=N_("Enter the city or town"))
    shared_state: str = region(
        N_("State, province or region"),
        required=N_("Enter the state or region"),
        country_field="shared_country",
    )
    shared_country: str = country(N_("Country"), required=N_("Select the country"))
    shared_from: str = day(
        N_("When did you start living there together?"),
        noun=N_("The date you moved in"),
        required=N_("Enter the date you moved in"),
        when="past",
    )
    shared_to: str | None = day(
        N_("When did you stop living there together?"),
        noun=N_("The date you stopped"),
        required=None,
        hint=N_("Leave empty if you still live there together."),
        when="past",
    )


class Route(PageModel):
    """Where your relative will apply."""

    route: str = choice(
        N_("Where will your relative apply for their green card?"),
        ROUTES,
        required=N_("Select where your relative will apply"),
    )


class Adjustment(PageModel):
    """The USCIS office."""

    office_city: str = text(
        N_("City of the USCIS office nearest to them"), required=N_("Enter the office's city")
    )
    office_state: str = us_state(N_("State"), required=N_("Select the state"))


class Consulate(PageModel):
    """The consulate."""

    consulate_city: str = text(
        N_("City of the embassy or consulate"), required=N_("Enter the city")
    )
    consulate_region: str | None = text(N_("Province (if any)"), required=None)
    consulate_country: str = country(N_("Country"), required=N_("Select the country"))


def plans_pages() -> tuple[Page, ...]:
    """Work, proceedings, native script, the shared home and where they will apply."""
    spouse = answered(RELATIONSHIP.id, "relation", "spouse")
    return (
        Page("relative_work", B, N_("Your relative's work"), Works),
        Page(
            "relative_employer",
            B,
            N_("Your relative's employer"),
            Employer,
            answered(B, "works", "yes"),
        ),
        Page("relative_proceedings", B, N_("Immigration proceedings"), Proceedings),
        Page(
            "relative_proceedings_details",
            B,
            N_("About the proceedings"),
            ProceedingsDetails,
            answered(B, "ever_in_proceedings", "yes"),
            documents=(
                needs(
                    DocumentType.IMMIGRATION_COURT_RECORD,
                    N_("The immigration court's orders and decisions"),
                    N_("Your relative has been in immigration proceedings."),
                ),
            ),
        ),
        Page("relative_native", B, N_("Your relative's alphabet"), NativeScript),
        Page(
            "relative_native_details",
            B,
            N_("Name and address in their alphabet"),
            NativeDetails,
            answered(B, "native_alphabet", "yes"),
        ),
        Page("lived_together", B, N_("Living together"), LivedTogether, spouse),
        Page(
            "shared_address",
            B,
            N_("The last home you shared"),
            SharedAddress,
            all_of(spouse, answered(B, "lived_together", "yes")),
        ),
        Page("relative_route", B, N_("Where your relative will apply"), Route),
        Page(
            "relative_adjustment",
            B,
            N_("The USCIS office"),
            Adjustment,
            answered(B, "route", "adjust"),
        ),
        Page(
            "relative_consulate",
            B,
            N_("The U.S. embassy or consulate"),
            Consulate,
            answered(B, "route", "consulate"),
        ),
    )

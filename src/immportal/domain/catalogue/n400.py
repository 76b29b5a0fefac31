"""Form N-400, Application for Naturalization (Parts 1, 2, 5, 6, 8 and 9)."""

from __future__ import annotations

from immportal.domain.cases.forms import FormType
from immportal.domain.catalogue.common import APPLICANT, CONTACT, about_you_pages, contact_pages
from immportal.domain.catalogue.fields import (
    PageModel,
    a_number,
    choice,
    day,
    long_text,
    number,
    person_name,
    yes_no,
)
from immportal.domain.catalogue.model import Form, Page, Section, all_of, answered, any_of, at_least
from immportal.domain.catalogue.rules import dates_in_order

ELIGIBILITY = Section("eligibility", "Your eligibility", "Part 1: why you can apply now.")
RESIDENCE = Section("residence", "Your permanent residence", "Part 2: your green card.")
MARRIAGE = Section("marital_history", "Your marital history", "Part 5: your marriages.")
CHILDREN = Section("children", "Your children", "Part 6: your sons and daughters.")
TRAVEL = Section("time_outside", "Time outside the United States", "Part 8: the last 5 years.")
CHARACTER = Section(
    "character", "Additional questions", "Part 9: questions every applicant answers."
)

BASES = {
    "five_years": "I have been a permanent resident for at least 5 years",
    "married_three_years": (
        "I have been a permanent resident for at least 3 years, married to and living with "
        "the same U.S. citizen for those 3 years"
    ),
    "military": "I am serving, or have served, in the U.S. armed forces",
    "other": "Another reason",
}
MARITAL = {
    "single": "Single, never married",
    "married": "Married",
    "separated": "Separated",
    "divorced": "Divorced",
    "widowed": "Widowed",
    "annulled": "Marriage annulled",
}
_MARRIED_NOW = answered(MARRIAGE.id, "marital_status", "married", "separated")


class Basis(PageModel):
    """Why you can apply."""

    basis: str = choice(
        "Why can you apply for citizenship?", BASES, required="Select why you can apply"
    )


class OtherBasis(PageModel):
    """Another basis."""

    other_basis: str = long_text("Tell us why you can apply", required="Tell us why you can apply")


class GreenCard(PageModel):
    """Your permanent residence."""

    a_number: str = a_number(
        "Alien Registration Number (A-Number)",
        required="Enter your A-Number",
        hint="Labelled USCIS# on your green card: 7 to 9 numbers.",
    )
    resident_since: str = day(
        "When did you become a permanent resident?",
        noun="The date you became a permanent resident",
        required="Enter the date you became a permanent resident",
        hint="The 'Resident since' date on your green card.",
        when="past",
    )


class MaritalStatus(PageModel):
    """Your marital status."""

    marital_status: str = choice(
        "What is your marital status?", MARITAL, required="Select your marital status"
    )


class TimesMarried(PageModel):
    """How often you have married."""

    times_married: int = number(
        "How many times have you been married?",
        noun="The number of marriages",
        required="Enter how many times you have been married",
        hint="Count marriages that were annulled, and marriages to the same person.",
        most=20,
    )


class Spouse(PageModel):
    """Your current husband or wife."""

    spouse_given_name: str = person_name(
        "Their given name (first name)", required="Enter their given name"
    )
    spouse_family_name: str = person_name(
        "Their family name (last name)", required="Enter their family name"
    )
    spouse_date_of_birth: str = day(
        "Their date of birth",
        noun="Their date of birth",
        required="Enter their date of birth",
        when="past",
    )
    married_on: str = day(
        "Date of marriage",
        noun="Date of marriage",
        required="Enter your date of marriage",
        when="past",
    )
    spouse_is_citizen: str = yes_no(
        "Is your husband or wife a U.S. citizen?", required="Select yes if they are a U.S. citizen"
    )


class SpouseCitizenship(PageModel):
    """Since when your spouse has been a citizen (the 3-year rule counts from it)."""

    spouse_citizen_since: str = day(
        "When did your husband or wife become a U.S. citizen?",
        noun="The date they became a citizen",
        required="Enter the date they became a citizen",
        hint="Their date of birth if they were born a citizen.",
        when="past",
    )


class Children(PageModel):
    """Your children."""

    children_count: int = number(
        "How many sons and daughters have you had?",
        noun="The number of sons and daughters",
        required="Enter how many sons and daughters you have had",
        hint=(
            "Include children who are adults, stepchildren, adopted children "
            "and children who have died."
        ),
        most=30,
    )


class Trips(PageModel):
    """Trips abroad."""

    trip_count: int = number(
        (
            "How many trips of more than 24 hours have you taken outside the United States "
            "in the last 5 years?"
        ),
        noun="The number of trips",
        required="Enter how many trips you took, or 0",
        most=500,
    )


class TripDetails(PageModel):
    """How long you were away."""

    days_outside: int = number(
        "How many days in total did you spend outside the United States during those trips?",
        noun="The number of days",
        required="Enter the total number of days",
        most=1830,
    )
    six_months_or_more: str = yes_no(
        "Did any trip last 6 months or more?",
        required="Select yes if any trip lasted 6 months or more",
    )


class Claims(PageModel):
    """Claims to citizenship and voting."""

    claimed_citizenship: str = yes_no(
        "Have you ever claimed to be a U.S. citizen (in writing or any other way)?",
        required="Select yes if you have ever claimed to be a U.S. citizen",
    )
    voted: str = yes_no(
        (
            "Have you ever voted or registered to vote in any federal, state or local "
            "election in the United States?"
        ),
        required="Select yes if you have ever voted or registered to vote",
    )


class Arrests(PageModel):
    """Arrests."""

    ever_arrested: str = yes_no(
        (
            "Have you ever been arrested, cited, charged or detained by any law "
            "enforcement officer, anywhere?"
        ),
        required="Select yes if you have ever been arrested, cited, charged or detained",
        hint=(
            "You do not need to include traffic tickets under $500 that did not involve "
            "alcohol or drugs."
        ),
    )


class ArrestDetails(PageModel):
    """What happened."""

    arrest_details: str = long_text(
        "Tell us what happened, when and where", required="Tell us what happened, when and where"
    )


class Taxes(PageModel):
    """Taxes."""

    owes_taxes: str = yes_no(
        "Do you owe any overdue federal, state or local taxes?",
        required="Select yes if you owe overdue taxes",
    )


FORM = Form(
    FormType.N400,
    sections=(APPLICANT, CONTACT, ELIGIBILITY, RESIDENCE, MARRIAGE, CHILDREN, TRAVEL, CHARACTER),
    pages=(
        *about_you_pages(),
        *contact_pages(),
        Page("basis", ELIGIBILITY.id, "Why can you apply?", Basis),
        Page(
            "other_basis",
            ELIGIBILITY.id,
            "Your reason for applying",
            OtherBasis,
            answered(ELIGIBILITY.id, "basis", "other"),
        ),
        Page("green_card", RESIDENCE.id, "About your green card", GreenCard),
        Page("marital_status", MARRIAGE.id, "What is your marital status?", MaritalStatus),
        Page(
            "times_married",
            MARRIAGE.id,
            "How many times have you been married?",
            TimesMarried,
            answered(MARRIAGE.id, "marital_status", *(set(MARITAL) - {"single"})),
        ),
        Page(
            "spouse",
            MARRIAGE.id,
            "About your husband or wife",
            Spouse,
            any_of(_MARRIED_NOW, answered(ELIGIBILITY.id, "basis", "married_three_years")),
        ),
        Page(
            "spouse_citizenship",
            MARRIAGE.id,
            "When did your husband or wife become a citizen?",
            SpouseCitizenship,
            all_of(
                answered(ELIGIBILITY.id, "basis", "married_three_years"),
                answered(MARRIAGE.id, "spouse_is_citizen", "yes"),
            ),
        ),
        Page("children", CHILDREN.id, "Your sons and daughters", Children),
        Page("trips", TRAVEL.id, "Trips outside the United States", Trips),
        Page(
            "trip_details",
            TRAVEL.id,
            "About your time outside the United States",
            TripDetails,
            at_least(TRAVEL.id, "trip_count", 1),
        ),
        Page("claims", CHARACTER.id, "Citizenship claims and voting", Claims),
        Page("arrests", CHARACTER.id, "Arrests, citations and detentions", Arrests),
        Page(
            "arrest_details",
            CHARACTER.id,
            "About the arrest, citation or detention",
            ArrestDetails,
            answered(CHARACTER.id, "ever_arrested", "yes"),
        ),
        Page("taxes", CHARACTER.id, "Taxes", Taxes),
    ),
    summary="Apply to become a U.S. citizen.",
    rules=(
        dates_in_order(
            (APPLICANT.id, "date_of_birth"),
            (RESIDENCE.id, "resident_since"),
            "The date you became a permanent resident must be after your date of birth",
        ),
    ),
)

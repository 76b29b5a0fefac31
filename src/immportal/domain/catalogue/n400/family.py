"""N-400 Parts 5 and 6: marital history and children."""

from __future__ import annotations

from immportal.domain.catalogue.entries import numbered_pages
from immportal.domain.catalogue.fields import (
    PageModel,
    a_number,
    choice,
    day,
    number,
    person_name,
    text,
    yes_no,
)
from immportal.domain.catalogue.model import Page, Section, all_of, answered, any_of
from immportal.domain.catalogue.n400.about import ELIGIBILITY, SPOUSE_BASES

MARRIAGE = Section("marital_history", "Your marital history", "Part 5: your marriages.")
CHILDREN = Section("children", "Your children", "Part 6: your sons and daughters under 18.")

MARITAL = {
    "single": "Single, never married",
    "married": "Married",
    "separated": "Separated",
    "divorced": "Divorced",
    "widowed": "Widowed",
    "annulled": "Marriage annulled",
}
CITIZEN_BY = {
    "birth": "By birth in the United States",
    "other": "Another way, such as naturalization",
}
CHILD_RELATION = {
    "biological": "My biological child",
    "stepchild": "My stepchild",
    "adopted": "My legally adopted child",
}
CHILD_HOME = {
    "with_me": "With me",
    "elsewhere": "Not with me",
    "unknown": "I do not know (missing or unknown)",
}
CHILDREN_MOST = 6
MARRIED_NOW = answered(MARRIAGE.id, "marital_status", "married", "separated")
SPOUSE_BASIS = answered(ELIGIBILITY.id, "basis", *SPOUSE_BASES)


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
    spouse_middle_name: str | None = person_name("Their middle name (if any)", required=None)
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
    spouse_same_address: str = yes_no(
        "Does your husband or wife live at your address?",
        required="Select yes if they live at your address",
    )
    spouse_in_military: str = yes_no(
        "Is your husband or wife serving in the U.S. armed forces?",
        required="Select yes if they serve in the U.S. armed forces",
    )


class SpouseCitizenship(PageModel):
    """How your spouse became a citizen (the 3-year rule counts from it)."""

    spouse_citizen_by: str = choice(
        "How did your husband or wife become a U.S. citizen?",
        CITIZEN_BY,
        required="Select how they became a citizen",
    )
    spouse_a_number: str | None = a_number("Their A-Number (if any)", required=None)
    spouse_times_married: int = number(
        "How many times has your husband or wife been married?",
        noun="The number of their marriages",
        required="Enter how many times they have been married",
        most=20,
    )


class SpouseNaturalized(PageModel):
    """Since when your spouse has been a citizen."""

    spouse_citizen_since: str = day(
        "When did your husband or wife become a U.S. citizen?",
        noun="The date they became a citizen",
        required="Enter the date they became a citizen",
        when="past",
    )


class SpouseEmployer(PageModel):
    """Your spouse's employer abroad."""

    spouse_employer: str = text(
        "Who employs your husband or wife abroad?",
        required="Enter their employer",
        hint="The U.S. government agency, company or organization.",
    )


class Children(PageModel):
    """Your children."""

    children_count: int = number(
        "How many sons and daughters under 18 do you have?",
        noun="The number of sons and daughters",
        required="Enter how many sons and daughters under 18 you have",
        hint="Include stepchildren, adopted children, and children who do not live with you.",
        most=30,
    )


class ChildEntry(PageModel):
    """One son or daughter."""

    given_name: str = person_name("Given name", required="Enter the child's given name")
    family_name: str = person_name("Family name", required="Enter the child's family name")
    date_of_birth: str = day(
        "Date of birth",
        noun="The child's date of birth",
        required="Enter the date of birth",
        when="past",
    )
    relation: str = choice(
        "Who is the child to you?", CHILD_RELATION, required="Select who they are"
    )
    lives: str = choice("Where does the child live?", CHILD_HOME, required="Select where they live")
    supported: str = yes_no(
        "Do you support the child?", required="Select yes if you support the child"
    )


def marriage_pages() -> tuple[Page, ...]:
    """Part 5."""
    return (
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
            any_of(MARRIED_NOW, SPOUSE_BASIS),
        ),
        Page(
            "spouse_citizenship",
            MARRIAGE.id,
            "Your husband's or wife's citizenship",
            SpouseCitizenship,
            SPOUSE_BASIS,
        ),
        Page(
            "spouse_naturalized",
            MARRIAGE.id,
            "When did your husband or wife become a citizen?",
            SpouseNaturalized,
            all_of(SPOUSE_BASIS, answered(MARRIAGE.id, "spouse_citizen_by", "other")),
        ),
        Page(
            "spouse_employer",
            MARRIAGE.id,
            "Your husband's or wife's employer",
            SpouseEmployer,
            answered(ELIGIBILITY.id, "basis", "spouse_abroad"),
        ),
    )


def children_pages() -> tuple[Page, ...]:
    """Part 6."""
    return (
        Page("children", CHILDREN.id, "Your sons and daughters", Children),
        *numbered_pages(
            page_id="child",
            section=CHILDREN.id,
            title="Child {n}",
            model=ChildEntry,
            count="children_count",
            most=CHILDREN_MOST,
            noun="Child",
            plural="sons and daughters",
        ),
    )

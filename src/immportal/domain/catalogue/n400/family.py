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
from immportal.i18n import N_

MARRIAGE = Section("marital_history", N_("Your marital history"), N_("Part 5: your marriages."))
CHILDREN = Section("children", N_("Your children"), N_("Part 6: your sons and daughters under 18."))

MARITAL = {
    "single": N_("Single, never married"),
    "married": N_("Married"),
    "separated": N_("Separated"),
    "divorced": N_("Divorced"),
    "widowed": N_("Widowed"),
    "annulled": N_("Marriage annulled"),
}
CITIZEN_BY = {
    "birth": N_("By birth in the United States"),
    "other": N_("Another way, such as naturalization"),
}
CHILD_RELATION = {
    "biological": N_("My biological child"),
    "stepchild": N_("My stepchild"),
    "adopted": N_("My legally adopted child"),
}
CHILD_HOME = {
    "with_me": N_("With me"),
    "elsewhere": N_("Not with me"),
    "unknown": N_("I do not know (missing or unknown)"),
}
CHILDREN_MOST = 6
MARRIED_NOW = answered(MARRIAGE.id, "marital_status", "married", "separated")
SPOUSE_BASIS = answered(ELIGIBILITY.id, "basis", *SPOUSE_BASES)


class MaritalStatus(PageModel):
    """Your marital status."""

    marital_status: str = choice(
        N_("What is your marital status?"), MARITAL, required=N_("Select your marital status")
    )


class TimesMarried(PageModel):
    """How often you have married."""

    times_married: int = number(
        N_("How many times have you been married?"),
        noun=N_("The number of marriages"),
        required=N_("Enter how many times you have been married"),
        hint=N_("Count marriages that were annulled, and marriages to the same person."),
        most=20,
    )


class Spouse(PageModel):
    """Your current husband or wife."""

    spouse_given_name: str = person_name(
        N_("Their given name (first name)"), required=N_("Enter their given name")
    )
    spouse_middle_name: str | None = person_name(N_("Their middle name (if any)"), required=None)
    spouse_family_name: str = person_name(
        N_("Their family name (last name)"), required=N_("Enter their family name")
    )
    spouse_date_of_birth: str = day(
        N_("Their date of birth"),
        noun=N_("Their date of birth"),
        required=N_("Enter their date of birth"),
        when="past",
    )
    married_on: str = day(
        N_("Date of marriage"),
        noun=N_("Date of marriage"),
        required=N_("Enter your date of marriage"),
        when="past",
    )
    spouse_is_citizen: str = yes_no(
        N_("Is your husband or wife a U.S. citizen?"),
        required=N_("Select yes if they are a U.S. citizen"),
    )
    spouse_same_address: str = yes_no(
        N_("Does your husband or wife live at your address?"),
        required=N_("Select yes if they live at your address"),
    )
    spouse_in_military: str = yes_no(
        N_("Is your husband or wife serving in the U.S. armed forces?"),
        required=N_("Select yes if they serve in the U.S. armed forces"),
    )


class SpouseCitizenship(PageModel):
    """How your spouse became a citizen (the 3-year rule counts from it)."""

    spouse_citizen_by: str = choice(
        N_("How did your husband or wife become a U.S. citizen?"),
        CITIZEN_BY,
        required=N_("Select how they became a citizen"),
    )
    spouse_a_number: str | None = a_number(N_("Their A-Number (if any)"), required=None)
    spouse_times_married: int = number(
        N_("How many times has your husband or wife been married?"),
        noun=N_("The number of their marriages"),
        required=N_("Enter how many times they have been married"),
        most=20,
    )


class SpouseNaturalized(PageModel):
    """Since when your spouse has been a citizen."""

    spouse_citizen_since: str = day(
        N_("When did your husband or wife become a U.S. citizen?"),
        noun=N_("The date they became a citizen"),
        required=N_("Enter the date they became a citizen"),
        when="past",
    )


class SpouseEmployer(PageModel):
    """Your spouse's employer abroad."""

    spouse_employer: str = text(
        N_("Who employs your husband or wife abroad?"),
        required=N_("Enter their employer"),
        hint=N_("The U.S. government agency, company or organization."),
    )


class Children(PageModel):
    """Your children."""

    children_count: int = number(
        N_("How many sons and daughters under 18 do you have?"),
        noun=N_("The number of sons and daughters"),
        required=N_("Enter how many sons and daughters under 18 you have"),
        hint=N_("Include stepchildren, adopted children, and children who do not live with you."),
        most=30,
    )


class ChildEntry(PageModel):
    """One son or daughter."""

    given_name: str = person_name(N_("Given name"), required=N_("Enter the child's given name"))
    family_name: str = person_name(N_("Family name"), required=N_("Enter the child's family name"))
    date_of_birth: str = day(
        N_("Date of birth"),
        noun=N_("The child's date of birth"),
        required=N_("Enter the date of birth"),
        when="past",
    )
    relation: str = choice(
        N_("Who is the child to you?"), CHILD_RELATION, required=N_("Select who they are")
    )
    lives: str = choice(
        N_("Where does the child live?"), CHILD_HOME, required=N_("Select where they live")
    )
    supported: str = yes_no(
        N_("Do you support the child?"), required=N_("Select yes if you support the child")
    )


def marriage_pages() -> tuple[Page, ...]:
    """Part 5."""
    return (
        Page("marital_status", MARRIAGE.id, N_("What is your marital status?"), MaritalStatus),
        Page(
            "times_married",
            MARRIAGE.id,
            N_("How many times have you been married?"),
            TimesMarried,
            answered(MARRIAGE.id, "marital_status", *(set(MARITAL) - {"single"})),
        ),
        Page(
            "spouse",
            MARRIAGE.id,
            N_("About your husband or wife"),
            Spouse,
            any_of(MARRIED_NOW, SPOUSE_BASIS),
        ),
        Page(
            "spouse_citizenship",
            MARRIAGE.id,
            N_("Your husband's or wife's citizenship"),
            SpouseCitizenship,
            SPOUSE_BASIS,
        ),
        Page(
            "spouse_naturalized",
            MARRIAGE.id,
            N_("When did your husband or wife become a citizen?"),
            SpouseNaturalized,
            all_of(SPOUSE_BASIS, answered(MARRIAGE.id, "spouse_citizen_by", "other")),
        ),
        Page(
            "spouse_employer",
            MARRIAGE.id,
            N_("Your husband's or wife's employer"),
            SpouseEmployer,
            answered(ELIGIBILITY.id, "basis", "spouse_abroad"),
        ),
    )


def children_pages() -> tuple[Page, ...]:
    """Part 6."""
    return (
        Page("children", CHILDREN.id, N_("Your sons and daughters"), Children),
        *numbered_pages(
            page_id="child",
            section=CHILDREN.id,
            title=N_("Child %(n)s"),
            model=ChildEntry,
            count="children_count",
            most=CHILDREN_MOST,
            noun=N_("Child"),
            plural=N_("sons and daughters"),
        ),
    )

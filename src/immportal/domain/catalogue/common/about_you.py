"""About you: the name and date of birth every form asks first, and the other personal
questions forms share (other names, place of birth, sex, numbers)."""

from __future__ import annotations

from immportal.domain.catalogue.entries import numbered_pages
from immportal.domain.catalogue.fields import (
    PageModel,
    a_number,
    choice,
    country,
    day,
    number,
    person_name,
    ssn,
    text,
    uscis_account_number,
)
from immportal.domain.catalogue.model import DocumentRule, Page, Section

APPLICANT = Section(
    "applicant", "About you", "Your name, birth and other details, exactly as on your documents."
)
SEX = {"female": "Female", "male": "Male"}
SEX_HINT = "As shown on your birth certificate or your immigration documents."


class YourName(PageModel):
    """Your full legal name."""

    given_name: str = person_name(
        "Given name (first name)",
        required="Enter your given name",
        hint="Use the name on your passport or permanent resident card.",
    )
    middle_name: str | None = person_name("Middle name (if you have one)", required=None)
    family_name: str = person_name("Family name (last name)", required="Enter your family name")


class DateOfBirth(PageModel):
    """When you were born."""

    date_of_birth: str = day(
        "Date of birth",
        noun="Date of birth",
        required="Enter your date of birth",
        when="past",
    )


class OtherNamesCount(PageModel):
    """How many other names."""

    other_names_count: int = number(
        "How many other names have you used?",
        noun="The number of other names",
        required="Enter how many other names you have used, or 0",
        hint="Count a name before marriage, other spellings, aliases and nicknames. 0 if none.",
        most=20,
    )


class OtherName(PageModel):
    """One other name."""

    given_name: str = person_name("Given name", required="Enter the given name")
    middle_name: str | None = person_name("Middle name (if any)", required=None)
    family_name: str = person_name("Family name", required="Enter the family name")


class BirthPlace(PageModel):
    """Where you were born."""

    birth_city: str = text("City, town or village of birth", required="Enter where you were born")
    birth_region: str | None = text("State or province of birth (if any)", required=None)
    birth_country: str = country(
        "Country of birth",
        required="Select the country where you were born",
        hint="The country as it was called when you were born, if that is on the list.",
    )


class Sex(PageModel):
    """Your sex."""

    sex: str = choice("Sex", SEX, required="Select your sex", hint=SEX_HINT)


class Numbers(PageModel):
    """Numbers you may have been given."""

    a_number: str | None = a_number("Alien Registration Number (A-Number), if any", required=None)
    uscis_account_number: str | None = uscis_account_number(
        "USCIS online account number, if any", required=None
    )
    ssn: str | None = ssn("U.S. Social Security number, if any", required=None)


def about_you_pages() -> tuple[Page, ...]:
    """The name and date of birth pages every form starts with."""
    return (
        Page("name", APPLICANT.id, "What is your name?", YourName),
        Page("date_of_birth", APPLICANT.id, "What is your date of birth?", DateOfBirth),
    )


def other_names_pages(
    section: str = APPLICANT.id,
    most: int = 3,
    documents: tuple[DocumentRule, ...] = (),
    prefix: str = "",
    whose: str = "you",
) -> tuple[Page, ...]:
    """How many other names, then one page per name (the paper forms have 3 rows); a
    `prefix` names another person's pages (relative_other_names…)."""
    count = OtherNamesCount if not prefix else _count_for(whose)
    return (
        Page(
            f"{prefix}other_names",
            section,
            "Have you used other names?" if not prefix else f"Has {whose} used other names?",
            count,
            documents=documents,
        ),
        *numbered_pages(
            page_id=f"{prefix}other_name",
            section=section,
            title="Other name {n}",
            model=OtherName,
            count="other_names_count",
            most=most,
            noun="Other name",
            plural="names",
        ),
    )


def _count_for(whose: str) -> type[PageModel]:
    """The other names question asked about someone else (saved as other_names_count)."""

    class OtherNamesOf(PageModel):
        """How many other names."""

        other_names_count: int = number(
            f"How many other names has {whose} used?",
            noun="The number of other names",
            required="Enter how many other names they have used, or 0",
            hint="Count a name before marriage, other spellings, aliases and nicknames. 0 if none.",
            most=20,
        )

    return OtherNamesOf

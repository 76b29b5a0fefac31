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
from immportal.domain.catalogue.words import composed
from immportal.i18n import N_

APPLICANT = Section(
    "applicant",
    N_("About you"),
    N_("Your name, birth and other details, exactly as on your documents."),
)
SEX = {"female": N_("Female"), "male": N_("Male")}
SEX_HINT = N_("As shown on your birth certificate or your immigration documents.")


class YourName(PageModel):
    """Your full legal name."""

    given_name: str = person_name(
        N_("Given name (first name)"),
        required=N_("Enter your given name"),
        hint=N_("Use the name on your passport or permanent resident card."),
    )
    middle_name: str | None = person_name(N_("Middle name (if you have one)"), required=None)
    family_name: str = person_name(
        N_("Family name (last name)"), required=N_("Enter your family name")
    )


class DateOfBirth(PageModel):
    """When you were born."""

    date_of_birth: str = day(
        N_("Date of birth"),
        noun=N_("Date of birth"),
        required=N_("Enter your date of birth"),
        when="past",
    )


class OtherNamesCount(PageModel):
    """How many other names."""

    other_names_count: int = number(
        N_("How many other names have you used?"),
        noun=N_("The number of other names"),
        required=N_("Enter how many other names you have used, or 0"),
        hint=N_("Count a name before marriage, other spellings, aliases and nicknames. 0 if none."),
        most=20,
    )


class OtherName(PageModel):
    """One other name."""

    given_name: str = person_name(N_("Given name"), required=N_("Enter the given name"))
    middle_name: str | None = person_name(N_("Middle name (if any)"), required=None)
    family_name: str = person_name(N_("Family name"), required=N_("Enter the family name"))


class BirthPlace(PageModel):
    """Where you were born."""

    birth_city: str = text(
        N_("City, town or village of birth"), required=N_("Enter where you were born")
    )
    birth_region: str | None = text(N_("State or province of birth (if any)"), required=None)
    birth_country: str = country(
        N_("Country of birth"),
        required=N_("Select the country where you were born"),
        hint=N_("The country as it was called when you were born, if that is on the list."),
    )


class Sex(PageModel):
    """Your sex."""

    sex: str = choice(N_("Sex"), SEX, required=N_("Select your sex"), hint=SEX_HINT)


class Numbers(PageModel):
    """Numbers you may have been given."""

    a_number: str | None = a_number(
        N_("Alien Registration Number (A-Number), if any"), required=None
    )
    uscis_account_number: str | None = uscis_account_number(
        N_("USCIS online account number, if any"), required=None
    )
    ssn: str | None = ssn(N_("U.S. Social Security number, if any"), required=None)


def about_you_pages() -> tuple[Page, ...]:
    """The name and date of birth pages every form starts with."""
    return (
        Page("name", APPLICANT.id, N_("What is your name?"), YourName),
        Page("date_of_birth", APPLICANT.id, N_("What is your date of birth?"), DateOfBirth),
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
            N_("Have you used other names?")
            if not prefix
            else composed(N_("Has %(whose)s used other names?"), whose=whose),
            count,
            documents=documents,
        ),
        *numbered_pages(
            page_id=f"{prefix}other_name",
            section=section,
            title=N_("Other name %(n)s"),
            model=OtherName,
            count="other_names_count",
            most=most,
            noun=N_("Other name"),
            plural=N_("names"),
        ),
    )


def _count_for(whose: str) -> type[PageModel]:
    """The other names question asked about someone else (saved as other_names_count)."""

    class OtherNamesOf(PageModel):
        """How many other names."""

        other_names_count: int = number(
            composed(N_("How many other names has %(whose)s used?"), whose=whose),
            noun=N_("The number of other names"),
            required=N_("Enter how many other names they have used, or 0"),
            hint=N_(
                "Count a name before marriage, other spellings, aliases and nicknames. 0 if none."
            ),
            most=20,
        )

    return OtherNamesOf

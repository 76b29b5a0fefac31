"""I-130 Parts 2 and 3 about the petitioner: identity, parents, address and job history,
marital history and description."""

from __future__ import annotations

from immportal.domain.catalogue.common import (
    APPLICANT,
    CONTACT,
    SEX,
    SEX_HINT,
    Biographics,
    Numbers,
    other_names_pages,
)
from immportal.domain.catalogue.common.history import (
    JobWithAddress,
    address_history_pages,
    job_pages,
)
from immportal.domain.catalogue.entries import prefixed
from immportal.domain.catalogue.fields import (
    PageModel,
    choice,
    country,
    day,
    person_name,
    text,
)
from immportal.domain.catalogue.i130.marital import YOU, marital_pages
from immportal.domain.catalogue.model import Page, Section

MARITAL_SECTION = Section(
    "marital", "Your marital history", "Part 2: your marriages, now and before."
)
WORK = Section("work", "Your work", "Part 2: where you worked in the last 5 years.")


class BirthAndSex(PageModel):
    """Where you were born, and your sex."""

    birth_city: str = text("City, town or village of birth", required="Enter where you were born")
    birth_country: str = country(
        "Country of birth", required="Select the country where you were born"
    )
    sex: str = choice("Sex", SEX, required="Select your sex", hint=SEX_HINT)


class Parent(PageModel):
    """One of your parents."""

    given_name: str = person_name(
        "Given name", required="Enter their given name, or Unknown", hint="Unknown if not known."
    )
    middle_name: str | None = person_name("Middle name (if any)", required=None)
    family_name: str = person_name("Family name", required="Enter their family name, or Unknown")
    date_of_birth: str = day(
        "Date of birth",
        noun="Their date of birth",
        required="Enter their date of birth",
        when="past",
    )
    sex: str = choice("Sex", SEX, required="Select their sex")
    birth_country: str = country("Country of birth", required="Select their country of birth")
    residence_city: str = text(
        "City or town where they live",
        required="Enter where they live",
        hint="Write Deceased if they have died.",
    )
    residence_country: str = country(
        "Country where they live (or lived)", required="Select the country"
    )


def petitioner_pages() -> tuple[Page, ...]:
    """The applicant section's pages after the name and date of birth."""
    return (
        *other_names_pages(),
        Page("birth_place", APPLICANT.id, "Where were you born?", BirthAndSex),
        Page(
            "numbers",
            APPLICANT.id,
            "Numbers you may have",
            Numbers,
            hint="Leave a box empty if you were never given that number.",
        ),
        Page(
            "parent_1",
            APPLICANT.id,
            "Your first parent",
            prefixed(Parent, "parent_1", lambda label: f"Parent 1: {label}"),
        ),
        Page(
            "parent_2",
            APPLICANT.id,
            "Your second parent",
            prefixed(Parent, "parent_2", lambda label: f"Parent 2: {label}"),
        ),
        Page("description", APPLICANT.id, "What do you look like?", Biographics),
    )


def address_pages() -> tuple[Page, ...]:
    """The addresses of the last 5 years, asked with the contact details."""
    return address_history_pages(CONTACT.id, years="5 years")


def history_pages() -> tuple[Page, ...]:
    """Marriages and jobs."""
    return (
        *marital_pages(MARITAL_SECTION.id, YOU),
        *job_pages(WORK.id, years="5 years", model=JobWithAddress),
    )

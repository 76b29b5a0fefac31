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
from immportal.domain.catalogue.words import composed
from immportal.i18n import N_

MARITAL_SECTION = Section(
    "marital", N_("Your marital history"), N_("Part 2: your marriages, now and before.")
)
WORK = Section("work", N_("Your work"), N_("Part 2: where you worked in the last 5 years."))


class BirthAndSex(PageModel):
    """Where you were born, and your sex."""

    birth_city: str = text(
        N_("City, town or village of birth"), required=N_("Enter where you were born")
    )
    birth_country: str = country(
        N_("Country of birth"), required=N_("Select the country where you were born")
    )
    sex: str = choice(N_("Sex"), SEX, required=N_("Select your sex"), hint=SEX_HINT)


class Parent(PageModel):
    """One of your parents."""

    given_name: str = person_name(
        N_("Given name"),
        required=N_("Enter their given name, or Unknown"),
        hint=N_("Unknown if not known."),
    )
    middle_name: str | None = person_name(N_("Middle name (if any)"), required=None)
    family_name: str = person_name(
        N_("Family name"), required=N_("Enter their family name, or Unknown")
    )
    date_of_birth: str = day(
        N_("Date of birth"),
        noun=N_("Their date of birth"),
        required=N_("Enter their date of birth"),
        when="past",
    )
    sex: str = choice(N_("Sex"), SEX, required=N_("Select their sex"))
    birth_country: str = country(
        N_("Country of birth"), required=N_("Select their country of birth")
    )
    residence_city: str = text(
        N_("City or town where they live"),
        required=N_("Enter where they live"),
        hint=N_("Write Deceased if they have died."),
    )
    residence_country: str = country(
        N_("Country where they live (or lived)"), required=N_("Select the country")
    )


def petitioner_pages() -> tuple[Page, ...]:
    """The applicant section's pages after the name and date of birth."""
    return (
        *other_names_pages(),
        Page("birth_place", APPLICANT.id, N_("Where were you born?"), BirthAndSex),
        Page(
            "numbers",
            APPLICANT.id,
            N_("Numbers you may have"),
            Numbers,
            hint=N_("Leave a box empty if you were never given that number."),
        ),
        Page(
            "parent_1",
            APPLICANT.id,
            N_("Your first parent"),
            prefixed(
                Parent, "parent_1", lambda label: composed(N_("Parent 1: %(label)s"), label=label)
            ),
        ),
        Page(
            "parent_2",
            APPLICANT.id,
            N_("Your second parent"),
            prefixed(
                Parent, "parent_2", lambda label: composed(N_("Parent 2: %(label)s"), label=label)
            ),
        ),
        Page("description", APPLICANT.id, N_("What do you look like?"), Biographics),
    )


def address_pages() -> tuple[Page, ...]:
    """The addresses of the last 5 years, asked with the contact details."""
    return address_history_pages(CONTACT.id, years=N_("5 years"))


def history_pages() -> tuple[Page, ...]:
    """Marriages and jobs."""
    return (
        *marital_pages(MARITAL_SECTION.id, YOU),
        *job_pages(WORK.id, years=N_("5 years"), model=JobWithAddress),
    )

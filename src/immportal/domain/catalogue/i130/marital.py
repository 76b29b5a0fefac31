"""Marital history as the I-130 asks it twice, of the petitioner (Part 2, items 16 to 23)
and of the relative (Part 4, items 17 to 24): how often married, the status now, the
current marriage and every husband or wife."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import create_model

from immportal.domain.catalogue.entries import numbered_pages
from immportal.domain.catalogue.fields import (
    PageModel,
    choice,
    country,
    day,
    number,
    person_name,
    text,
)
from immportal.domain.catalogue.model import Page, answered, at_least

MARITAL = {
    "single": "Single, never married",
    "married": "Married",
    "separated": "Legally separated",
    "divorced": "Divorced",
    "widowed": "Widowed",
    "annulled": "Marriage annulled",
}
SPOUSES_MOST = 4


@dataclass(frozen=True)
class Whose:
    """Whose history the pages ask: the petitioner's (you) or the relative's."""

    prefix: str
    subject: str
    have: str
    possessive: str


YOU = Whose("", "you", "have you", "your")
RELATIVE = Whose("relative_", "your relative", "has your relative", "their")


class Spouse(PageModel):
    """A husband or wife."""

    given_name: str = person_name("Given name", required="Enter their given name")
    middle_name: str | None = person_name("Middle name (if any)", required=None)
    family_name: str = person_name("Family name", required="Enter their family name")
    ended_on: str | None = day(
        "When did the marriage end?",
        noun="The date the marriage ended",
        required=None,
        hint="Leave empty for a marriage that has not ended.",
        when="past",
    )


class CurrentMarriage(PageModel):
    """The current marriage."""

    married_on: str = day(
        "Date of the marriage",
        noun="Date of marriage",
        required="Enter the date of the marriage",
        when="past",
    )
    married_city: str = text("City or town", required="Enter where the marriage took place")
    married_region: str | None = text("State or province (if any)", required=None)
    married_country: str = country("Country", required="Select the country")


def _status_model(whose: Whose) -> type[PageModel]:
    made: type[PageModel] = create_model(
        f"{whose.prefix.title().replace('_', '')}MaritalStatus",
        __base__=PageModel,
        __doc__="Marital status.",
        times_married=(
            int,
            number(
                f"How many times {whose.have} been married?",
                noun="The number of marriages",
                required="Enter the number of marriages, or 0",
                hint="Count the current marriage, and marriages that were annulled.",
                most=20,
            ),
        ),
        marital_status=(
            str,
            choice(
                f"What is {whose.possessive} marital status now?",
                MARITAL,
                required="Select the marital status",
            ),
        ),
    )
    return made


def marital_pages(section: str, whose: Whose) -> tuple[Page, ...]:
    """Status and number of marriages, the current marriage, then each husband or wife."""
    married_now = answered(section, "marital_status", "married", "separated")
    return (
        Page(f"{whose.prefix}marital", section, "Marital status", _status_model(whose)),
        Page(
            f"{whose.prefix}current_marriage",
            section,
            "The current marriage",
            CurrentMarriage,
            married_now,
        ),
        *numbered_pages(
            page_id=f"{whose.prefix}spouse",
            section=section,
            title="Husband or wife {n}",
            model=Spouse,
            count="times_married",
            most=SPOUSES_MOST,
            noun="Spouse",
            plural="marriages",
            when=at_least(section, "times_married", 1),
        ),
    )

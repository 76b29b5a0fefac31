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
from immportal.domain.catalogue.words import composed
from immportal.i18n import N_

MARITAL = {
    "single": N_("Single, never married"),
    "married": N_("Married"),
    "separated": N_("Legally separated"),
    "divorced": N_("Divorced"),
    "widowed": N_("Widowed"),
    "annulled": N_("Marriage annulled"),
}
SPOUSES_MOST = 4


@dataclass(frozen=True)
class Whose:
    """Whose history the pages ask: the petitioner's (you) or the relative's."""

    prefix: str
    subject: str
    have: str
    possessive: str


YOU = Whose("", "you", N_("have you"), N_("your"))
RELATIVE = Whose("relative_", N_("your relative"), N_("has your relative"), N_("their"))


class Spouse(PageModel):
    """A husband or wife."""

    given_name: str = person_name(N_("Given name"), required=N_("Enter their given name"))
    middle_name: str | None = person_name(N_("Middle name (if any)"), required=None)
    family_name: str = person_name(N_("Family name"), required=N_("Enter their family name"))
    ended_on: str | None = day(
        N_("When did the marriage end?"),
        noun=N_("The date the marriage ended"),
        required=None,
        hint=N_("Leave empty for a marriage that has not ended."),
        when="past",
    )


class CurrentMarriage(PageModel):
    """The current marriage."""

    married_on: str = day(
        N_("Date of the marriage"),
        noun=N_("Date of marriage"),
        required=N_("Enter the date of the marriage"),
        when="past",
    )
    married_city: str = text(N_("City or town"), required=N_("Enter where the marriage took place"))
    married_region: str | None = text(N_("State or province (if any)"), required=None)
    married_country: str = country(N_("Country"), required=N_("Select the country"))


def _status_model(whose: Whose) -> type[PageModel]:
    made: type[PageModel] = create_model(
        f"{whose.prefix.title().replace('_', '')}MaritalStatus",
        __base__=PageModel,
        __doc__=N_("Marital status."),
        times_married=(
            int,
            number(
                composed(N_("How many times %(have)s been married?"), have=whose.have),
                noun=N_("The number of marriages"),
                required=N_("Enter the number of marriages, or 0"),
                hint=N_("Count the current marriage, and marriages that were annulled."),
                most=20,
            ),
        ),
        marital_status=(
            str,
            choice(
                composed(
                    N_("What is %(possessive)s marital status now?"), possessive=whose.possessive
                ),
                MARITAL,
                required=N_("Select the marital status"),
            ),
        ),
    )
    return made


def marital_pages(section: str, whose: Whose) -> tuple[Page, ...]:
    """Status and number of marriages, the current marriage, then each husband or wife."""
    married_now = answered(section, "marital_status", "married", "separated")
    return (
        Page(f"{whose.prefix}marital", section, N_("Marital status"), _status_model(whose)),
        Page(
            f"{whose.prefix}current_marriage",
            section,
            N_("The current marriage"),
            CurrentMarriage,
            married_now,
        ),
        *numbered_pages(
            page_id=f"{whose.prefix}spouse",
            section=section,
            title=N_("Husband or wife %(n)s"),
            model=Spouse,
            count="times_married",
            most=SPOUSES_MOST,
            noun=N_("Spouse"),
            plural=N_("marriages"),
            when=at_least(section, "times_married", 1),
        ),
    )

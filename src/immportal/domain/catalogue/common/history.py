"""Histories a form asks over some years: the addresses you lived at and where you worked
or studied, one numbered page per address or job (see entries.py)."""

from __future__ import annotations

from typing import Any

from pydantic import create_model

from immportal.domain.catalogue.common.contact import Address
from immportal.domain.catalogue.entries import entries_in_order, numbered_pages
from immportal.domain.catalogue.fields import PageModel, country, day, number, text
from immportal.domain.catalogue.model import Condition, Page, Rule
from immportal.domain.catalogue.words import composed
from immportal.i18n import N_

ADDRESSES_MOST = 5
JOBS_MOST = 5


class FormerAddress(Address):
    """An address you lived at, and when."""

    lived_from: str = day(
        N_("When did you start living there?"),
        noun=N_("The date you moved in"),
        required=N_("Enter the date you moved in"),
        hint=N_("The month and year are enough if you do not know the day: use day 1."),
        when="past",
    )
    lived_to: str = day(
        N_("When did you stop living there?"),
        noun=N_("The date you moved out"),
        required=N_("Enter the date you moved out"),
        when="past",
    )


class Job(PageModel):
    """An employer or school."""

    employer: str = text(
        N_("Employer or school"),
        required=N_("Enter the name of the employer or school"),
        hint=N_("Write Self-employed or Unemployed for a time without an employer."),
    )
    occupation: str = text(
        N_("Your occupation or field of study"),
        required=N_("Enter your occupation or field of study"),
    )
    city: str = text(N_("City or town"), required=N_("Enter the city or town"))
    region: str | None = text(N_("State or province (if any)"), required=None)
    country: str = country(N_("Country"), required=N_("Select the country"))
    started_on: str = day(
        N_("When did you start?"),
        noun=N_("The date you started"),
        required=N_("Enter the date you started"),
        when="past",
    )
    ended_on: str | None = day(
        N_("When did you stop?"),
        noun=N_("The date you stopped"),
        required=None,
        hint=N_("Leave empty if you are still there."),
        when="past",
    )


class JobWithAddress(Job):
    """An employer or school with its full address."""

    line1: str = text(
        N_("Its street address"), required=N_("Enter the employer's street address"), max_length=200
    )
    postal_code: str | None = text(
        N_("Its ZIP or postal code (if any)"), required=None, max_length=20
    )


def count_model(
    name: str, label: str, noun: str, hint: str, most: int = 30, *, required: str
) -> type[PageModel]:
    """A page asking how many entries a list has (saved as `name`); `required` is the
    message when it is left empty ("Enter the number of trips, or 0")."""
    question = number(label, noun=noun, required=required, hint=hint, most=most)
    fields: dict[str, Any] = {name: (int, question)}
    made: type[PageModel] = create_model(
        f"Count{name.title().replace('_', '')}", __base__=PageModel, __doc__=label, **fields
    )
    return made


def address_history_pages(
    section: str, *, years: str, when: Condition | None = None, most: int = ADDRESSES_MOST
) -> tuple[Page, ...]:
    """Since when at the current address, how many earlier ones in the last `years`, then
    a page for each."""
    count = count_model(
        "former_addresses_count",
        composed(
            N_("How many other addresses have you lived at in the last %(years)s?"), years=years
        ),
        N_("The number of other addresses"),
        N_("0 if you have lived where you live now for all that time."),
        required=N_("Enter the number of other addresses, or 0"),
    )

    class Since(PageModel):
        """Since when you live where you live."""

        moved_in_on: str = day(
            N_("When did you move to the address where you live now?"),
            noun=N_("The date you moved in"),
            required=N_("Enter the date you moved in"),
            when="past",
        )

    pages = (
        Page("moved_in", section, N_("How long have you lived there?"), Since, when),
        Page("former_addresses", section, N_("Where else have you lived?"), count, when),
    )
    return (
        *pages,
        *numbered_pages(
            page_id="former_address",
            section=section,
            title=N_("Your address before (%(n)s)"),
            model=FormerAddress,
            count="former_addresses_count",
            most=most,
            noun=N_("Address"),
            plural=N_("addresses"),
            when=when,
        ),
    )


def address_history_rules(section: str, most: int = ADDRESSES_MOST) -> tuple[Rule, ...]:
    """Each earlier address was left after it was moved into."""
    return entries_in_order(
        section,
        "former_address",
        most,
        "lived_from",
        "lived_to",
        N_("You must have moved out of address %(n)s after you moved in"),
    )


def job_pages(
    section: str,
    *,
    years: str,
    model: type[Job] = Job,
    most: int = JOBS_MOST,
) -> tuple[Page, ...]:
    """How many employers or schools in the last `years`, then a page for each."""
    count = count_model(
        "jobs_count",
        composed(
            N_("How many employers and schools have you had in the last %(years)s?"), years=years
        ),
        N_("The number of employers and schools"),
        N_(
            "Count the one you have now, self-employment and times without work. "
            "Start with the most recent."
        ),
        required=N_("Enter the number of employers and schools, or 0"),
    )
    return (
        Page("jobs", section, N_("Where you worked or studied"), count),
        *numbered_pages(
            page_id="job",
            section=section,
            title=N_("Employer or school %(n)s"),
            model=model,
            count="jobs_count",
            most=most,
            noun=N_("Job"),
            plural=N_("employers and schools"),
        ),
    )


def job_rules(section: str, most: int = JOBS_MOST) -> tuple[Rule, ...]:
    """Each job ended after it started."""
    return entries_in_order(
        section, "job", most, "started_on", "ended_on", N_("Job %(n)s must end after it started")
    )

"""N-400 Parts 7 and 8: where you worked or studied, and your trips outside the United
States, over the last 5 years (3 for the husband or wife of a citizen)."""

from __future__ import annotations

from immportal.domain.catalogue.common.history import job_pages
from immportal.domain.catalogue.entries import entries_in_order, numbered_pages
from immportal.domain.catalogue.fields import PageModel, day, number, text
from immportal.domain.catalogue.model import Page, Rule, Section
from immportal.domain.catalogue.words import composed
from immportal.i18n import N_

WORK = Section("employment", N_("Work and school"), N_("Part 7: your employers and schools."))
TRAVEL = Section(
    "time_outside", N_("Time outside the United States"), N_("Part 8: the last 5 years.")
)
YEARS = N_("5 years (3 years if you apply as the husband or wife of a U.S. citizen)")
TRIPS_MOST = 8


class Trips(PageModel):
    """Trips abroad."""

    trip_count: int = number(
        composed(
            N_(
                "How many trips of more than 24 hours have you taken outside the United States "
                "in the last %(years)s?"
            ),
            years=YEARS,
        ),
        noun=N_("The number of trips"),
        required=N_("Enter how many trips you took, or 0"),
        most=500,
    )


class Trip(PageModel):
    """One trip."""

    left_on: str = day(
        N_("Date you left the United States"),
        noun=N_("The date you left"),
        required=N_("Enter the date you left"),
        when="past",
    )
    returned_on: str = day(
        N_("Date you came back"),
        noun=N_("The date you came back"),
        required=N_("Enter the date you came back"),
        when="past",
    )
    countries: str = text(
        N_("Countries you went to"), required=N_("Enter the countries you went to"), max_length=200
    )


def work_pages() -> tuple[Page, ...]:
    """Part 7."""
    return job_pages(WORK.id, years=YEARS)


def trip_pages() -> tuple[Page, ...]:
    """Part 8."""
    return (
        Page("trips", TRAVEL.id, N_("Trips outside the United States"), Trips),
        *numbered_pages(
            page_id="trip",
            section=TRAVEL.id,
            title=N_("Trip %(n)s"),
            model=Trip,
            count="trip_count",
            most=TRIPS_MOST,
            noun=N_("Trip"),
            plural=N_("trips"),
        ),
    )


def trip_rules() -> tuple[Rule, ...]:
    """Each trip ends after it starts."""
    return entries_in_order(
        TRAVEL.id,
        "trip",
        TRIPS_MOST,
        "left_on",
        "returned_on",
        N_("On trip %(n)s, the date you came back must be after the date you left"),
    )

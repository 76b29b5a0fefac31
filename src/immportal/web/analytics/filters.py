"""Read the dashboards' filter from the query string, or say plainly what is wrong with it."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

from multidict import MultiMapping

from immportal.domain.cases.forms import FormType
from immportal.services.analytics.dashboard import (
    DEFAULT_WEEKS,
    GROUPINGS,
    MAX_WEEKS,
    DashboardFilter,
)

FIELDS = ("form", "office", "by", "from", "to")
DATE_EXAMPLE = "2026-03-01"
EARLIEST = date(2000, 1, 1)
"""No case is older; earlier dates would only make empty weeks (or overflow the calendar)."""
# Longer than any ISO date: a longer value is refused before it is parsed.
_MAX_LENGTH = 40


@dataclass
class FilterForm:
    """What was asked for, the filter it means (None when wrong), and what was wrong."""

    values: dict[str, str]
    chosen: DashboardFilter | None = None
    errors: dict[str, str] = field(default_factory=dict)

    def query(self) -> str:
        """The filter as a query string, dates widened to whole weeks: for downloads and links."""
        if self.chosen is None:
            return ""
        return query_of(self.chosen)


def query_of(chosen: DashboardFilter) -> str:
    """The query string that selects exactly this filter."""
    values = {
        "form": chosen.form_type or "",
        "office": chosen.office or "",
        "by": chosen.by,
        "from": chosen.first_week.isoformat(),
        # The last week's Monday selects that whole week and is never a future day.
        "to": chosen.last_week.isoformat(),
    }
    return urlencode({k: v for k, v in values.items() if v})


def _day(text: str) -> date:
    if len(text) != len(DATE_EXAMPLE):
        raise ValueError(text)
    return date.fromisoformat(text)


def _choices(values: dict[str, str], offices: list[str]) -> dict[str, str]:
    errors = {}
    if values["form"] and values["form"] not in {f.value for f in FormType}:
        errors["form"] = "Choose a form from the list"
    if values["office"] and values["office"] not in offices:
        errors["office"] = "Choose an office from the list"
    if values["by"] and values["by"] not in GROUPINGS:
        errors["by"] = "Choose to show the backlog by form or by office"
    return errors


def _dates(values: dict[str, str], today: date) -> tuple[date, date, dict[str, str]]:
    """The first and last day asked for (defaults: the last weeks to today), or messages."""
    errors, days = {}, {}
    for name in ("from", "to"):
        if values[name]:
            try:
                days[name] = _day(values[name])
            except ValueError:
                errors[name] = f"Enter the date as year, month and day, like {DATE_EXAMPLE}"
                continue
            if days[name] < EARLIEST:
                errors[name] = f"Enter a date on or after {EARLIEST.isoformat()}"
    last = days.get("to", today)
    first = days.get("from", last - timedelta(weeks=DEFAULT_WEEKS - 1))
    if "to" not in errors and last > today:
        errors["to"] = "The end date must be today or earlier"
    elif not errors and first > last:
        errors["from"] = "The start date must be on or before the end date"
    return first, last, errors


def parse_filter(query: MultiMapping[str], *, offices: list[str], today: date) -> FilterForm:
    """Check each choice; a wrong one is reported and nothing is counted."""
    values = {name: query.get(name, "").strip()[:_MAX_LENGTH] for name in FIELDS}
    form = FilterForm(values)
    first, last, errors = _dates(values, today)
    errors |= _choices(values, offices)
    chosen = DashboardFilter.covering(first, last)
    if not errors.keys() & {"from", "to"} and len(chosen.weeks) > MAX_WEEKS:
        errors["from"] = f"Choose a range of {MAX_WEEKS} weeks or fewer"
    if errors:
        form.errors = {name: errors[name] for name in FIELDS if name in errors}
        return form
    form.chosen = DashboardFilter.covering(
        first,
        last,
        form_type=FormType(values["form"]) if values["form"] else None,
        office=values["office"] or None,
        by=values["by"] or GROUPINGS[0],
    )
    return form

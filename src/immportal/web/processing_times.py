"""The public processing-times page: how long a form takes at an office, and when to ask."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from aiohttp import web
from multidict import MultiMapping

from immportal.domain.cases.forms import FormType
from immportal.i18n import _
from immportal.projections.processing_times import (
    WINDOW_MONTHS,
    known_offices,
    processing_time,
    processing_times,
    window_start,
)
from immportal.services.analytics.ports import MIN_DECISIONS, ProcessingTime
from immportal.web.policy import PUBLIC, allow
from immportal.web.portal import PORTAL
from immportal.web.rendering import render

FIELDS = ("form", "office", "received")
PATH = "/processing-times"


@dataclass
class TimesQuery:
    """The form and office asked about (and the person's receipt date), or what was wrong."""

    values: dict[str, str]
    form_type: FormType | None = None
    office: str | None = None
    received: date | None = None
    errors: dict[str, str] = field(default_factory=dict)


def parse_times_query(query: MultiMapping[str], offices: list[str], today: date) -> TimesQuery:
    """Check each choice against the lists offered; a bad one is reported, never guessed."""
    values = {name: query.get(name, "").strip()[:40] for name in FIELDS}
    asked = TimesQuery(values)
    if values["form"]:
        if values["form"] in {f.value for f in FormType}:
            asked.form_type = FormType(values["form"])
        else:
            asked.errors["form"] = _("Choose a form from the list")
    if values["office"]:
        if values["office"] in offices:
            asked.office = values["office"]
        else:
            asked.errors["office"] = _("Choose an office from the list")
    if values["received"]:
        try:
            asked.received = date.fromisoformat(values["received"])
        except ValueError:
            asked.errors["received"] = _("Enter the receipt date like 2026-03-01")
        else:
            if asked.received > today:
                asked.errors["received"] = _("The receipt date must be today or in the past")
    if values["received"] and asked.form_type is None and "form" not in asked.errors:
        asked.errors["form"] = _("Choose the form of your case")
    return asked


@dataclass(frozen=True)
class Inquiry:
    """When a case received on a given day may be asked about."""

    received: date
    from_day: date

    def may_ask_now(self, today: date) -> bool:
        """Whether the case has already waited longer than 80% of cases."""
        return self.from_day <= today


def inquiry_for(time: ProcessingTime | None, received: date | None) -> Inquiry | None:
    """The day a case received on `received` may be asked about, if the time is known."""
    if time is None or not time.enough or received is None:
        return None
    return Inquiry(received, received + timedelta(days=time.p80_whole_days))


@allow(PUBLIC)
async def processing_times_page(request: web.Request) -> web.Response:
    """Choose a form and an office; see how long 80% and half of the decisions took."""
    pool = request.app[PORTAL].pool
    now = datetime.now(UTC)
    today = now.date()
    offices = await known_offices(pool)
    asked = parse_times_query(request.query, offices, today)
    context: dict[str, Any] = {
        "title": _("Check case processing times"),
        "values": asked.values,
        "errors": asked.errors,
        "forms": [(f.value, f.title) for f in FormType],
        "offices": offices,
        "window_months": WINDOW_MONTHS,
        "window_start": window_start(now).date(),
        "today": today,
        "min_decisions": MIN_DECISIONS,
        "overview": [t for t in await processing_times(pool, now=now) if t.office is None],
        "time": None,
        "inquiry": None,
        "form_title": None,
    }
    if asked.errors:
        return render("processing_times.html", request, context, status=400)
    if asked.form_type is not None:
        time = await processing_time(
            pool, form_type=asked.form_type.value, office=asked.office, now=now
        )
        context |= {
            "time": time,
            "form_title": asked.form_type.title,
            "inquiry": inquiry_for(time, asked.received),
        }
    return render("processing_times.html", request, context)


def add_processing_times_routes(app: web.Application) -> None:
    """Register the public processing-times page."""
    app.router.add_get(PATH, processing_times_page)

"""The staff day list of a place, with attendance and missed appointments recorded from it."""

from datetime import UTC, date, datetime
from urllib.parse import urlencode
from uuid import UUID

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from immportal.domain.actor import Role
from immportal.domain.appointments.calendar import local_time
from immportal.domain.appointments.locations import (
    LOCATIONS,
    Location,
    LocationKind,
    location_by_code,
)
from immportal.domain.cases.status import describe
from immportal.domain.errors import DomainError
from immportal.errors import NotFound
from immportal.web.applicant.access import signed_in_actor
from immportal.web.appointments.views import day_label, local_clock
from immportal.web.policy import allow, roles
from immportal.web.portal import PORTAL
from immportal.web.queries.appointments import bookings_on
from immportal.web.read_your_writes import CASE_LIST, caught_up, shown_after
from immportal.web.rendering import render

STAFF = roles(Role.OFFICER, Role.SUPERVISOR)
PATH = "/staff/appointments"
SUPPORT_CENTERS = [p for p in LOCATIONS if p.kind is LocationKind.SUPPORT_CENTER]


class OutcomeForm(BaseModel):
    """Which booking, on which day list, and (for a missed one) why."""

    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True)

    booking_id: UUID
    location: str = Field(min_length=1, max_length=20)
    day: date
    reason: str = Field(default="", max_length=500)


def _place_and_day(request: web.Request) -> tuple[Location, date]:
    location = location_by_code(request.query.get("location", SUPPORT_CENTERS[0].code))
    if location is None:
        raise NotFound("no such place")
    try:
        day = date.fromisoformat(request.query["day"]) if "day" in request.query else None
    except ValueError:
        day = None
    return location, day or local_time(datetime.now(UTC), location).date()


def list_url(location: str, day: date) -> str:
    """The day list of a place."""
    return f"{PATH}?{urlencode({'location': location, 'day': day.isoformat()})}"


@allow(STAFF)
async def day_list(request: web.Request) -> web.Response:
    """Who is booked at a place on a day, with buttons to record what happened."""
    return await _render(request, *_place_and_day(request), error=None)


async def _render(
    request: web.Request, location: Location, day: date, *, error: str | None, status: int = 200
) -> web.Response:
    entries = await bookings_on(request.app[PORTAL], signed_in_actor(request), location, day)
    rows = [
        {
            "booking_id": e.booking.id,
            "time": local_clock(e.booking.slot.starts_at, location),
            "receipt_number": e.receipt_number or "No receipt number",
            "kind": e.booking.kind.value,
            "status": describe(e.case_status),
            "open": e.booking.status.value == "booked",
        }
        for e in entries
    ]
    context = {
        "locations": LOCATIONS,
        "location": location,
        "day": day.isoformat(),
        "day_label": day_label(day),
        "rows": rows,
        "error": error,
        "action_attended": f"{PATH}/attended",
        "action_missed": f"{PATH}/missed",
    }
    return render("staff/appointments.html", request, context, status=status)


async def _outcome(request: web.Request, missed: bool) -> web.Response:
    posted = {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
    try:
        form = OutcomeForm.model_validate(posted)
    except ValidationError:
        raise NotFound("malformed day-list form") from None
    location = location_by_code(form.location)
    if location is None:
        raise NotFound("no such place")
    staff, actor = request.app[PORTAL].staff_appointments, signed_in_actor(request)
    try:
        if missed:
            written = await staff.record_missed(form.booking_id, actor=actor, reason=form.reason)
        else:
            written = await staff.record_attended(form.booking_id, actor=actor)
    except DomainError as refused:
        return await _render(request, location, form.day, error=str(refused), status=409)
    shown = await caught_up(request.app[PORTAL], written.position, CASE_LIST)
    raise web.HTTPSeeOther(shown_after(list_url(location.code, form.day), shown))


@allow(STAFF)
async def record_attended(request: web.Request) -> web.Response:
    """The person came: record it on their case."""
    return await _outcome(request, missed=False)


@allow(STAFF)
async def record_missed(request: web.Request) -> web.Response:
    """The person did not come: record it on their case, with the reason."""
    return await _outcome(request, missed=True)

"""The applicant's appointment page, its calendar file, and choosing a new date and time.

Choosing works without scripts in two steps: a date at one of the nearby centers (every
day of the calendar window with a free time, earliest first), then a time on that date.
"""

from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from immportal.domain.appointments.locations import location_by_name
from immportal.domain.appointments.rules import (
    HELP_LINE,
    HELP_LINE_TTY,
    MAX_RESCHEDULES,
    WHAT_TO_BRING,
    AppointmentError,
    AppointmentKind,
    RescheduleRefused,
    SlotFull,
    reschedule_check,
)
from immportal.domain.cases.case import Case
from immportal.domain.cases.status import CaseStatus
from immportal.i18n import N_
from immportal.services.appointments.service import AppointmentService
from immportal.services.cases.files import CaseFile
from immportal.web.applicant.access import FILERS, CaseAccess, open_case
from immportal.web.appointments.ics import CalendarEvent, calendar_file
from immportal.web.appointments.views import (
    appointment_view,
    day_label,
    local_clock,
    map_url,
)
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.queries.case_files import read_case_file
from immportal.web.read_your_writes import CASE_PAGE, caught_up, shown_after
from immportal.web.rendering import render

CHOOSE_MESSAGE = N_("Choose a new time for your appointment")
CHOOSE_DAY = N_("Choose a date from the list")
DEFAULT_MINUTES = {AppointmentKind.BIOMETRICS: 30, AppointmentKind.INTERVIEW: 60}


class RescheduleForm(BaseModel):
    """The slot chosen, and the case version the page showed."""

    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True)

    expected_version: int = Field(ge=1)
    slot_id: int = Field(ge=1)


def _urls(access: CaseAccess) -> dict[str, str]:
    case_url = f"/cases/{access.summary.case_id}"
    return {
        "case_url": case_url,
        "appointments_url": f"{case_url}/appointments",
        "reschedule_url": f"{case_url}/appointments/reschedule",
        "calendar_url": f"{case_url}/appointments/appointment.ics",
    }


def _shared(access: CaseAccess, case: Case | CaseFile) -> dict[str, Any]:
    """What both pages show: the case, its appointments, whether it may move, the help line."""
    biometrics = interview = None
    if case.biometrics_at is not None and case.biometrics_location is not None:
        biometrics = appointment_view(
            AppointmentKind.BIOMETRICS, case.biometrics_at, case.biometrics_location
        )
    if case.interview_at is not None and case.interview_location is not None:
        interview = appointment_view(
            AppointmentKind.INTERVIEW, case.interview_at, case.interview_location
        )
    check = None
    if case.status is CaseStatus.BIOMETRICS_SCHEDULED and case.biometrics_at is not None:
        check = reschedule_check(case.biometrics_at, case.biometrics_reschedules, datetime.now(UTC))
    return {
        **_urls(access),
        "receipt_number": access.summary.receipt_number,
        "biometrics": biometrics if case.status is CaseStatus.BIOMETRICS_SCHEDULED else None,
        "biometrics_done": case.status is not CaseStatus.BIOMETRICS_SCHEDULED and biometrics,
        "interview": interview if case.status is CaseStatus.INTERVIEW_SCHEDULED else None,
        "check": check,
        "max_reschedules": MAX_RESCHEDULES,
        "help_line": HELP_LINE,
        "help_line_tty": HELP_LINE_TTY,
        "version": case.version,
    }


@allow(FILERS)
async def appointments_page(request: web.Request) -> web.Response:
    """The current appointment: date, time, address, what to bring, and how to change it."""
    access = await open_case(request)
    case = await read_case_file(request.app[PORTAL], access.summary.case_id)
    changed = request.query.get("changed") == "1"
    return render("appointments/show.html", request, _shared(access, case) | {"changed": changed})


@allow(FILERS)
async def reschedule_page(request: web.Request) -> web.Response:
    """A date at a nearby center, then a time that day; or why it can no longer move online."""
    chosen = (request.query.get("center", ""), request.query.get("day", ""))
    return await _reschedule(request, await open_case(request), {}, chosen=chosen)


async def _reschedule(
    request: web.Request,
    access: CaseAccess,
    errors: dict[str, str],
    status: int = 200,
    *,
    chosen: tuple[str, str] = ("", ""),
) -> web.Response:
    runtime = request.app[PORTAL]
    case = await read_case_file(runtime, access.summary.case_id)
    context = _shared(access, case) | {"centers": [], "times": None, "errors": errors}
    if context["check"] is not None and context["check"].allowed:
        center, day = chosen
        if center or day:
            context |= await _times(runtime.appointments, center, day, errors)
        if context["times"] is None:
            context["centers"] = [
                (
                    c.location,
                    map_url(c.location),
                    [(d.day.isoformat(), day_label(d.day), d.free_times) for d in c.days],
                )
                for c in await runtime.appointments.free_days(case)
            ]
    return render("appointments/reschedule.html", request, context, status=status)


async def _times(
    appointments: AppointmentService, center: str, day: str, errors: dict[str, str]
) -> dict[str, Any]:
    """The free times of the chosen day at the chosen center, or a message why not."""
    try:
        location, slots = await appointments.free_times(center, date.fromisoformat(day))
    except (ValueError, AppointmentError):
        errors.setdefault("day", CHOOSE_DAY)
        return {"times": None}
    times = [(s.id, local_clock(s.starts_at, location)) for s in slots]
    return {
        "times": times,
        "location": location,
        "location_map": map_url(location),
        "day": day,
        "day_label": day_label(date.fromisoformat(day)),
        "center": center,
    }


@allow(FILERS)
async def reschedule(request: web.Request) -> web.Response:
    """Move the biometrics appointment to the chosen time; give the old place back."""
    access = await open_case(request)
    runtime = request.app[PORTAL]
    posted = {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
    case = await runtime.cases.get(access.summary.case_id)
    if case.status is not CaseStatus.BIOMETRICS_SCHEDULED:
        # Nothing to move (not booked yet, or already attended): the page says so.
        raise web.HTTPSeeOther(_urls(access)["appointments_url"])
    chosen = (posted.get("center", ""), posted.get("day", ""))
    try:
        form = RescheduleForm.model_validate(posted)
    except ValidationError:
        return await _reschedule(request, access, {"slot_id": CHOOSE_MESSAGE}, 422, chosen=chosen)
    try:
        booked = await runtime.appointments.reschedule_biometrics(
            access.summary.case_id,
            actor=access.actor,
            slot_id=form.slot_id,
            expected_version=form.expected_version,
        )
    except RescheduleRefused:
        return await _reschedule(request, access, {}, 409)
    except SlotFull as full:
        message = f"{full} Please choose another time."
        return await _reschedule(request, access, {"slot_id": message}, 409, chosen=chosen)
    except AppointmentError as refused:
        return await _reschedule(request, access, {"slot_id": str(refused)}, 422, chosen=chosen)
    shown = await caught_up(runtime, booked.written.position, CASE_PAGE)
    raise web.HTTPSeeOther(shown_after(_urls(access)["appointments_url"] + "?changed=1", shown))


@allow(FILERS)
async def calendar(request: web.Request) -> web.StreamResponse:
    """The booked appointment as an iCalendar file; the appointment page if there is none."""
    access = await open_case(request)
    runtime = request.app[PORTAL]
    case = await read_case_file(runtime, access.summary.case_id)
    event = _calendar_event(case, runtime.settings.public_url, _urls(access)["appointments_url"])
    if event is None:
        raise web.HTTPSeeOther(_urls(access)["appointments_url"])
    return web.Response(
        body=calendar_file(event, datetime.now(UTC)).encode(),
        headers={
            "Content-Type": "text/calendar; charset=utf-8",
            "Content-Disposition": 'attachment; filename="appointment.ics"',
            "Cache-Control": "no-store",
        },
    )


def _calendar_event(
    case: Case | CaseFile, public_url: str, appointments_path: str
) -> CalendarEvent | None:
    if case.status is CaseStatus.BIOMETRICS_SCHEDULED and case.biometrics_at is not None:
        kind, at, place = AppointmentKind.BIOMETRICS, case.biometrics_at, case.biometrics_location
        sequence, title = case.biometrics_reschedules, "Biometrics appointment"
    elif case.status is CaseStatus.INTERVIEW_SCHEDULED and case.interview_at is not None:
        kind, at, place = AppointmentKind.INTERVIEW, case.interview_at, case.interview_location
        sequence, title = 0, "Interview"
    else:
        return None
    location = location_by_name(place or "")
    minutes = location.slot_minutes if location is not None else DEFAULT_MINUTES[kind]
    where = ", ".join([place or "", *(location.address_lines if location else ())])
    receipt = f" ({case.receipt_number})" if case.receipt_number else ""
    bring = "\n".join(f"- {item}" for item in WHAT_TO_BRING[kind])
    host = urlsplit(public_url).hostname or "immportal"
    return CalendarEvent(
        uid=f"{kind.value}-{case.id}@{host}",
        sequence=sequence,
        starts_at=at,
        ends_at=at + timedelta(minutes=minutes),
        summary=f"{title}{receipt}",
        location=where,
        description=f"Bring:\n{bring}\nPlease arrive no more than 15 minutes early.",
        url=public_url.rstrip("/") + appointments_path,
        geo=(location.latitude, location.longitude) if location else None,
    )

"""The applicant's appointment page and the page where they choose a new time."""

from datetime import UTC, datetime
from typing import Any

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from immportal.domain.appointments.rules import (
    HELP_LINE,
    HELP_LINE_TTY,
    MAX_RESCHEDULES,
    AppointmentError,
    AppointmentKind,
    RescheduleRefused,
    SlotFull,
    reschedule_check,
)
from immportal.domain.cases.case import Case
from immportal.domain.cases.status import CaseStatus
from immportal.services.cases.files import CaseFile
from immportal.web.applicant.access import FILERS, CaseAccess, open_case
from immportal.web.appointments.views import appointment_view, local_clock, local_date
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.queries.case_files import read_case_file
from immportal.web.read_your_writes import CASE_PAGE, caught_up, shown_after
from immportal.web.rendering import render

CHOOSE_MESSAGE = "Choose a new time for your appointment"


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
    """Free times at nearby centers, or why the appointment can no longer move online."""
    return await _reschedule(request, await open_case(request), {})


async def _reschedule(
    request: web.Request, access: CaseAccess, errors: dict[str, str], status: int = 200
) -> web.Response:
    runtime = request.app[PORTAL]
    case = await read_case_file(runtime, access.summary.case_id)
    context = _shared(access, case)
    centers = []
    if context["check"] is not None and context["check"].allowed:
        for choice in await runtime.appointments.choices(case):
            times = [
                (
                    s.id,
                    local_date(s.starts_at, choice.location),
                    local_clock(s.starts_at, choice.location),
                )
                for s in choice.slots
            ]
            centers.append((choice.location, times))
    context |= {"centers": centers, "errors": errors}
    return render("appointments/reschedule.html", request, context, status=status)


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
    try:
        form = RescheduleForm.model_validate(posted)
    except ValidationError:
        return await _reschedule(request, access, {"slot_id": CHOOSE_MESSAGE}, 422)
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
        return await _reschedule(request, access, {"slot_id": message}, 409)
    except AppointmentError as refused:
        return await _reschedule(request, access, {"slot_id": str(refused)}, 422)
    shown = await caught_up(runtime, booked.written.position, CASE_PAGE)
    raise web.HTTPSeeOther(shown_after(_urls(access)["appointments_url"] + "?changed=1", shown))

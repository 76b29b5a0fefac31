"""Appointments over the API: the current one, free times, and moving biometrics."""

from datetime import UTC, datetime

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from immportal.domain.appointments.rules import (
    HELP_LINE,
    HELP_LINE_TTY,
    AppointmentError,
    AppointmentKind,
    RescheduleRefused,
    SlotFull,
    check_reschedule,
)
from immportal.domain.cases.case import Case
from immportal.domain.cases.status import CaseStatus
from immportal.services.cases.files import CaseFile
from immportal.web.api.bodies import read_body, reply
from immportal.web.api.cases import CASE_PATH
from immportal.web.api.operations import Operation
from immportal.web.api.problems import ApiProblem
from immportal.web.applicant.access import FILERS, open_case
from immportal.web.appointments.views import appointment_view, local_clock, local_date
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.queries.case_files import read_case_file
from immportal.web.read_your_writes import CASE_PAGE, caught_up

APPOINTMENTS_PATH = f"{CASE_PATH}/appointments"
NOTHING_TO_MOVE = "There is no biometrics appointment to change."


class Appointment(BaseModel):
    """An appointment, in the place's own time."""

    model_config = ConfigDict(frozen=True)

    kind: AppointmentKind
    starts_at: datetime
    date: str = Field(description="The local date in words.")
    time: str = Field(description="The local time with its zone.")
    place: str
    address: list[str]
    bring: list[str] = Field(description="What to bring.")


class Appointments(BaseModel):
    """The case's current appointments and whether biometrics may still move online."""

    model_config = ConfigDict(frozen=True)

    biometrics: Appointment | None
    interview: Appointment | None
    can_reschedule: bool
    reschedule_refusal: str | None = Field(description="Why it may not move online now.")
    help_line: str
    help_line_tty: str
    version: int = Field(description="Send it as expected_version when rescheduling.")


class FreeSlot(BaseModel):
    """A free appointment time."""

    model_config = ConfigDict(frozen=True)

    slot_id: int
    starts_at: datetime
    date: str
    time: str


class Center(BaseModel):
    """A support center near the applicant with its free times."""

    model_config = ConfigDict(frozen=True)

    name: str
    address: list[str]
    slots: list[FreeSlot]


class FreeSlots(BaseModel):
    """Times the biometrics appointment may move to (none when it may not move)."""

    model_config = ConfigDict(frozen=True)

    centers: list[Center]


class Reschedule(BaseModel):
    """Move the biometrics appointment to a free slot."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    slot_id: int = Field(ge=1)
    expected_version: int = Field(ge=1, description="The case's version the choice was made on.")


def _appointment(kind: AppointmentKind, at: datetime, place: str) -> Appointment:
    view = appointment_view(kind, at, place)
    return Appointment(
        kind=kind,
        starts_at=at,
        date=view.date,
        time=view.time,
        place=view.place,
        address=list(view.address),
        bring=list(view.bring),
    )


def refusal(case: Case | CaseFile) -> str | None:
    """Why the biometrics appointment may not move online now; None when it may."""
    if case.status is not CaseStatus.BIOMETRICS_SCHEDULED or case.biometrics_at is None:
        return NOTHING_TO_MOVE
    try:
        check_reschedule(case.biometrics_at, case.biometrics_reschedules, datetime.now(UTC))
    except RescheduleRefused as refused:
        return str(refused)
    return None


def appointments_of(case: Case | CaseFile) -> Appointments:
    """The appointments as the appointment page shows them."""
    biometrics = interview = None
    at, place = case.biometrics_at, case.biometrics_location
    if case.status is CaseStatus.BIOMETRICS_SCHEDULED and at is not None and place is not None:
        biometrics = _appointment(AppointmentKind.BIOMETRICS, at, place)
    at, place = case.interview_at, case.interview_location
    if case.status is CaseStatus.INTERVIEW_SCHEDULED and at is not None and place is not None:
        interview = _appointment(AppointmentKind.INTERVIEW, at, place)
    refused = refusal(case)
    return Appointments(
        biometrics=biometrics,
        interview=interview,
        can_reschedule=refused is None,
        reschedule_refusal=refused,
        help_line=HELP_LINE,
        help_line_tty=HELP_LINE_TTY,
        version=case.version,
    )


@allow(FILERS)
async def get_appointments(request: web.Request) -> web.Response:
    """The current biometrics or interview appointment, and whether it may move."""
    access = await open_case(request)
    return reply(appointments_of(await read_case_file(request.app[PORTAL], access.summary.case_id)))


@allow(FILERS)
async def free_slots(request: web.Request) -> web.Response:
    """Free times at the support centers nearest the applicant."""
    access = await open_case(request)
    runtime = request.app[PORTAL]
    case = await read_case_file(runtime, access.summary.case_id)
    centers = []
    if refusal(case) is None:
        for choice in await runtime.appointments.choices(case):
            where = choice.location
            slots = [
                FreeSlot(
                    slot_id=s.id,
                    starts_at=s.starts_at,
                    date=local_date(s.starts_at, where),
                    time=local_clock(s.starts_at, where),
                )
                for s in choice.slots
            ]
            centers.append(Center(name=where.name, address=list(where.address_lines), slots=slots))
    return reply(FreeSlots(centers=centers))


@allow(FILERS)
async def reschedule(request: web.Request) -> web.Response:
    """Move the biometrics appointment to the chosen slot; the old place is given back."""
    access = await open_case(request)
    body = await read_body(request, Reschedule)
    runtime = request.app[PORTAL]
    case = await runtime.cases.get(access.summary.case_id)
    if case.status is not CaseStatus.BIOMETRICS_SCHEDULED:
        raise ApiProblem(409, NOTHING_TO_MOVE, kind="no-appointment")
    try:
        booked = await runtime.appointments.reschedule_biometrics(
            case.id,
            actor=access.actor,
            slot_id=body.slot_id,
            expected_version=body.expected_version,
        )
    except RescheduleRefused as refused:
        detail = f"{refused} Call {HELP_LINE} (TTY {HELP_LINE_TTY}) to change it."
        raise ApiProblem(409, detail, kind="reschedule-refused") from None
    except SlotFull as full:
        raise ApiProblem(409, f"{full} Please choose another time.", kind="slot-full") from None
    except AppointmentError as refused:
        raise ApiProblem(422, errors={"slot_id": str(refused)}) from None
    # The reply is the case as written; the client's next reads come from the read models.
    await caught_up(runtime, booked.written.position, CASE_PAGE)
    moved = await runtime.cases.get(booked.booking.case_id)
    return reply(appointments_of(moved))


OPERATIONS = [
    Operation(
        "GET",
        APPOINTMENTS_PATH,
        get_appointments,
        "getAppointments",
        "A case's current appointment",
        "appointments",
        {200: Appointments},
    ),
    Operation(
        "GET",
        f"{APPOINTMENTS_PATH}/slots",
        free_slots,
        "listFreeSlots",
        "Times the biometrics appointment may move to",
        "appointments",
        {200: FreeSlots},
    ),
    Operation(
        "POST",
        f"{APPOINTMENTS_PATH}/reschedule",
        reschedule,
        "rescheduleBiometrics",
        "Move the biometrics appointment",
        "appointments",
        {200: Appointments},
        body=Reschedule,
        problems={
            409: "Nothing to move, the online rules no longer allow it (the reason says "
            "whom to call), the slot was just taken, or the case changed (stale version).",
            422: "The slot is not offered or too soon (errors.slot_id).",
        },
    ),
]

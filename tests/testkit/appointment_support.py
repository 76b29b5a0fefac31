"""What the appointment tests share: accepted cases with an address, filled calendars."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import asyncpg

from immportal.adapters.postgres.appointments import PostgresAppointmentBook
from immportal.app.container import Runtime
from immportal.domain.actor import Actor, Role
from immportal.domain.appointments.locations import Location, location_by_code
from immportal.domain.cases.forms import FormType
from immportal.services.appointments.service import AppointmentService
from immportal.services.appointments.slots import generate_slots
from immportal.services.repository import Repository

NEWARK = "ASC-NWK"
BROOKLYN = "ASC-BKN"
NEWARK_ZIP = "07102"


def place(code: str) -> Location:
    """A place of the committed data, by code."""
    location = location_by_code(code)
    assert location is not None, code
    return location


def new_applicant() -> Actor:
    """An applicant with an id no other test uses."""
    return Actor(f"applicant-{uuid4().hex[:12]}", Role.APPLICANT)


async def accepted_case(runtime: Runtime, applicant: Actor, *, zip_code: str = NEWARK_ZIP) -> UUID:
    """A case with a mailing address at `zip_code`, submitted and accepted (version 4)."""
    cases = runtime.cases
    case_id = await cases.start(
        actor=applicant, applicant_id=applicant.user_id, form_type=FormType.I765, office="NBC"
    )
    contact = {"given_name": "Ana", "email": "ana@example.test", "postal_code": zip_code}
    await cases.update(case_id, None, lambda c: c.save_answers(applicant, "contact", contact))
    await cases.update(case_id, None, lambda c: c.submit(applicant, fee_cents=47_000))
    await cases.accept(case_id, actor=Actor.system())
    return case_id


async def fill_calendars(runtime: Runtime, *codes: str, days: int = 40) -> int:
    """Slots for `days` days from today at the given places."""
    book = PostgresAppointmentBook(runtime.pool)
    today = datetime.now(UTC).date()
    return await generate_slots(book, today, days, [place(code) for code in codes])


async def take_every_place(pool: asyncpg.Pool, code: str) -> None:
    """Fill every slot at a place, as if everyone else had booked it."""
    await pool.execute(
        "UPDATE appointment_slots SET booked = capacity WHERE location_code = $1", code
    )


async def add_slot(pool: asyncpg.Pool, code: str, starts_at: datetime, capacity: int) -> int:
    """One slot at a place; return its id."""
    slot_id: int = await pool.fetchval(
        "INSERT INTO appointment_slots (location_code, starts_at, capacity)"
        " VALUES ($1, $2, $3) RETURNING id",
        code,
        starts_at,
        capacity,
    )
    return slot_id


def service(runtime: Runtime, clock: Callable[[], datetime] | None = None) -> AppointmentService:
    """The appointment service on the runtime's database, with an optional clock."""
    book = PostgresAppointmentBook(runtime.pool)
    if clock is None:
        return AppointmentService(book, Repository(runtime.store))
    return AppointmentService(book, Repository(runtime.store), clock)


def days_ahead(days: float, hour: int = 15) -> datetime:
    """A time `days` from now (UTC), off the calendars' quarter hours so it is never taken."""
    moment = datetime.now(UTC) + timedelta(days=days)
    return moment.replace(hour=hour, minute=7, second=0, microsecond=0)

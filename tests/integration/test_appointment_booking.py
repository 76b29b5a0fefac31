"""Booking places in slots on PostgreSQL: never overbooked, idempotent, undone on failure."""

import asyncio
from datetime import datetime
from uuid import uuid4

import pytest

from immportal.adapters.postgres.appointments import PostgresAppointmentBook
from immportal.adapters.postgres.connection import create_pool
from immportal.app.container import Runtime, close_pool
from immportal.domain.actor import Actor
from immportal.domain.appointments.rules import AppointmentKind, SlotFull
from immportal.domain.cases.case import Case
from immportal.errors import ConcurrencyConflict
from immportal.services.appointments.booking import AppointmentRecorder
from immportal.services.appointments.ports import BookingStatus
from immportal.services.repository import Repository
from testkit.appointment_support import (
    NEWARK,
    accepted_case,
    add_slot,
    days_ahead,
    fill_calendars,
    new_applicant,
    service,
)

BIOMETRICS = AppointmentKind.BIOMETRICS


class TestNoOverbooking:
    """However many people book at once, a slot takes no more than its capacity."""

    async def test_fifty_concurrent_bookings_for_ten_places(
        self, runtime: Runtime, database_url: str
    ) -> None:
        """50 bookings at once on separate connections: exactly 10 succeed, 40 hear it is full."""
        slot_id = await add_slot(runtime.pool, NEWARK, days_ahead(5), capacity=10)
        pool = await create_pool(database_url, role=runtime.settings.database_app_role, size=30)
        try:
            book = PostgresAppointmentBook(pool)
            results = await asyncio.gather(
                *(book.book(uuid4(), slot_id, uuid4(), BIOMETRICS) for _ in range(50)),
                return_exceptions=True,
            )
        finally:
            await close_pool(pool)

        succeeded = [r for r in results if not isinstance(r, BaseException)]
        full = [r for r in results if isinstance(r, SlotFull)]
        assert (10, 40) == (len(succeeded), len(full))
        assert all("taken the last place" in str(error) for error in full)
        slot = await PostgresAppointmentBook(runtime.pool).get_slot(slot_id)
        assert slot is not None
        assert 10 == slot.booked
        rows = await runtime.pool.fetchval(
            "SELECT count(*) FROM appointment_bookings WHERE slot_id = $1", slot_id
        )
        assert 10 == rows

    async def test_same_booking_id_twice_takes_one_place(self, runtime: Runtime) -> None:
        """A retried booking with the same id returns the first one and takes nothing more."""
        slot_id = await add_slot(runtime.pool, NEWARK, days_ahead(5), capacity=3)
        book = PostgresAppointmentBook(runtime.pool)
        booking_id, case_id = uuid4(), uuid4()

        first, again = await asyncio.gather(
            book.book(booking_id, slot_id, case_id, BIOMETRICS),
            book.book(booking_id, slot_id, case_id, BIOMETRICS),
        )

        assert first.id == again.id
        assert [True, False] == sorted([first.created, again.created], reverse=True)
        slot = await book.get_slot(slot_id)
        assert slot is not None
        assert 1 == slot.booked


def schedule(case: Case, at: datetime, place: str) -> None:
    """The command the automatic booker records."""
    case.schedule_biometrics(Actor.system(), at, place)


class FailingRepository(Repository):
    """A repository whose next save fails as if someone else changed the case first."""

    async def save(self, *aggregates: object) -> list[int]:  # type: ignore[override]
        raise ConcurrencyConflict("someone else changed the case")


class TestCompensation:
    """When the case's event cannot be recorded, the place taken for it is given back."""

    async def test_failed_event_releases_the_place(self, runtime: Runtime) -> None:
        """A refused save leaves the slot as it was and the booking released."""
        case_id = await accepted_case(runtime, new_applicant())
        slot_id = await add_slot(runtime.pool, NEWARK, days_ahead(5), capacity=1)
        book = PostgresAppointmentBook(runtime.pool)
        recorder = AppointmentRecorder(book, FailingRepository(runtime.store))
        case = await runtime.cases.get(case_id)
        slot = await book.get_slot(slot_id)
        assert slot is not None
        booking_id = uuid4()

        with pytest.raises(ConcurrencyConflict):
            await recorder.book_and_record(case, BIOMETRICS, slot, booking_id, schedule)

        after = await book.get_slot(slot_id)
        booking = await book.get_booking(booking_id)
        assert after is not None
        assert booking is not None
        assert (0, BookingStatus.RELEASED) == (after.booked, booking.status)
        assert 4 == (await runtime.cases.get(case_id)).version

    async def test_case_no_longer_accepted_releases_the_place(self, runtime: Runtime) -> None:
        """Booking for a case withdrawn meanwhile is refused by the case, and the place returns."""
        applicant = new_applicant()
        case_id = await accepted_case(runtime, applicant)
        await fill_calendars(runtime, NEWARK)
        # Withdrawn after the worker read the case as accepted: its event is refused.
        stale = await runtime.cases.get(case_id)
        await runtime.cases.update(case_id, None, lambda c: c.withdraw(applicant, "Moved abroad"))
        book = PostgresAppointmentBook(runtime.pool)
        [slot] = await book.free_slots([NEWARK], days_ahead(4), days_ahead(30), 1)
        recorder = AppointmentRecorder(book, Repository(runtime.store))

        with pytest.raises(ConcurrencyConflict):
            await recorder.book_and_record(stale, BIOMETRICS, slot, uuid4(), schedule)

        after = await book.get_slot(slot.id)
        assert after is not None
        assert slot.booked == after.booked
        assert None is await service(runtime).current(case_id)

"""Moving a biometrics appointment online: the rules, the places, and races for a slot."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest

from immportal.adapters.postgres.appointments import PostgresAppointmentBook
from immportal.app.container import Runtime
from immportal.domain.actor import Actor, Role
from immportal.domain.appointments.rules import RescheduleRefused, SlotFull
from immportal.domain.errors import NotPermitted
from immportal.services.appointments.ports import Booking, BookingStatus
from immportal.services.appointments.service import AppointmentService
from testkit.appointment_support import (
    NEWARK,
    accepted_case,
    add_slot,
    days_ahead,
    fill_calendars,
    new_applicant,
    service,
)


async def booked_case(runtime: Runtime, applicant: Actor) -> tuple[UUID, Booking]:
    """An accepted case booked at Newark by the automatic booker's service."""
    await fill_calendars(runtime, NEWARK)
    case_id = await accepted_case(runtime, applicant)
    booking = await service(runtime).auto_book_biometrics(case_id, 4)
    assert booking is not None
    return case_id, booking


def later_clock(moment: datetime) -> Callable[[], datetime]:
    """A clock stopped at `moment`."""
    return lambda: moment


async def move(
    appointments: AppointmentService, runtime: Runtime, case_id: UUID, actor: Actor, slot_id: int
) -> Booking:
    """Reschedule as `actor` to `slot_id`, from the case's current version."""
    version = (await runtime.cases.get(case_id)).version
    moved = await appointments.reschedule_biometrics(
        case_id, actor=actor, slot_id=slot_id, expected_version=version
    )
    return moved.booking


def slot_time_after(moment: datetime, days: int) -> datetime:
    """A time `days` after `moment`, off the calendars' quarter hours so it is never taken."""
    return (moment + timedelta(days=days)).replace(minute=7, second=0, microsecond=0)


class TestOnlineRulesAtTheirEdges:
    """Online moves stop 12 hours before the appointment, to the minute, and after two moves."""

    async def test_refused_at_eleven_hours_fifty_nine(self, runtime: Runtime) -> None:
        """At 11h59m before the appointment the move is refused and nothing changes."""
        applicant = new_applicant()
        case_id, first = await booked_case(runtime, applicant)
        new_slot = await add_slot(
            runtime.pool, NEWARK, slot_time_after(first.slot.starts_at, 5), capacity=2
        )
        clock = later_clock(first.slot.starts_at - timedelta(hours=11, minutes=59))

        with pytest.raises(RescheduleRefused, match="less than 12 hours away") as refused:
            await move(service(runtime, clock), runtime, case_id, applicant, new_slot)

        case = await runtime.cases.get(case_id)
        slot = await PostgresAppointmentBook(runtime.pool).get_slot(new_slot)
        assert slot is not None
        assert (True, 5, first.slot.starts_at, 0) == (
            refused.value.too_late,
            case.version,
            case.biometrics_at,
            slot.booked,
        )

    async def test_allowed_at_twelve_hours_one(self, runtime: Runtime) -> None:
        """At 12h01m before the appointment the move goes through."""
        applicant = new_applicant()
        case_id, first = await booked_case(runtime, applicant)
        new_slot = await add_slot(
            runtime.pool, NEWARK, slot_time_after(first.slot.starts_at, 5), capacity=2
        )
        clock = later_clock(first.slot.starts_at - timedelta(hours=12, minutes=1))

        moved = await move(service(runtime, clock), runtime, case_id, applicant, new_slot)

        case = await runtime.cases.get(case_id)
        assert (6, moved.slot.starts_at, 1) == (
            case.version,
            case.biometrics_at,
            case.biometrics_reschedules,
        )

    async def test_third_reschedule_refused(self, runtime: Runtime) -> None:
        """Two moves are allowed online; the third is refused with nothing changed."""
        applicant = new_applicant()
        case_id, _ = await booked_case(runtime, applicant)
        slots = [
            await add_slot(runtime.pool, NEWARK, days_ahead(10 + n, hour=14), capacity=2)
            for n in range(3)
        ]
        await move(service(runtime), runtime, case_id, applicant, slots[0])
        await move(service(runtime), runtime, case_id, applicant, slots[1])

        with pytest.raises(RescheduleRefused) as refused:
            await move(service(runtime), runtime, case_id, applicant, slots[2])

        assert "already been moved 2 times online" in str(refused.value)
        assert not refused.value.too_late
        third = await PostgresAppointmentBook(runtime.pool).get_slot(slots[2])
        assert third is not None
        assert (7, 0) == ((await runtime.cases.get(case_id)).version, third.booked)


class TestReschedule:
    """The applicant chooses a free slot; the old place is given back."""

    async def test_allowed_move_releases_the_old_place(self, runtime: Runtime) -> None:
        """The case records the new time and place; the old slot has its place back."""
        applicant = new_applicant()
        case_id, first = await booked_case(runtime, applicant)
        new_slot = await add_slot(runtime.pool, NEWARK, days_ahead(9, hour=14), capacity=2)

        moved = await move(service(runtime), runtime, case_id, applicant, new_slot)

        case = await runtime.cases.get(case_id)
        book = PostgresAppointmentBook(runtime.pool)
        old_slot, old_booking = await book.get_slot(first.slot.id), await book.get_booking(first.id)
        assert old_slot is not None
        assert old_booking is not None
        assert (case.biometrics_at, case.biometrics_reschedules) == (moved.slot.starts_at, 1)
        assert (first.slot.booked - 1, BookingStatus.RELEASED) == (
            old_slot.booked,
            old_booking.status,
        )
        current = await service(runtime).current(case_id)
        assert current is not None
        assert (moved.id, BookingStatus.BOOKED) == (current.id, current.status)
        last = (await runtime.store.read_stream(case_id))[-1]
        # The applicant who moved it is named, not the system.
        assert (type(last).__name__, applicant.user_id, "applicant") == (
            "BiometricsRescheduled",
            getattr(last, "actor_id", None),
            getattr(last, "actor_role", None),
        )

    async def test_refused_within_twelve_hours(self, runtime: Runtime) -> None:
        """Eleven hours before the appointment the service refuses and nothing changes."""
        applicant = new_applicant()
        case_id, first = await booked_case(runtime, applicant)
        new_slot = await add_slot(runtime.pool, NEWARK, days_ahead(20), capacity=2)
        eleven_hours_before = first.slot.starts_at - timedelta(hours=11)

        with pytest.raises(RescheduleRefused) as refused:
            await move(service(runtime, later_clock(eleven_hours_before)), runtime, case_id,
                       applicant, new_slot)  # fmt: skip

        assert refused.value.too_late
        assert 5 == (await runtime.cases.get(case_id)).version

    async def test_slot_taken_meanwhile(self, runtime: Runtime) -> None:
        """The chosen slot filled up after the page showed it: a clear error, nothing changed."""
        applicant = new_applicant()
        case_id, first = await booked_case(runtime, applicant)
        last_place = await add_slot(runtime.pool, NEWARK, days_ahead(12, hour=14), capacity=1)
        other_case = await accepted_case(runtime, new_applicant())
        await PostgresAppointmentBook(runtime.pool).book(
            UUID(int=other_case.int), last_place, other_case, first.kind
        )

        with pytest.raises(SlotFull, match="taken the last place"):
            await move(service(runtime), runtime, case_id, applicant, last_place)

        case = await runtime.cases.get(case_id)
        current = await service(runtime).current(case_id)
        assert (5, first.slot.starts_at) == (case.version, case.biometrics_at)
        assert current is not None
        assert first.id == current.id

    async def test_another_applicant_may_not_move_it(self, runtime: Runtime) -> None:
        """Only the applicant (or their representative) moves their appointment."""
        case_id, _ = await booked_case(runtime, new_applicant())
        new_slot = await add_slot(runtime.pool, NEWARK, days_ahead(9, hour=14), capacity=2)

        with pytest.raises(NotPermitted):
            await move(service(runtime), runtime, case_id, new_applicant(), new_slot)

    async def test_staff_are_not_held_to_the_online_rules(self, runtime: Runtime) -> None:
        """An officer moves an appointment that is hours away, for someone who called."""
        case_id, first = await booked_case(runtime, new_applicant())
        new_slot = await add_slot(runtime.pool, NEWARK, days_ahead(25, hour=14), capacity=2)
        clock = later_clock(first.slot.starts_at - timedelta(hours=2))
        officer = Actor("officer-1", Role.OFFICER)

        await move(service(runtime, clock), runtime, case_id, officer, new_slot)

        case = await runtime.cases.get(case_id)
        assert case.biometrics_at is not None
        assert case.biometrics_at > datetime.now(UTC) + timedelta(days=20)

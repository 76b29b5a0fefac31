"""Staff and appointments: the day list, attendance, missed appointments, interviews."""

from uuid import UUID

import pytest

from immportal.adapters.postgres.appointments import PostgresAppointmentBook
from immportal.app.appointments import staff_appointments
from immportal.app.container import Runtime
from immportal.domain.actor import Actor, Role
from immportal.domain.appointments.calendar import local_time
from immportal.domain.appointments.rules import SlotNotOffered
from immportal.domain.cases.status import CaseStatus
from immportal.domain.errors import NotPermitted
from immportal.services.appointments.ports import Booking, BookingStatus
from testkit.appointment_support import (
    NEWARK,
    accepted_case,
    add_slot,
    days_ahead,
    fill_calendars,
    new_applicant,
    place,
    service,
)

OFFICER = Actor("officer-ana", Role.OFFICER)
NEW_YORK_OFFICE = "FO-NYC"


async def booked(runtime: Runtime) -> tuple[UUID, Booking]:
    """An accepted case with its automatic biometrics booking at Newark."""
    await fill_calendars(runtime, NEWARK)
    case_id = await accepted_case(runtime, new_applicant())
    booking = await service(runtime).auto_book_biometrics(case_id, 4)
    assert booking is not None
    return case_id, booking


class TestAttendance:
    """Staff record who came and who did not, on the case and on the booking."""

    async def test_day_list_then_attended(self, runtime: Runtime) -> None:
        """The booking is on its day's list; recording attendance moves the case on."""
        case_id, booking = await booked(runtime)
        staff = staff_appointments(runtime)
        day = local_time(booking.slot.starts_at, place(NEWARK)).date()

        listed = await staff.day_list(OFFICER, place(NEWARK), day)
        await staff.record_attended(booking.id, actor=OFFICER)

        assert [booking.id] == [entry.booking.id for entry in listed]
        after = await PostgresAppointmentBook(runtime.pool).get_booking(booking.id)
        assert after is not None
        assert BookingStatus.ATTENDED is after.status
        assert CaseStatus.BIOMETRICS_ATTENDED is (await runtime.cases.get(case_id)).status

    async def test_missed_with_a_reason(self, runtime: Runtime) -> None:
        """A missed appointment is recorded with its reason."""
        case_id, booking = await booked(runtime)

        await staff_appointments(runtime).record_missed(
            booking.id, actor=OFFICER, reason="Did not arrive by closing time"
        )

        assert CaseStatus.BIOMETRICS_MISSED is (await runtime.cases.get(case_id)).status

    async def test_applicants_get_no_day_list(self, runtime: Runtime) -> None:
        """The day list is for staff only."""
        with pytest.raises(NotPermitted):
            await staff_appointments(runtime).day_list(
                new_applicant(), place(NEWARK), days_ahead(4).date()
            )


class TestInterviews:
    """Officers book interviews from the field offices' calendars."""

    async def test_book_then_move_an_interview(self, runtime: Runtime) -> None:
        """The case records the interview; moving it gives the first place back."""
        case_id, booking = await booked(runtime)
        staff = staff_appointments(runtime)
        await staff.record_attended(booking.id, actor=OFFICER)
        await runtime.cases.update(case_id, None, lambda c: c.assign(OFFICER, OFFICER.user_id))
        first_slot = await add_slot(runtime.pool, NEW_YORK_OFFICE, days_ahead(14), capacity=2)
        second_slot = await add_slot(runtime.pool, NEW_YORK_OFFICE, days_ahead(15), capacity=2)

        first = (await staff.book_interview(case_id, NEW_YORK_OFFICE, first_slot, OFFICER)).booking
        second = (
            await staff.book_interview(case_id, NEW_YORK_OFFICE, second_slot, OFFICER)
        ).booking

        case = await runtime.cases.get(case_id)
        assert (CaseStatus.INTERVIEW_SCHEDULED, place(NEW_YORK_OFFICE).name) == (
            case.status,
            case.interview_location,
        )
        assert second.slot.starts_at == case.interview_at
        released = await PostgresAppointmentBook(runtime.pool).get_slot(first.slot.id)
        assert released is not None
        assert 0 == released.booked

    async def test_interviews_only_at_field_offices(self, runtime: Runtime) -> None:
        """A support center's slot cannot hold an interview."""
        case_id, booking = await booked(runtime)

        with pytest.raises(SlotNotOffered):
            await staff_appointments(runtime).book_interview(
                case_id, NEWARK, booking.slot.id, OFFICER
            )

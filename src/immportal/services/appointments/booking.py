"""Book a place, record the case's event, confirm; give the place back if the event fails.

The slot table and the event log are two stores, so one transaction cannot cover both.
The place is taken first (held), which is what keeps slots from being overbooked; the
case's event follows; only then is the booking confirmed. When the event is refused
(someone changed the case, or it is no longer in the right status) the place is given
back at once. An attempt that stopped half-way (a crash, a lost connection) stays held
until `settle` compares it with the case and confirms or releases it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import structlog

from immportal.domain.appointments.locations import Location, location_by_code
from immportal.domain.appointments.rules import AppointmentKind, SlotNotOffered
from immportal.domain.cases.case import Case
from immportal.domain.errors import DomainError
from immportal.errors import ConcurrencyConflict
from immportal.services.appointments.ports import AppointmentBook, Booking, BookingStatus, Slot
from immportal.services.ports import Written
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)

Record = Callable[[Case, datetime, str], None]
"""Apply the case command for an appointment at a time and place (by its name)."""

HELD = (BookingStatus.HELD,)


@dataclass(frozen=True)
class Booked:
    """A booking, and what recording it wrote on the case (position 0: an earlier attempt did)."""

    booking: Booking
    written: Written


def slot_location(slot: Slot) -> Location:
    """The place of a slot (slots are only ever made for places in the data)."""
    location = location_by_code(slot.location_code)
    if location is None:
        raise SlotNotOffered(f"No place has the code {slot.location_code}.")
    return location


def appointment_of(case: Case, kind: AppointmentKind) -> tuple[datetime | None, str | None]:
    """The time and place of the case's appointment of a kind, as its events recorded."""
    if kind is AppointmentKind.BIOMETRICS:
        return case.biometrics_at, case.biometrics_location
    return case.interview_at, case.interview_location


class AppointmentRecorder:
    """Takes places in slots and records them on cases, undoing what an event refusal leaves."""

    def __init__(self, book: AppointmentBook, repository: Repository) -> None:
        self.book = book
        self._repository = repository

    async def book_and_record(
        self, case: Case, kind: AppointmentKind, slot: Slot, booking_id: UUID, record: Record
    ) -> Booked:
        """Hold a place in the slot, record the event on the case, then confirm the booking.

        Raises SlotFull when the slot filled up; the command's own errors (and
        ConcurrencyConflict) after the place is given back.
        """
        booking = await self.book.book(booking_id, slot.id, case.id, kind)
        if booking.status is not BookingStatus.HELD:
            # An earlier attempt with this id finished the job.
            return Booked(booking, Written(case.version, 0))
        # A repeated attempt uses the place the first one holds, not the slot it was given.
        location = slot_location(booking.slot)
        try:
            record(case, booking.slot.starts_at, location.name)
            positions = await self._repository.save(case)
        except (DomainError, ConcurrencyConflict) as refused:
            # Certainly not recorded: give the place back. Other failures (the database
            # went away mid-save) may have recorded it, so `settle` decides those later.
            if booking.created:
                await self.book.release(booking.id, only=HELD)
            log.info("appointment_released", reason=type(refused).__name__, kind=kind.value)
            raise
        await self.book.confirm(booking.id)
        return Booked(booking, Written.of(case.version, positions))

    async def settle(self, booking: Booking) -> bool:
        """Confirm a held booking if the case records it, else release it; True if confirmed."""
        case = await self._repository.get(Case, booking.case_id)
        at, place = appointment_of(case, booking.kind)
        if at == booking.slot.starts_at and place == slot_location(booking.slot).name:
            await self.book.confirm(booking.id)
            return True
        await self.book.release(booking.id, only=HELD)
        return False

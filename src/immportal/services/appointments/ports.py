"""What the appointment services need from storage: slots, bookings, and their port."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Protocol
from uuid import UUID

from immportal.domain.appointments.rules import AppointmentKind


class BookingStatus(StrEnum):
    """Where a booking stands."""

    HELD = "held"
    """Its place is taken; the case's event is not recorded yet."""
    BOOKED = "booked"
    RELEASED = "released"
    ATTENDED = "attended"
    MISSED = "missed"


@dataclass(frozen=True)
class Slot:
    """One appointment time at one place, and how full it is."""

    id: int
    location_code: str
    starts_at: datetime
    capacity: int
    booked: int

    @property
    def free(self) -> int:
        """Places left."""
        return self.capacity - self.booked


@dataclass(frozen=True)
class FreeDay:
    """A day at one place with at least one free time, and how many times are free."""

    day: date
    free_times: int


@dataclass(frozen=True)
class Booking:
    """A case's place in a slot."""

    id: UUID
    slot: Slot
    case_id: UUID
    kind: AppointmentKind
    status: BookingStatus
    created: bool = False
    """True only for the call that took the place (so only it undoes a failure)."""


class AppointmentBook(Protocol):
    """Slots and bookings, with no slot ever taking more people than its capacity."""

    async def add_slots(self, slots: Iterable[tuple[str, datetime, int]]) -> int:
        """Add (location code, start, capacity) slots that do not exist yet; return how many."""

    async def get_slot(self, slot_id: int) -> Slot | None:
        """One slot, or None."""

    async def free_slots(
        self, location_codes: Sequence[str], after: datetime, before: datetime, limit: int
    ) -> list[Slot]:
        """Up to `limit` slots per place with a free place, earliest first."""

    async def free_days(
        self, location_code: str, timezone: str, after: datetime, before: datetime
    ) -> list[FreeDay]:
        """Each day (on the place's clocks) with a free place, earliest first, and how many."""

    async def book(
        self, booking_id: UUID, slot_id: int, case_id: UUID, kind: AppointmentKind
    ) -> Booking:
        """Take a place in a slot (held); the same booking id again returns that booking.

        Raises SlotFull when no place is left, SlotNotOffered when there is no such slot.
        """

    async def get_booking(self, booking_id: UUID) -> Booking | None:
        """One booking, or None."""

    async def confirm(self, booking_id: UUID) -> None:
        """Mark a held booking as booked: the case's event is recorded."""

    async def release(self, booking_id: UUID, *, only: Sequence[BookingStatus]) -> bool:
        """Give the place back if the booking is in one of the `only` statuses."""

    async def set_outcome(self, booking_id: UUID, status: BookingStatus) -> None:
        """Record that the person attended or missed a booked appointment."""

    async def current(self, case_id: UUID, kind: AppointmentKind) -> Booking | None:
        """The case's latest booking of a kind that was confirmed, or None."""

    async def held_before(self, moment: datetime) -> list[Booking]:
        """Bookings still held since before `moment` (attempts that stopped half-way)."""

    async def day_list(
        self, location_code: str, day_start: datetime, length: timedelta
    ) -> list[Booking]:
        """Confirmed bookings (and their outcomes) at a place in a period, by time."""

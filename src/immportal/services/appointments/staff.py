"""Staff work on appointments: a place's day list, attendance, and booking interviews."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from immportal.domain.actor import Actor
from immportal.domain.appointments.locations import Location, LocationKind, location_by_code
from immportal.domain.appointments.rules import AppointmentKind, SlotNotOffered, booking_id
from immportal.domain.cases.case import Case
from immportal.domain.cases.permissions import CASE_READERS, check_role
from immportal.domain.cases.status import CaseStatus
from immportal.services.appointments.booking import AppointmentRecorder, Booked
from immportal.services.appointments.ports import AppointmentBook, Booking, BookingStatus
from immportal.services.ports import Written
from immportal.services.repository import Repository

INTERVIEW = AppointmentKind.INTERVIEW
BIOMETRICS = AppointmentKind.BIOMETRICS


@dataclass(frozen=True)
class DayEntry:
    """One booking on a place's day list, with the case it is for."""

    booking: Booking
    receipt_number: str | None
    case_status: CaseStatus


class StaffAppointments:
    """What officers and supervisors do with appointments."""

    def __init__(self, book: AppointmentBook, repository: Repository) -> None:
        self._book = book
        self._repository = repository
        self._recorder = AppointmentRecorder(book, repository)

    async def day_list(self, actor: Actor, location: Location, day: date) -> list[DayEntry]:
        """Everyone booked at a place on a day (in the place's own time zone)."""
        check_role(actor, CASE_READERS)
        start = datetime.combine(day, datetime.min.time(), ZoneInfo(location.timezone))
        entries = []
        for booking in await self._book.day_list(location.code, start, timedelta(days=1)):
            case = await self._repository.get(Case, booking.case_id)
            entries.append(DayEntry(booking, case.receipt_number, case.status))
        return entries

    async def record_attended(self, booking_id_: UUID, *, actor: Actor) -> Written:
        """Record that the person came to their biometrics appointment."""
        booking, case = await self._booked(booking_id_)
        case.record_biometrics_attended(actor)
        positions = await self._repository.save(case)
        await self._book.set_outcome(booking.id, BookingStatus.ATTENDED)
        return Written.of(case.version, positions)

    async def record_missed(self, booking_id_: UUID, *, actor: Actor, reason: str) -> Written:
        """Record that the person did not come, and why."""
        booking, case = await self._booked(booking_id_)
        case.record_biometrics_missed(actor, reason)
        positions = await self._repository.save(case)
        await self._book.set_outcome(booking.id, BookingStatus.MISSED)
        return Written.of(case.version, positions)

    async def _booked(self, booking_id_: UUID) -> tuple[Booking, Case]:
        booking = await self._book.get_booking(booking_id_)
        if booking is None or booking.kind is not BIOMETRICS:
            raise SlotNotOffered("There is no such biometrics appointment.")
        return booking, await self._repository.get(Case, booking.case_id)

    async def book_interview(
        self, case_id: UUID, location_code: str, slot_id: int, actor: Actor
    ) -> Booked:
        """Book (or move) the case's interview at a field office, in one of its slots."""
        location = location_by_code(location_code)
        if location is None or location.kind is not LocationKind.FIELD_OFFICE:
            raise SlotNotOffered("Interviews take place at field offices.")
        slot = await self._book.get_slot(slot_id)
        if slot is None or slot.location_code != location.code:
            raise SlotNotOffered(f"That time is not in the calendar of {location.name}.")
        case = await self._repository.get(Case, case_id)
        moving = case.status is CaseStatus.INTERVIEW_SCHEDULED
        old = await self._book.current(case_id, INTERVIEW) if moving else None

        def record(c: Case, at: datetime, place: str) -> None:
            if moving:
                c.reschedule_interview(actor, at, place)
            else:
                c.schedule_interview(actor, at, place)

        bid = booking_id(case_id, INTERVIEW, case.version)
        booked = await self._recorder.book_and_record(case, INTERVIEW, slot, bid, record)
        if old is not None and old.id != booked.booking.id:
            await self._book.release(old.id, only=(BookingStatus.BOOKED,))
        return booked

"""Biometrics appointments: booked after acceptance, moved online by the applicant."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

import structlog

from immportal.domain.actor import Actor, Role
from immportal.domain.appointments.locations import (
    Location,
    LocationKind,
    location_by_code,
    locations_of,
)
from immportal.domain.appointments.nearest import by_distance, office_point, zip_point
from immportal.domain.appointments.rules import (
    MIN_NOTICE,
    RESCHEDULE_NOTICE,
    SEARCH_DAYS,
    AppointmentKind,
    NoAppointment,
    SlotFull,
    SlotNotOffered,
    booking_id,
    check_new_slot,
    check_reschedule,
)
from immportal.domain.cases.case import Case
from immportal.domain.cases.permissions import COMMAND_ROLES, check_acts_for
from immportal.domain.cases.status import CaseStatus
from immportal.domain.errors import NotPermitted
from immportal.errors import ConcurrencyConflict
from immportal.services.appointments.booking import AppointmentRecorder, Booked, slot_location
from immportal.services.appointments.ports import (
    AppointmentBook,
    Booking,
    BookingStatus,
    FreeDay,
    Slot,
)
from immportal.services.appointments.slots import DEFAULT_DAYS
from immportal.services.cases.files import CaseFile
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)

BIOMETRICS = AppointmentKind.BIOMETRICS
CHOICE_CENTERS = 3
"""How many nearby support centers the reschedule page offers."""
CHOICES_PER_CENTER = 8
CALENDAR_DAYS = DEFAULT_DAYS
"""How far ahead a new time may be chosen: the calendars are filled this many days ahead."""
TIMES_PER_DAY = 200
"""More than any place has in a day (one every 15 minutes for 8 hours is 32)."""
SLOTS_TRIED_PER_CENTER = 5
"""Automatic booking tries this many free slots at a center before the next nearest."""
ATTEMPTS = 3
"""Automatic booking starts over this often when the case changed under it."""
_FILERS = frozenset({Role.APPLICANT, Role.REPRESENTATIVE})

Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


def mailing_zip(case: Case | CaseFile) -> str | None:
    """The ZIP code of the case's latest mailing address (a change, else the form's answer)."""
    if case.address and case.address.get("postal_code"):
        return case.address["postal_code"]
    answer = case.answers.get("contact", {}).get("postal_code")
    return answer if isinstance(answer, str) else None


def nearest_centers(case: Case | CaseFile) -> list[Location]:
    """Support centers nearest to the applicant's ZIP code (or else the case's office)."""
    origin = zip_point(mailing_zip(case)) or office_point(case.office)
    return by_distance(locations_of(LocationKind.SUPPORT_CENTER), origin)


@dataclass(frozen=True)
class CenterDays:
    """A nearby center and the days it has free times on, for choosing a new date."""

    location: Location
    days: list[FreeDay]


@dataclass(frozen=True)
class CenterChoice:
    """A nearby center and its free slots, for the reschedule page."""

    location: Location
    slots: list[Slot]


class AppointmentService:
    """Books biometrics appointments and moves them, never overbooking a slot."""

    def __init__(self, book: AppointmentBook, repository: Repository, clock: Clock = _now) -> None:
        self._book = book
        self._repository = repository
        self._recorder = AppointmentRecorder(book, repository)
        self._clock = clock

    async def auto_book_biometrics(self, case_id: UUID, accepted_version: int) -> Booking | None:
        """Book the nearest center with a free slot for an accepted case; None if none."""
        for _attempt in range(ATTEMPTS):
            try:
                return await self._auto_book(case_id, accepted_version)
            except ConcurrencyConflict:
                continue  # the place was given back; look at the case as it is now
        log.warning("biometrics_not_booked", reason="case kept changing")
        return None

    async def _auto_book(self, case_id: UUID, accepted_version: int) -> Booking | None:
        case = await self._repository.get(Case, case_id)
        bid = booking_id(case_id, BIOMETRICS, accepted_version)
        earlier = await self._book.get_booking(bid)
        if case.status is not CaseStatus.ACCEPTED:
            if earlier is not None and earlier.status is BookingStatus.HELD:
                await self._recorder.settle(earlier)  # a run that stopped half-way
            return None
        if earlier is not None:
            return await self._record_scheduled(case, earlier.slot, bid)
        now = self._clock()
        start, end = now + MIN_NOTICE, now + MIN_NOTICE + timedelta(days=SEARCH_DAYS)
        for center in nearest_centers(case):
            for slot in await self._book.free_slots([center.code], start, end, 5):
                try:
                    return await self._record_scheduled(case, slot, bid)
                except SlotFull:
                    continue  # taken meanwhile: the next time, then the next center
        log.warning("biometrics_not_booked", reason="no free slot", case_id=str(case_id))
        return None

    async def _record_scheduled(self, case: Case, slot: Slot, bid: UUID) -> Booking:
        def record(c: Case, at: datetime, place: str) -> None:
            c.schedule_biometrics(Actor.system(), at, place)

        return (await self._recorder.book_and_record(case, BIOMETRICS, slot, bid, record)).booking

    async def reschedule_biometrics(
        self, case_id: UUID, *, actor: Actor, slot_id: int, expected_version: int | None
    ) -> Booked:
        """Move the case's biometrics appointment to a chosen slot; give the old place back.

        Applicants and representatives are held to the online rules (not within 12 hours
        of the appointment, not after two moves); staff are not.
        """
        case = await self._repository.get(Case, case_id)
        check_acts_for(actor, case.applicant_id, case.representative_ids)
        if expected_version is not None and case.version != expected_version:
            raise ConcurrencyConflict(f"case {case_id} is at version {case.version}")
        case.check_transition("reschedule_biometrics")
        if case.biometrics_at is None:
            raise NoAppointment("There is no biometrics appointment to change.")
        now = self._clock()
        if actor.role in _FILERS:
            check_reschedule(case.biometrics_at, case.biometrics_reschedules, now)
        slot = await self._offered_slot(slot_id, now)
        if (slot.starts_at, slot_location(slot).name) == (
            case.biometrics_at,
            case.biometrics_location,
        ):
            raise SlotNotOffered("That is the appointment you have now. Please choose another.")
        old = await self._book.current(case_id, BIOMETRICS)
        acting = _acting(actor)
        booked = await self._recorder.book_and_record(
            case,
            BIOMETRICS,
            slot,
            booking_id(case_id, BIOMETRICS, case.version),
            lambda c, at, place: c.reschedule_biometrics(acting, at, place),
        )
        if old is not None and old.id != booked.booking.id:
            await self._book.release(old.id, only=(BookingStatus.BOOKED,))
        return booked

    async def _offered_slot(self, slot_id: int, now: datetime) -> Slot:
        slot = await self._book.get_slot(slot_id)
        if slot is None or slot_location(slot).kind is not LocationKind.SUPPORT_CENTER:
            raise SlotNotOffered("That appointment time is not offered. Please choose another.")
        check_new_slot(slot.starts_at, now)
        if slot.free <= 0:
            raise SlotFull("Someone else has just taken the last place at that time.")
        return slot

    async def choices(self, case: Case | CaseFile) -> list[CenterChoice]:
        """Free slots at the centers nearest the applicant, for choosing a new time."""
        now = self._clock()
        centers = nearest_centers(case)[:CHOICE_CENTERS]
        start = now + timedelta(days=1)
        end = start + timedelta(days=SEARCH_DAYS)
        slots = await self._book.free_slots(
            [c.code for c in centers], start, end, CHOICES_PER_CENTER
        )
        return [
            CenterChoice(center, [s for s in slots if s.location_code == center.code])
            for center in centers
        ]

    async def free_days(self, case: Case | CaseFile) -> list[CenterDays]:
        """Every day with a free time in the calendars of the centers nearest the applicant.

        The whole calendar window (the days slots are made for), from the first time far
        enough ahead to be chosen online; earliest first.
        """
        now = self._clock()
        after, before = now + RESCHEDULE_NOTICE, now + timedelta(days=CALENDAR_DAYS)
        return [
            CenterDays(c, await self._book.free_days(c.code, c.timezone, after, before))
            for c in nearest_centers(case)[:CHOICE_CENTERS]
        ]

    async def free_times(self, location_code: str, day: date) -> tuple[Location, list[Slot]]:
        """A support center's free times on one of its days (its own clocks), earliest first."""
        location = location_by_code(location_code)
        if location is None or location.kind is not LocationKind.SUPPORT_CENTER:
            raise SlotNotOffered("That place does not offer biometrics appointments.")
        zone = ZoneInfo(location.timezone)
        start = datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)
        end = datetime.combine(day + timedelta(days=1), time(), tzinfo=zone).astimezone(UTC)
        after = max(start, self._clock() + RESCHEDULE_NOTICE)
        slots = await self._book.free_slots([location.code], after, end, TIMES_PER_DAY)
        return location, slots

    async def current(self, case_id: UUID, kind: AppointmentKind = BIOMETRICS) -> Booking | None:
        """The case's confirmed booking of a kind, if any."""
        return await self._book.current(case_id, kind)

    async def settle_stale(self, older_than: timedelta) -> int:
        """Confirm or release bookings held longer than `older_than`; return how many."""
        stale = await self._book.held_before(self._clock() - older_than)
        for booking in stale:
            await self._recorder.settle(booking)
        return len(stale)


def _acting(actor: Actor) -> Actor:
    # The event names whoever moved the appointment: the applicant, their representative,
    # staff or the system. This service has already checked standing and the online rules.
    if actor.role in COMMAND_ROLES["reschedule_biometrics"]:
        return actor
    raise NotPermitted(f"A user acting as {actor.role.value} may not do this.")

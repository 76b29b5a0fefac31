"""Appointment rules: notice, when a person may move their appointment, booking ids."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from immportal.domain.errors import DomainError
from immportal.i18n import N_

MIN_NOTICE = timedelta(days=3)
"""An automatic booking is at least this far ahead, so the notice reaches people in time."""
SEARCH_DAYS = 30
"""How many days ahead (after the notice) automatic booking looks for a free slot."""
RESCHEDULE_CUTOFF = timedelta(hours=12)
"""Closer to the appointment than this, it can no longer be moved online."""
MAX_RESCHEDULES = 2
"""How many times an applicant may move their appointment online."""
RESCHEDULE_NOTICE = timedelta(hours=24)
"""A new slot chosen online starts at least this far ahead."""

HELP_LINE = "800-375-5283"
"""The contact center that moves appointments when the online rules no longer allow it."""
HELP_LINE_TTY = "800-767-1833"
"""The same contact center for people who are deaf, hard of hearing or have a speech disability."""

# Fixed, so the same (case, kind, version) names the same booking in every process.
_BOOKING_NAMESPACE = uuid.UUID("5b0c7f0e-3c1e-4c55-9a53-6f1f2a7f4d10")


class AppointmentKind(StrEnum):
    """What an appointment is for."""

    BIOMETRICS = "biometrics"
    INTERVIEW = "interview"


WHAT_TO_BRING: dict[AppointmentKind, tuple[str, ...]] = {
    AppointmentKind.BIOMETRICS: (
        N_("This appointment notice."),
        N_(
            "A valid photo identity document, such as your passport, permanent resident card "
            "or driver's license."
        ),
        N_("Your employment authorization document, if you have one."),
    ),
    AppointmentKind.INTERVIEW: (
        N_("This appointment notice."),
        N_("A valid photo identity document, such as your passport or permanent resident card."),
        N_("The originals of every document you sent with your application."),
        N_("An interpreter, if you need one and are not fluent in English."),
    ),
}
"""What people bring to each kind of appointment, in plain words."""


class AppointmentError(DomainError):
    """An appointment cannot be booked or changed."""


class SlotFull(AppointmentError):
    """Every place in the chosen slot has been taken."""


class SlotNotOffered(AppointmentError):
    """The chosen slot does not exist, is too soon, or is for another kind of appointment."""


class NoAppointment(AppointmentError):
    """There is no appointment to change."""


class RescheduleRefused(AppointmentError):
    """The appointment may no longer be moved online; the person must call for help."""

    def __init__(self, message: str, *, too_late: bool) -> None:
        super().__init__(message)
        self.too_late = too_late


@dataclass(frozen=True)
class RescheduleCheck:
    """Whether an appointment may be moved online now, and if not, why."""

    allowed: bool
    too_late: bool = False
    too_many: bool = False


def reschedule_check(appointment_at: datetime, reschedules: int, now: datetime) -> RescheduleCheck:
    """Whether an appointment at `appointment_at`, moved `reschedules` times, may move now."""
    if reschedules >= MAX_RESCHEDULES:
        return RescheduleCheck(allowed=False, too_many=True)
    if appointment_at - now < RESCHEDULE_CUTOFF:
        return RescheduleCheck(allowed=False, too_late=True)
    return RescheduleCheck(allowed=True)


def check_reschedule(appointment_at: datetime, reschedules: int, now: datetime) -> None:
    """Raise RescheduleRefused when the appointment may not be moved online now."""
    check = reschedule_check(appointment_at, reschedules, now)
    if check.too_many:
        msg = f"This appointment has already been moved {MAX_RESCHEDULES} times online."
        raise RescheduleRefused(msg, too_late=False)
    if check.too_late:
        msg = "This appointment is less than 12 hours away, so it can no longer move online."
        raise RescheduleRefused(msg, too_late=True)


def check_new_slot(starts_at: datetime, now: datetime) -> None:
    """Raise SlotNotOffered when a slot chosen online starts too soon (or has passed)."""
    if starts_at - now < RESCHEDULE_NOTICE:
        raise SlotNotOffered("That time is too soon. Please choose a time at least a day away.")


def booking_id(case_id: uuid.UUID, kind: AppointmentKind, case_version: int) -> uuid.UUID:
    """The booking made for a case at a version: a retried attempt names the same booking."""
    return uuid.uuid5(_BOOKING_NAMESPACE, f"{case_id}:{kind.value}:{case_version}")

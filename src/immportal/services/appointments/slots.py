"""Fill the appointment calendars: a slot for every opening of every place, ahead of time."""

from collections.abc import Iterable
from datetime import date

from immportal.domain.appointments.calendar import slot_starts
from immportal.domain.appointments.locations import LOCATIONS, Location
from immportal.services.appointments.ports import AppointmentBook

DEFAULT_DAYS = 60


async def generate_slots(
    book: AppointmentBook,
    first_day: date,
    days: int = DEFAULT_DAYS,
    locations: Iterable[Location] = LOCATIONS,
) -> int:
    """Add the slots of `days` days from `first_day` that are missing; return how many.

    Running it again adds nothing new, so it can run at every start and every night.
    """
    rows = [
        (location.code, starts_at, location.capacity)
        for location in locations
        for starts_at in slot_starts(location, first_day, days)
    ]
    return await book.add_slots(rows)

"""Free interview times in the field offices' calendars, as choices for the review page."""

from datetime import UTC, datetime, timedelta

from immportal.domain.appointments.locations import LocationKind, location_by_code, locations_of
from immportal.web.appointments.views import local_clock, local_date
from immportal.web.officer.actions import FormProblems
from immportal.web.portal import Portal

SLOTS_PER_OFFICE = 3
LOOK_AHEAD = timedelta(days=60)
# Give the applicant time to plan: no interview earlier than this.
NOTICE = timedelta(days=7)


async def interview_choices(runtime: Portal) -> list[tuple[str, str]]:
    """(value, label) of the earliest free interview times at each field office."""
    offices = locations_of(LocationKind.FIELD_OFFICE)
    now = datetime.now(UTC)
    book = runtime.appointment_book
    slots = await book.free_slots(
        [o.code for o in offices], now + NOTICE, now + LOOK_AHEAD, SLOTS_PER_OFFICE
    )
    choices = []
    for slot in slots:
        place = location_by_code(slot.location_code)
        if place is None:
            continue
        # The office's own zone: the applicant goes there, whatever the officer's zone.
        at = f"{local_date(slot.starts_at, place)}, {local_clock(slot.starts_at, place)}"
        choices.append((f"{slot.location_code}|{slot.id}", f"{place.name}: {at}"))
    return choices


def parse_choice(value: str) -> tuple[str, int]:
    """The (place code, slot id) of a chosen time; FormProblems for anything else."""
    code, _, slot = value.partition("|")
    if not code or not slot.isdigit():
        raise FormProblems({"slot": "Choose one of the interview times"})
    return code, int(slot)

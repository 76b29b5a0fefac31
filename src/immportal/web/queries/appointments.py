"""A place's day list of appointments, with each booking's case, from the case summaries."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from immportal.domain.actor import Actor
from immportal.domain.appointments.locations import Location
from immportal.domain.cases.permissions import CASE_READERS, check_role
from immportal.domain.cases.status import CaseStatus
from immportal.projections.case_summary import get_case_summaries
from immportal.services.appointments.staff import DayEntry
from immportal.web.portal import Portal


async def bookings_on(
    portal: Portal, actor: Actor, location: Location, day: date
) -> list[DayEntry]:
    """Everyone booked at a place on a day (in the place's own time zone), in time order."""
    check_role(actor, CASE_READERS)
    start = datetime.combine(day, datetime.min.time(), ZoneInfo(location.timezone))
    bookings = await portal.appointment_book.day_list(location.code, start, timedelta(days=1))
    summaries = await get_case_summaries(portal.pool, [b.case_id for b in bookings])
    return [
        DayEntry(booking, found.receipt_number, CaseStatus(found.status))
        for booking in bookings
        if (found := summaries.get(booking.case_id)) is not None
    ]

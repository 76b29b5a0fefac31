"""The calendar of appointment slots: weekdays, opening hours, federal holidays closed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from immportal.domain.appointments.locations import Location

_MONDAY, _THURSDAY = 0, 3


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    after = date(year + month // 12, month % 12 + 1, 1)
    last = after - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: date) -> date:
    # A holiday on a Saturday is observed on the Friday, on a Sunday on the Monday.
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


def federal_holidays(year: int) -> frozenset[date]:
    """The days federal offices are closed in a year (5 U.S.C. 6103), as observed."""
    fixed = [date(year, 1, 1), date(year, 6, 19), date(year, 7, 4)]
    fixed += [date(year, 11, 11), date(year, 12, 25)]
    moving = [
        _nth_weekday(year, 1, _MONDAY, 3),  # Birthday of Martin Luther King, Jr.
        _nth_weekday(year, 2, _MONDAY, 3),  # Washington's Birthday
        _last_weekday(year, 5, _MONDAY),  # Memorial Day
        _nth_weekday(year, 9, _MONDAY, 1),  # Labor Day
        _nth_weekday(year, 10, _MONDAY, 2),  # Columbus Day
        _nth_weekday(year, 11, _THURSDAY, 4),  # Thanksgiving Day
    ]
    # New Year's Day of next year on a Saturday is observed on 31 December.
    following = _observed(date(year + 1, 1, 1))
    days = {_observed(day) for day in fixed} | set(moving)
    return frozenset(days | ({following} if following.year == year else set()))


def is_open_on(day: date) -> bool:
    """Whether places with calendars are open on a day (weekdays but federal holidays)."""
    return day.weekday() < 5 and day not in federal_holidays(day.year)


def slot_starts(location: Location, first_day: date, days: int) -> Iterator[datetime]:
    """The start of every slot (in UTC) at a place over `days` days from `first_day`."""
    zone = ZoneInfo(location.timezone)
    length = timedelta(minutes=location.slot_minutes)
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        if not is_open_on(day):
            continue
        start = datetime.combine(day, location.opens, zone)
        closes = datetime.combine(day, location.closes, zone)
        while start + length <= closes:
            yield start.astimezone(UTC)
            start += length


def local_time(at: datetime, location: Location) -> datetime:
    """A moment as the clock on the wall at the place shows it."""
    return at.astimezone(ZoneInfo(location.timezone))

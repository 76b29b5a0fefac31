"""Appointment rules: holidays, slot times, nearest centers, when an appointment may move."""

from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from immportal.domain.appointments.calendar import federal_holidays, is_open_on, slot_starts
from immportal.domain.appointments.locations import LocationKind, location_by_code, locations_of
from immportal.domain.appointments.nearest import by_distance, distance_km, office_point, zip_point
from immportal.domain.appointments.rules import AppointmentKind, booking_id, reschedule_check

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


class TestCalendar:
    """Places open on weekdays in opening hours, closed on federal holidays."""

    def test_holidays_of_2026(self) -> None:
        """Independence Day on a Saturday is observed on Friday 3 July; Thanksgiving is the 26th."""
        holidays = federal_holidays(2026)
        assert {date(2026, 7, 3), date(2026, 11, 26), date(2026, 1, 19)} <= holidays
        assert date(2026, 7, 4) not in holidays

    def test_weekends_and_holidays_closed(self) -> None:
        """Saturday and Christmas are closed, an ordinary Monday is open."""
        assert [False, False, True] == [
            is_open_on(date(2026, 3, 7)),
            is_open_on(date(2026, 12, 25)),
            is_open_on(date(2026, 3, 2)),
        ]

    def test_newark_day_in_local_hours(self) -> None:
        """A Newark day: 32 quarter-hour slots, 8:00 to 15:45 Eastern (13:00 UTC in winter)."""
        newark = location_by_code("ASC-NWK")
        assert newark is not None
        starts = list(slot_starts(newark, date(2026, 3, 2), 1))
        assert (32, datetime(2026, 3, 2, 13, 0, tzinfo=UTC)) == (len(starts), starts[0])
        assert datetime(2026, 3, 2, 20, 45, tzinfo=UTC) == starts[-1]


class TestNearest:
    """ZIP codes are placed roughly, and centers sorted by great-circle distance."""

    def test_zip_points(self) -> None:
        """A Brooklyn ZIP is in New York City; nonsense has no place."""
        point = zip_point("11216-1234")
        assert point is not None
        assert distance_km(point, (40.68, -73.94)) < 20
        assert None is zip_point("ABCDE")

    def test_nearest_centers(self) -> None:
        """Chicago's ZIP goes to Chicago; an unknown office falls back to mid-country."""
        chicago = zip_point("60614")
        assert chicago is not None
        nearest = by_distance(locations_of(LocationKind.SUPPORT_CENTER), chicago)[0]
        assert "ASC-CHI" == nearest.code
        assert (39.83, -98.58) == office_point("XYZ")


class TestRescheduleRules:
    """Online moves stop 12 hours before and after two moves."""

    def test_rules(self) -> None:
        """Allowed 13 hours before; refused 11 hours before; refused after two moves."""
        assert reschedule_check(NOW + timedelta(hours=13), 1, NOW).allowed
        assert reschedule_check(NOW + timedelta(hours=11), 0, NOW).too_late
        assert reschedule_check(NOW + timedelta(days=9), 2, NOW).too_many

    def test_booking_ids_are_stable(self) -> None:
        """The same case, kind and version always name the same booking."""
        case_id = UUID(int=7)
        first = booking_id(case_id, AppointmentKind.BIOMETRICS, 4)
        assert first == booking_id(case_id, AppointmentKind.BIOMETRICS, 4)
        assert first != booking_id(case_id, AppointmentKind.BIOMETRICS, 5)

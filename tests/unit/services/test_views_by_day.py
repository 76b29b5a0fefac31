"""Staff views grouped by office and day (immportal.services.audit.views_by_day)."""

from datetime import UTC, date, datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from immportal.services.audit.access import OfficeView
from immportal.services.audit.ports import Access
from immportal.services.audit.views_by_day import accesses_by_day, offices_by_day

NEW_YORK = ZoneInfo("America/New_York")
MORNING = datetime(2026, 12, 5, 14, 0, tzinfo=UTC)  # 9 AM in New York
CASE = UUID("00000000-0000-4000-8000-0000000000c1")
DANA = UUID("00000000-0000-4000-8000-0000000000d1")
LEE = UUID("00000000-0000-4000-8000-0000000000e1")


def access(viewer: UUID, at: datetime, *, office: str = "VSC", what: str = "page") -> Access:
    """One recorded view of the case's page."""
    return Access(viewer, "officer", office, CASE, None, what, at)


class TestOfficesByDay:
    """The applicant reads one line per office with its days, not one row per page load."""

    def test_fifty_views_on_two_days_are_one_line(self) -> None:
        """Fifty views by one office on two days: one office, two days, newest first."""
        views = [OfficeView("VSC", MORNING + timedelta(minutes=5 * i)) for i in range(25)]
        views += [OfficeView("VSC", MORNING + timedelta(days=1, minutes=i)) for i in range(25)]

        (line,) = offices_by_day(views, NEW_YORK)

        assert "VSC" == line.office
        assert (date(2026, 12, 6), date(2026, 12, 5)) == line.days
        assert MORNING + timedelta(days=1, minutes=24) == line.last_at

    def test_offices_ordered_by_their_latest_view(self) -> None:
        """The office that looked most recently comes first; an unrecorded office is its own."""
        views = [
            OfficeView("NBC", MORNING),
            OfficeView(None, MORNING + timedelta(hours=1)),
            OfficeView("VSC", MORNING + timedelta(hours=2)),
            OfficeView("NBC", MORNING - timedelta(days=3)),
        ]
        lines = offices_by_day(views, NEW_YORK)
        assert ["VSC", None, "NBC"] == [line.office for line in lines]
        assert (date(2026, 12, 5), date(2026, 12, 2)) == lines[2].days

    def test_days_in_the_readers_zone(self) -> None:
        """A view at 11 PM in New York is on that day, not on the next UTC day."""
        late = datetime(2026, 12, 6, 4, 0, tzinfo=UTC)  # 11 PM on 5 December in New York
        (line,) = offices_by_day([OfficeView("VSC", late)], NEW_YORK)
        assert (date(2026, 12, 5),) == line.days

    def test_nothing_viewed(self) -> None:
        """No views, no lines."""
        assert [] == offices_by_day([], NEW_YORK)


class TestAccessesByDay:
    """Auditors read one line per person, thing and day, with how often and when."""

    def test_repeated_views_fold_with_count_and_times(self) -> None:
        """Ten page loads by one officer in a morning are one line: ten times, first to last."""
        rows = [access(DANA, MORNING + timedelta(minutes=10 * i)) for i in range(10)]

        (line,) = accesses_by_day(rows, NEW_YORK)

        assert (date(2026, 12, 5), DANA, 10) == (line.day, line.viewer_id, line.times)
        assert (MORNING, MORNING + timedelta(minutes=90)) == (line.first_at, line.last_at)

    def test_people_things_and_days_stay_apart(self) -> None:
        """Another person, another kind of view, another office or another day: another line."""
        rows = [
            access(DANA, MORNING),
            access(LEE, MORNING),
            access(DANA, MORNING, what="export"),
            access(DANA, MORNING, office="NBC"),
            access(DANA, MORNING + timedelta(days=1)),
            access(DANA, MORNING + timedelta(minutes=1)),
        ]
        lines = accesses_by_day(rows, NEW_YORK)
        assert 5 == len(lines)
        assert 6 == sum(line.times for line in lines)
        assert date(2026, 12, 6) == lines[0].day  # the latest first

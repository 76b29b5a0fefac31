"""Grouping a case's history for reading (immportal.services.cases.timeline_groups)."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from immportal.services.cases.timeline_groups import SavedWork, fold_saves, local_days

NEW_YORK = ZoneInfo("America/New_York")
HONOLULU = ZoneInfo("Pacific/Honolulu")
START = datetime(2026, 12, 3, 14, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Entry:
    """A timeline entry as grouping reads it."""

    event_type: str
    occurred_at: datetime
    actor_role: str | None = "applicant"


def saves_over(days: int, per_day: int) -> list[Entry]:
    """`per_day` saves an hour apart on each of `days` consecutive days."""
    return [
        Entry("AnswersSaved", START + timedelta(days=d, hours=h))
        for d in range(days)
        for h in range(per_day)
    ]


class TestLocalDays:
    """Days are the reader's days, each once, earliest first."""

    def test_distinct_and_sorted(self) -> None:
        """Several moments on one day count once; the order is the calendar's."""
        moments = [START + timedelta(days=2), START, START + timedelta(hours=3)]
        assert (date(2026, 12, 3), date(2026, 12, 5)) == local_days(moments, NEW_YORK)

    def test_late_evening_is_the_readers_day(self) -> None:
        """10 PM in Honolulu is already the next day in UTC, but the reader's day counts."""
        late = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)  # 10 PM on 3 December in Honolulu
        assert (date(2026, 12, 3),) == local_days([late], HONOLULU)
        assert (date(2026, 12, 4),) == local_days([late], ZoneInfo("UTC"))


class TestFoldSaves:
    """Every draft save becomes one entry where the first save was; nothing else moves."""

    def test_fifteen_saves_on_three_days_become_one_entry(self) -> None:
        """Started, 15 saves over 3 days, submitted: three entries, the middle one the saves."""
        started = Entry("Started", START - timedelta(minutes=5))
        saves = saves_over(3, 5)
        submitted = Entry("Submitted", saves[-1].occurred_at + timedelta(minutes=1))

        folded = fold_saves([started, *saves, submitted], NEW_YORK)

        assert 3 == len(folded)
        assert started is folded[0]
        assert submitted is folded[2]
        work = folded[1]
        assert isinstance(work, SavedWork)
        assert 15 == work.saves
        assert (date(2026, 12, 3), date(2026, 12, 4), date(2026, 12, 5)) == work.days
        assert (saves[0].occurred_at, saves[-1].occurred_at) == (work.first_at, work.last_at)
        assert ("applicant",) == work.roles

    def test_roles_in_the_order_they_first_saved(self) -> None:
        """A representative's saves are read with the applicant's, both named, in order."""
        entries = [
            Entry("AnswersSaved", START, "representative"),
            Entry("AnswersSaved", START + timedelta(hours=1), "applicant"),
            Entry("AnswersSaved", START + timedelta(hours=2), "representative"),
        ]
        (work,) = fold_saves(entries, NEW_YORK)
        assert isinstance(work, SavedWork)
        assert ("representative", "applicant") == work.roles

    def test_without_saves_nothing_changes(self) -> None:
        """A history without saves comes back as it was."""
        entries = [Entry("Started", START), Entry("Submitted", START + timedelta(hours=1))]
        assert entries == fold_saves(entries, NEW_YORK)

    def test_other_entries_between_saves_keep_their_place(self) -> None:
        """An entry between two saves stays after the grouped saves, in its own place."""
        authorized = Entry("RepresentativeAuthorized", START + timedelta(minutes=30))
        entries = [
            Entry("AnswersSaved", START),
            authorized,
            Entry("AnswersSaved", START + timedelta(hours=1)),
        ]
        folded = fold_saves(entries, NEW_YORK)
        assert 2 == len(folded)
        assert isinstance(folded[0], SavedWork)
        assert authorized is folded[1]
        assert 2 == folded[0].saves

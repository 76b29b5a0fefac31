"""A case's history in words for each reader (immportal.web.queries.timeline)."""

from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

from immportal.domain.cases.permissions import Standing
from immportal.projections.case_timeline import TimelineEntry
from immportal.services.cases.timeline_groups import SavedWork
from immportal.web.queries.timeline import lines_of, saved_work_title

START = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
CASE = uuid4()
OFFICER_ID = "5b0c2f3e-0000-4000-8000-000000000001"


def work(days: int, *roles: str) -> SavedWork:
    """Saves made on `days` consecutive days by these roles."""
    on = tuple(date(2026, 12, 3 + d) for d in range(days))
    return SavedWork(START, START + timedelta(days=days), on, days * 5, roles)


def entry(version: int, event_type: str, role: str, actor_id: str | None = None) -> TimelineEntry:
    """A timeline row as the read model gives it."""
    at = START + timedelta(hours=version)
    return TimelineEntry(version, CASE, version, event_type, event_type, role, None, False, at,
                         actor_id)  # fmt: skip


class TestSavedWorkTitle:
    """The grouped saves read as a sentence about who worked on which days."""

    def test_applicant_reads_you(self) -> None:
        """The applicant reads 'You worked on your application on 3 days'."""
        title = saved_work_title(work(3, "applicant"), Standing.APPLICANT)
        assert "You worked on your application on 3 days" == title

    def test_one_day_is_singular(self) -> None:
        """One day is 'on 1 day'."""
        title = saved_work_title(work(1, "applicant"), Standing.APPLICANT)
        assert "You worked on your application on 1 day" == title

    def test_applicant_and_representative(self) -> None:
        """Saves by both name both, as each reader says it."""
        both = work(2, "representative", "applicant")
        assert "You and your representative worked on your application on 2 days" == (
            saved_work_title(both, Standing.APPLICANT)
        )
        assert "The applicant and a representative worked on the application on 2 days" == (
            saved_work_title(both, Standing.REPRESENTATIVE)
        )

    def test_staff_read_the_applicant(self) -> None:
        """Staff read 'The applicant worked on the application'."""
        title = saved_work_title(work(4, "applicant"), Standing.STAFF)
        assert "The applicant worked on the application on 4 days" == title


class TestLinesOf:
    """Who acted, by role for applicants, by name for staff reading staff."""

    ENTRIES = (
        entry(1, "Started", "applicant", "applicant-1"),
        entry(2, "AnswersSaved", "applicant", "applicant-1"),
        entry(3, "AnswersSaved", "applicant", "applicant-1"),
        entry(4, "EvidenceRequested", "officer", OFFICER_ID),
        entry(5, "Accepted", "system", "system"),
    )

    def test_applicant_reads_roles(self) -> None:
        """The officer is 'by an officer'; the saves are one line with their day."""
        lines = lines_of(self.ENTRIES, Standing.APPLICANT, {OFFICER_ID: "Dana Reyes"})
        assert ["by you", "", "by an officer", "automatically"] == [
            line.actor_role for line in lines
        ]
        assert (date(2026, 12, 3),) == lines[1].days
        assert "Dana Reyes" not in " ".join(line.actor_role for line in lines)

    def test_staff_read_staff_by_name(self) -> None:
        """Staff read 'by Dana Reyes, officer', 'by the applicant' and 'automatically'."""
        lines = lines_of(self.ENTRIES, Standing.STAFF, {OFFICER_ID: "Dana Reyes"})
        assert ["by the applicant", "", "by Dana Reyes, officer", "automatically"] == [
            line.actor_role for line in lines
        ]
        assert "The applicant worked on the application on 1 day" == lines[1].title

"""How the case_milestones read model folds a case's events into its milestones."""

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

from immportal.adapters.postgres.eventstore import LogRecord
from immportal.dev.demo.history import PlannedCase, Step
from immportal.dev.demo.history_events import case_events
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.status import CaseStatus
from immportal.projections.base import Projected
from immportal.projections.case_milestones import fold, new_row

T0 = datetime(2026, 1, 5, 10, tzinfo=UTC)


def day(n: float) -> datetime:
    """T0 plus n days."""
    return T0 + timedelta(days=n)


def folded(kinds: list[tuple[str, float]], **step_extra: Any) -> tuple[dict[str, Any], list[Any]]:
    """Fold the events of a case that took these steps (kind, day) into a new row."""
    steps = [Step("start", day(0))]
    for kind, at in kinds:
        extra: dict[str, Any] = {}
        if kind.startswith("schedule_"):
            extra["appointment_at"] = day(at + 1)
        if kind == "transfer":
            extra["office"] = step_extra.get("to_office", "CSC")
        steps.append(Step(kind, day(at), **extra))
    plan = PlannedCase("applicant-fold", FormType.N400, "NBC", CaseStatus.DRAFT, tuple(steps))
    case_id = uuid4()
    row, decisions = new_row(case_id), []
    for position, event in enumerate(case_events(plan, case_id, "IOE2612345678"), start=1):
        record = LogRecord(position, case_id, position, "t", b"", T0, b"\0" * 32)
        decision = fold(row, Projected(record, event))  # type: ignore[arg-type]
        if decision is not None:
            decisions.append(decision)
    return row, decisions


DECIDED = [
    ("submit", 1),
    ("accept", 2),
    ("schedule_biometrics", 3),
    ("attend_biometrics", 4),
    ("assign", 5),
    ("propose_approval", 6),
    ("issue", 32),
]


class TestFold:
    """Each milestone takes the time of the event that reached it."""

    def test_a_decided_case(self) -> None:
        """Submission, acceptance and decision times, the outcome and one decision row."""
        row, decisions = folded(DECIDED)
        assert ("approved", "approved", 1) == (row["status"], row["outcome"], row["decisions"])
        assert (day(1), day(2), day(32), day(32)) == (
            row["submitted_at"],
            row["accepted_at"],
            row["first_decided_at"],
            row["decided_at"],
        )
        assert [("NBC", "approved", day(2), day(32), 1)] == [d[3:] for d in decisions]

    def test_reopened_then_decided_again(self) -> None:
        """A reopening clears the outcome; a later decision is counted as the case's second."""
        reopened, _ = folded([*DECIDED, ("reopen", 40)])
        again, decisions = folded(
            [*DECIDED, ("reopen", 40), ("assign", 41), ("propose_approval", 42), ("issue", 50)]
        )
        assert ("reopened", None, 1, day(40)) == (
            reopened["status"],
            reopened["outcome"],
            reopened["reopenings"],
            reopened["reopened_at"],
        )
        assert (day(32), day(50), 2) == (
            again["first_decided_at"],
            again["decided_at"],
            again["decisions"],
        )
        assert [1, 2] == [d[-1] for d in decisions]

    def test_withdrawal(self) -> None:
        """A withdrawn case keeps its acceptance and records when it was withdrawn."""
        row, decisions = folded(
            [("submit", 1), ("accept", 2), ("schedule_biometrics", 3), ("withdraw", 9)]
        )
        assert ("withdrawn", day(2), day(9), None) == (
            row["status"],
            row["accepted_at"],
            row["withdrawn_at"],
            row["first_decided_at"],
        )
        assert [] == decisions

    def test_transfer_changes_the_office_of_later_decisions(self) -> None:
        """After a transfer the case and its decision belong to the new office."""
        steps = [*DECIDED[:4], ("transfer", 4.5), *DECIDED[4:]]
        row, decisions = folded(steps, to_office="TSC")
        assert ("TSC", 1) == (row["office"], row["transfers"])
        assert ["TSC"] == [d[3] for d in decisions]

    def test_rejected_filing(self) -> None:
        """A rejected filing has a rejection time and no acceptance."""
        row, _ = folded([("submit", 1), ("reject", 3), ("refund", 4)])
        assert ("rejected", None, day(3)) == (row["status"], row["accepted_at"], row["rejected_at"])

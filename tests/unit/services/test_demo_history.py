"""The synthetic demonstration history: every status, every form, deterministic per seed."""

from datetime import UTC, datetime
from uuid import uuid4

from immportal.dev.demo.history import OFFICES, plan_history
from immportal.dev.demo.history_events import case_events
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.status import CaseStatus

NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)


class TestPlan:
    """What the plan holds."""

    def test_every_status_and_every_form(self) -> None:
        """150 cases reach every case status, on all four forms, at every office."""
        plans = plan_history(NOW)
        assert 150 == len(plans)
        assert set(CaseStatus) == {p.status for p in plans}
        assert set(FormType) == {p.form_type for p in plans}
        assert set(OFFICES) == {p.office for p in plans}

    def test_same_seed_same_plan(self) -> None:
        """The same seed and moment give the same plan; another seed another one."""
        assert plan_history(NOW, seed=7) == plan_history(NOW, seed=7)
        assert plan_history(NOW, seed=7) != plan_history(NOW, seed=8)

    def test_steps_in_order_within_the_past_13_months(self) -> None:
        """Each case's steps are one after the other, none in the future, none long ago."""
        for plan in plan_history(NOW):
            times = [s.at for s in plan.steps]
            assert times == sorted(set(times)), plan
            assert NOW >= times[-1]
            assert (NOW - times[0]).days <= 400, plan

    def test_no_personal_data(self) -> None:
        """Applicants are made-up ids; nobody can be written to about these cases."""
        plans = plan_history(NOW)
        assert all(p.applicant_id.startswith("synthetic-applicant-") for p in plans)


class TestEvents:
    """The planned cases become real Case events with the planned times."""

    def test_each_case_ends_in_its_status_with_the_planned_times(self) -> None:
        """Every step runs the real command; each event carries its step's time."""
        for plan in plan_history(NOW):
            events = case_events(plan, uuid4(), "IOE2612345678")
            assert [s.at for s in plan.steps] == [e.timestamp for e in events]
            final = events[-1]
            status = "draft" if type(final).__name__ == "Started" else final.status  # type: ignore[attr-defined]
            assert plan.status.value == status, plan

    def test_no_answers_are_recorded(self) -> None:
        """No event saves answers, so no contact details exist for the notifications."""
        names = {
            type(e).__name__
            for plan in plan_history(NOW)
            for e in case_events(plan, uuid4(), "IOE2612345678")
        }
        assert "AnswersSaved" not in names

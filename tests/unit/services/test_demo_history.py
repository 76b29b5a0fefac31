"""The synthetic demonstration history: every status, every form, deterministic per seed."""

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

from immportal.dev.demo.cases import DemoStaff
from immportal.dev.demo.history import OFFICES, PlannedCase, plan_history
from immportal.dev.demo.history_events import case_answers, case_events
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.status import CaseStatus
from immportal.domain.catalogue import is_complete, problems

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


def events_of(plan: PlannedCase, number: int) -> list[Any]:
    """The events of one planned case."""
    return case_events(plan, uuid4(), "IOE2612345678", number)


class TestEvents:
    """The planned cases become real Case events with the planned times."""

    def test_each_case_ends_in_its_status_with_the_planned_times(self) -> None:
        """Every step runs the real command; each event carries its step's time."""
        for number, plan in enumerate(plan_history(NOW)):
            events = events_of(plan, number)
            steps = [e for e in events if type(e).__name__ != "AnswersSaved"]
            assert [s.at for s in plan.steps] == [e.timestamp for e in steps]
            final = events[-1]
            status = "draft" if type(final).__name__ == "Started" else final.status
            assert plan.status.value == status, plan

    def test_answers_saved_right_after_the_start(self) -> None:
        """The sections are saved a second apart after the start, before any other step."""
        plan = next(p for p in plan_history(NOW) if p.status is CaseStatus.SUBMITTED)
        events = events_of(plan, 3)
        saved = [e for e in events if type(e).__name__ == "AnswersSaved"]
        start, submitted = events[0].timestamp, events[len(saved) + 1].timestamp
        assert [start + timedelta(seconds=n) for n in range(1, len(saved) + 1)] == [
            e.timestamp for e in saved
        ]
        assert saved[-1].timestamp < submitted


class TestAnswers:
    """Filed cases carry complete, valid answers; nobody can be written to."""

    def test_filed_cases_are_complete(self) -> None:
        """Every case past the draft is answered in full and allowed by the form's rules."""
        for number, plan in enumerate(plan_history(NOW)):
            answers = case_answers(plan, number)
            if plan.status is not CaseStatus.DRAFT:
                assert (True, []) == (
                    is_complete(plan.form_type, answers),
                    problems(plan.form_type, answers),
                ), plan

    def test_drafts_are_half_done(self) -> None:
        """A draft has its first sections answered, not all of them."""
        drafts = [
            (number, p)
            for number, p in enumerate(plan_history(NOW))
            if p.status is CaseStatus.DRAFT
        ]
        assert drafts
        for number, plan in drafts:
            answers = case_answers(plan, number)
            assert "applicant" in answers
            assert not is_complete(plan.form_type, answers)

    def test_no_email_address(self) -> None:
        """No saved answer gives an email address, so no notification has anyone to write to."""
        emails = {
            getattr(e, "answers", {}).get("email")
            for number, plan in enumerate(plan_history(NOW))
            for e in events_of(plan, number)
            if type(e).__name__ == "AnswersSaved"
        }
        assert {None} == emails


class TestWorkedByDemoStaff:
    """With the offices' demo accounts given, their ids act on the cases of their office."""

    def test_staff_acts_in_its_own_office(self) -> None:
        """Every officer and supervisor act on a case is by its office's demo account."""
        staff = {
            office: DemoStaff(f"officer-account-{office}", f"supervisor-account-{office}")
            for office in OFFICES
        }
        staff_acts = 0
        for number, plan in enumerate(plan_history(NOW)):
            office = plan.office
            for event in case_events(plan, uuid4(), "IOE2612345678", number, staff):
                role = getattr(event, "actor_role", None)
                if role in ("officer", "supervisor"):
                    assert f"{role}-account-{office}" == event.actor_id
                    staff_acts += 1
                # A transfer is made by the old office; the new one works the case after.
                office = getattr(event, "to_office", office)
        assert staff_acts > 100

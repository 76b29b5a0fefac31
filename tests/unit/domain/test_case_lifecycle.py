"""Tests for the Case aggregate in immportal.domain.cases.case."""

from __future__ import annotations

import itertools
from datetime import date, datetime
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import DatetimeAsISO, JSONTranscoder, Transcoding, UUIDAsHex

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.status import TERMINAL_STATUSES, CaseStatus
from immportal.domain.errors import (
    CaseClosed,
    FeeRequired,
    InvalidArgument,
    InvalidReceiptNumber,
    LegalBasisRequired,
    NotPermitted,
    ReasonRequired,
    SecondOfficerRequired,
    TransitionNotAllowed,
)
from testkit.domain_case_helpers import (
    ADMIN,
    APPLICANT,
    APPOINTMENT,
    OFFICER,
    REPRESENTATIVE,
    SECOND_SUPERVISOR,
    SPEC,
    STEPS,
    SUPERVISOR,
    SYSTEM,
    case_for,
    case_in,
    new_case,
)

PAIRS = list(itertools.product(sorted(SPEC), CaseStatus))
ALLOWED = [(command, status) for command, status in PAIRS if status in SPEC[command]]
FORBIDDEN = [(command, status) for command, status in PAIRS if status not in SPEC[command]]

# Each reason-taking command, the status it is tried in and how to call it with a reason.
REASONED: dict[str, tuple[CaseStatus, Any]] = {
    "record_biometrics_missed": (
        CaseStatus.BIOMETRICS_SCHEDULED,
        lambda c, r: c.record_biometrics_missed(OFFICER, r),
    ),
    "request_evidence": (
        CaseStatus.ASSIGNED,
        lambda c, r: c.request_evidence(OFFICER, ["Passport"], date(2027, 3, 1), r),
    ),
    "complete_interview": (
        CaseStatus.INTERVIEW_SCHEDULED,
        lambda c, r: c.complete_interview(OFFICER, r),
    ),
    "propose_decision": (
        CaseStatus.ASSIGNED,
        lambda c, r: c.propose_decision(OFFICER, "approve", r, "", review_required=False),
    ),
    "return_proposal": (
        CaseStatus.DECISION_PROPOSED,
        lambda c, r: c.return_proposal(SUPERVISOR, r),
    ),
    "approve_proposal": (
        CaseStatus.DECISION_PROPOSED,
        lambda c, r: c.approve_proposal(SUPERVISOR, r),
    ),
    "appeal": (CaseStatus.DENIED, lambda c, r: c.appeal(APPLICANT, "motion", r)),
    "reopen": (CaseStatus.APPROVED, lambda c, r: c.reopen(OFFICER, r)),
    "withdraw": (CaseStatus.SUBMITTED, lambda c, r: c.withdraw(APPLICANT, r)),
    "transfer": (CaseStatus.ASSIGNED, lambda c, r: c.transfer(OFFICER, "MSC", r)),
    "add_note": (CaseStatus.ASSIGNED, lambda c, r: c.add_note(OFFICER, r)),
    "close": (CaseStatus.APPROVED, lambda c, r: c.close(OFFICER, r)),
}


class DateAsISO(Transcoding):
    """Store a date as YYYY-MM-DD; the application must register one like it for due dates."""

    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        """Return the date in ISO format."""
        return obj.isoformat()

    def decode(self, data: str) -> date:
        """Return the date an ISO string names."""
        return date.fromisoformat(data)


def replay(case: Case) -> Aggregate:
    """Rebuild a case from its collected events, as a repository would."""
    aggregate: Aggregate | None = None
    for domain_event in case.collect_events():
        aggregate = domain_event.mutate(aggregate)
    assert aggregate is not None
    return aggregate


def propose_denial(by: Actor = OFFICER) -> Case:
    """Return an assigned case with a proposed denial by the given adjudicator."""
    case = case_in(CaseStatus.ASSIGNED)
    case.propose_decision(by, "deny", "Not eligible", "INA 316(a)", review_required=False)
    return case


class TestEveryCommandInEveryStatus:
    """Every command is tried on a real case in every status."""

    @pytest.mark.parametrize(("command", "status"), ALLOWED)
    def test_allowed(self, command: str, status: CaseStatus) -> None:
        """An allowed command succeeds and leaves the case in the status the design names."""
        case = case_for(command, status)
        STEPS[command](case)
        expected = SPEC[command][status]
        assert expected == case.status

    @pytest.mark.parametrize(("command", "status"), FORBIDDEN)
    def test_forbidden(self, command: str, status: CaseStatus) -> None:
        """A forbidden command raises TransitionNotAllowed and records nothing."""
        case = case_for(command, status)
        version = case.version
        refusal = CaseClosed if status in TERMINAL_STATUSES else TransitionNotAllowed
        with pytest.raises(refusal):
            STEPS[command](case)
        expected = (status, version)
        assert expected == (case.status, case.version)


class TestEvents:
    """What every event records."""

    def test_every_event_records_the_actor(self) -> None:
        """Each event on a long history carries the acting user's id and role."""
        case = case_in(CaseStatus.CLOSED)
        expected = [
            ("applicant-1", "applicant"),
            ("applicant-1", "applicant"),
            ("system", "system"),
            ("supervisor-1", "supervisor"),
            ("officer-1", "officer"),
            ("officer-1", "officer"),
            ("officer-1", "officer"),
        ]
        actual = [(e.actor_id, e.actor_role) for e in case.collect_events()]  # type: ignore[attr-defined]
        assert expected == actual

    def test_event_names(self) -> None:
        """Events are named in the past tense after the command."""
        expected = ["Started", "Submitted", "Accepted", "Assigned", "DecisionProposed"]
        actual = [type(e).__name__ for e in case_in(CaseStatus.DECISION_PROPOSED).collect_events()]
        assert expected == actual

    def test_event_attributes_are_plain_values(self) -> None:
        """Events hold only values the JSON transcoder can store, never enums or objects."""
        plain = (str, int, bool, type(None), list, dict, datetime, date, UUID)
        case = case_in(CaseStatus.EVIDENCE_REQUESTED)
        STEPS["change_address"](case)
        for domain_event in case.collect_events():
            for name, value in vars(domain_event).items():
                assert type(value) in plain, (type(domain_event).__name__, name)

    def test_events_survive_the_json_transcoder(self) -> None:
        """Every event's attributes round-trip through the library's JSON transcoder."""
        transcoder = JSONTranscoder()
        for transcoding in (UUIDAsHex(), DatetimeAsISO(), DateAsISO()):
            transcoder.register(transcoding)
        case = case_in(CaseStatus.EVIDENCE_RECEIVED)
        for step in ["change_address", "add_note", "propose_decision", "approve_proposal"]:
            STEPS[step](case)
        STEPS["issue_decision"](case)
        for domain_event in case.collect_events():
            attributes = vars(domain_event)
            assert attributes == transcoder.decode(transcoder.encode(attributes))

    def test_times_come_from_events(self) -> None:
        """Submission and acceptance times are the timestamps of their events."""
        case = case_in(CaseStatus.ACCEPTED)
        events = case.collect_events()
        expected = (events[1].timestamp, events[2].timestamp)
        assert expected == (case.submitted_at, case.accepted_at)


class TestReplay:
    """Replaying the events rebuilds the same case."""

    @pytest.mark.parametrize("status", list(CaseStatus))
    def test_replay_gives_equal_state(self, status: CaseStatus) -> None:
        """A case rebuilt from its events has exactly the state of the original."""
        case = case_in(status)
        rebuilt = replay(case)
        assert vars(case) == vars(rebuilt)

    def test_replay_of_everything(self) -> None:
        """A history touching answers, biometrics, evidence and addresses replays equally."""
        case = new_case()
        for step in ["save_answers", "change_address", "submit", "accept", "schedule_biometrics"]:
            STEPS[step](case)
        case.reschedule_biometrics(OFFICER, APPOINTMENT, "ASC Lynn")
        for step in ["assign", "request_evidence", "receive_evidence", "transfer", "add_note"]:
            STEPS[step](case)
        rebuilt = replay(case)
        assert vars(case) == vars(rebuilt)


class TestReasons:
    """People who decide must say why."""

    @pytest.mark.parametrize(
        ("command", "reason"), list(itertools.product(sorted(REASONED), ["", "   ", "\n\t"]))
    )
    def test_blank_reason_is_refused(self, command: str, reason: str) -> None:
        """A blank reason raises ReasonRequired and records nothing."""
        status, call = REASONED[command]
        case = case_in(status)
        with pytest.raises(ReasonRequired):
            call(case, reason)
        expected = status
        assert expected == case.status

    def test_reason_is_stripped(self) -> None:
        """A reason is stored without surrounding space."""
        case = case_in(CaseStatus.ASSIGNED)
        case.add_note(OFFICER, "  Called the applicant \n")
        expected = "Called the applicant"
        assert expected == case.collect_events()[-1].reason  # type: ignore[attr-defined]


class TestDecisions:
    """Proposing, reviewing and issuing decisions."""

    def test_denial_always_needs_review(self) -> None:
        """A proposed denial needs review even when the officer said it does not."""
        case = propose_denial()
        assert case.proposal is not None
        assert case.proposal["review_required"] is True

    def test_unreviewed_denial_cannot_be_issued(self) -> None:
        """Issuing a denial nobody reviewed is refused in plain words."""
        case = propose_denial()
        with pytest.raises(TransitionNotAllowed, match="needs supervisor review"):
            case.issue_decision(OFFICER)

    def test_denial_needs_legal_basis(self) -> None:
        """A denial without a legal basis raises LegalBasisRequired."""
        case = case_in(CaseStatus.ASSIGNED)
        with pytest.raises(LegalBasisRequired):
            case.propose_decision(OFFICER, "deny", "Not eligible", " ", review_required=True)

    def test_unknown_outcome(self) -> None:
        """Only approve and deny are outcomes."""
        case = case_in(CaseStatus.ASSIGNED)
        with pytest.raises(InvalidArgument):
            case.propose_decision(OFFICER, "maybe", "Unsure", "", review_required=True)

    def test_proposer_cannot_approve_own_denial(self) -> None:
        """A supervisor who proposed a denial cannot also approve it."""
        case = propose_denial(by=SUPERVISOR)
        with pytest.raises(SecondOfficerRequired):
            case.approve_proposal(SUPERVISOR, "Looks right")

    def test_proposer_cannot_approve_own_approval_sent_to_review(self) -> None:
        """An approval sent to review needs a second person as much as a denial does."""
        case = case_in(CaseStatus.ASSIGNED)
        case.propose_decision(SUPERVISOR, "approve", "Eligible", "", review_required=True)
        with pytest.raises(SecondOfficerRequired):
            case.approve_proposal(SUPERVISOR, "Fine")
        case.approve_proposal(SECOND_SUPERVISOR, "Checked")
        assert SECOND_SUPERVISOR.user_id == case.proposal["reviewed_by"]  # type: ignore[index]

    def test_second_supervisor_approves_denial(self) -> None:
        """Another supervisor approves the denial, and the decision names both people."""
        case = propose_denial(by=SUPERVISOR)
        case.approve_proposal(SECOND_SUPERVISOR, "Looks right")
        case.issue_decision(OFFICER)
        expected = {
            "outcome": "denied",
            "reason": "Not eligible",
            "legal_basis": "INA 316(a)",
            "proposed_by": "supervisor-1",
            "reviewed_by": "supervisor-2",
            "issued_by": "officer-1",
        }
        assert expected == case.decision
        assert (CaseStatus.DENIED, case.collect_events()[-1].timestamp) == (
            case.status,
            case.decided_at,
        )

    def test_decision_cannot_be_issued_twice(self) -> None:
        """Issuing a decision a second time is refused."""
        case = case_in(CaseStatus.APPROVED)
        with pytest.raises(TransitionNotAllowed):
            case.issue_decision(OFFICER)

    def test_returned_proposal_is_cleared(self) -> None:
        """A returned proposal is gone and the case is back with its officer."""
        case = case_in(CaseStatus.DECISION_PROPOSED)
        case.return_proposal(SUPERVISOR, "Check the tax transcripts")
        expected = (None, CaseStatus.ASSIGNED)
        assert expected == (case.proposal, case.status)

    def test_reopen_keeps_the_earlier_decision(self) -> None:
        """Reopening keeps the earlier decision on record."""
        case = case_in(CaseStatus.REOPENED)
        assert case.decision is not None
        expected = "approved"
        assert expected == case.decision["outcome"]


class TestPermissions:
    """Only the right roles may act."""

    def test_applicant_cannot_approve_proposal(self) -> None:
        """An applicant may not review a decision."""
        case = case_in(CaseStatus.DECISION_PROPOSED)
        with pytest.raises(NotPermitted):
            case.approve_proposal(APPLICANT, "I agree")

    def test_role_is_checked_before_status(self) -> None:
        """A refused role learns nothing about the status."""
        case = case_in(CaseStatus.CLOSED)
        with pytest.raises(NotPermitted):
            case.add_note(APPLICANT, "Hello")

    def test_officer_assigns_only_themself(self) -> None:
        """An officer may take a case but not hand it to someone else."""
        case = case_in(CaseStatus.ACCEPTED)
        with pytest.raises(NotPermitted):
            case.assign(OFFICER, "officer-2")
        case.assign(OFFICER, "officer-1")
        expected = "officer-1"
        assert expected == case.officer_id

    def test_analyst_cannot_note(self) -> None:
        """Analysts read projections; they do not write on cases."""
        case = case_in(CaseStatus.ASSIGNED)
        with pytest.raises(NotPermitted):
            case.add_note(Actor("analyst-1", Role.ANALYST), "Interesting")

    def test_admin_can_transfer(self) -> None:
        """An admin may move a case to another office."""
        case = case_in(CaseStatus.ASSIGNED)
        case.transfer(ADMIN, "MSC", "Office closing")
        expected = "MSC"
        assert expected == case.office


class TestCommandArguments:
    """Commands refuse arguments that make no sense."""

    def test_start(self) -> None:
        """A new case is a draft on its form, at its office, for its applicant."""
        case = new_case()
        expected = ("applicant-1", "I-90", "NBC", CaseStatus.DRAFT)
        assert expected == (case.applicant_id, case.form_type, case.office, case.status)

    def test_start_with_a_chosen_id(self) -> None:
        """A case started with a chosen id (an idempotent start) carries that id."""
        chosen = UUID("6f1c1d0e-1b1a-5c8e-9d1e-2a3b4c5d6e7f")
        case = Case.start(
            applicant_id="applicant-1",
            form_type=FormType.I765,
            office="NBC",
            actor=APPLICANT,
            case_id=chosen,
        )
        assert (chosen, CaseStatus.DRAFT) == (case.id, case.status)

    def test_only_the_applicant_deletes_a_draft(self) -> None:
        """A representative may fill a draft in but not delete it."""
        case = new_case()
        with pytest.raises(NotPermitted):
            case.delete_draft(REPRESENTATIVE)
        case.delete_draft(APPLICANT)
        assert CaseStatus.WITHDRAWN == case.status

    def test_answers_merge_by_section(self) -> None:
        """Saving a section again merges into it and keeps other sections."""
        case = new_case()
        case.save_answers(APPLICANT, "about_you", {"family_name": "Okafor"})
        case.save_answers(APPLICANT, "about_you", {"given_name": "Ada"})
        case.save_answers(APPLICANT, "address", {"city": "Boston"})
        expected = {
            "about_you": {"family_name": "Okafor", "given_name": "Ada"},
            "address": {"city": "Boston"},
        }
        assert expected == case.answers

    def test_fee_required(self) -> None:
        """Submitting without a fee or a waiver raises FeeRequired."""
        case = new_case()
        with pytest.raises(FeeRequired):
            case.submit(APPLICANT, fee_cents=0)

    def test_fee_waiver(self) -> None:
        """A fee waiver lets an application be submitted without a fee."""
        case = new_case()
        case.submit(APPLICANT, fee_cents=0, fee_waived=True)
        expected = (CaseStatus.SUBMITTED, True)
        assert expected == (case.status, case.fee_waived)

    def test_receipt_number_is_validated(self) -> None:
        """Accepting under a malformed receipt number is refused."""
        case = case_in(CaseStatus.SUBMITTED)
        with pytest.raises(InvalidReceiptNumber):
            case.accept(SYSTEM, "IOE-12")

    def test_receipt_number_is_normalized(self) -> None:
        """A receipt number typed with hyphens is stored plain."""
        case = case_in(CaseStatus.SUBMITTED)
        case.accept(SYSTEM, "ioe-27-00000001")
        expected = "IOE2700000001"
        assert expected == case.receipt_number

    def test_reschedules_are_counted(self) -> None:
        """Each biometrics reschedule is counted."""
        case = case_in(CaseStatus.BIOMETRICS_SCHEDULED)
        STEPS["reschedule_biometrics"](case)
        STEPS["reschedule_biometrics"](case)
        expected = 2
        assert expected == case.biometrics_reschedules

    def test_naive_appointment_is_refused(self) -> None:
        """An appointment time without a time zone is refused."""
        case = case_in(CaseStatus.ACCEPTED)
        with pytest.raises(InvalidArgument):
            case.schedule_biometrics(SYSTEM, datetime(2027, 1, 15, 9, 0), "ASC Boston")

    def test_transfer_to_same_office_is_refused(self) -> None:
        """A case cannot be transferred to the office it is at."""
        case = case_in(CaseStatus.ASSIGNED)
        with pytest.raises(InvalidArgument):
            case.transfer(OFFICER, "NBC", "No reason")

    def test_evidence_request_needs_items(self) -> None:
        """A request for evidence must name at least one item."""
        case = case_in(CaseStatus.ASSIGNED)
        with pytest.raises(InvalidArgument):
            case.request_evidence(OFFICER, [" "], date(2027, 3, 1), "Missing records")

    def test_appeal_kind(self) -> None:
        """Only an appeal or a motion can be filed."""
        case = case_in(CaseStatus.DENIED)
        with pytest.raises(InvalidArgument):
            case.appeal(APPLICANT, "complaint", "Unfair")

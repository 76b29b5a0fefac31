"""Shared helpers for the domain tests: actors, the transition spec and case_in(status)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.status import CaseStatus as S

APPLICANT = Actor("applicant-1", Role.APPLICANT)
OFFICER = Actor("officer-1", Role.OFFICER)
SUPERVISOR = Actor("supervisor-1", Role.SUPERVISOR)
SECOND_SUPERVISOR = Actor("supervisor-2", Role.SUPERVISOR)
ADMIN = Actor("admin-1", Role.ADMIN)
REPRESENTATIVE = Actor("representative-1", Role.REPRESENTATIVE)
SYSTEM = Actor.system()
APPOINTMENT = datetime(2027, 1, 15, 14, 30, tzinfo=UTC)
DUE_ON = date(2027, 3, 1)

PENDING = {
    S.SUBMITTED,
    S.ACCEPTED,
    S.BIOMETRICS_SCHEDULED,
    S.BIOMETRICS_ATTENDED,
    S.BIOMETRICS_MISSED,
    S.ASSIGNED,
    S.EVIDENCE_REQUESTED,
    S.EVIDENCE_RECEIVED,
    S.INTERVIEW_SCHEDULED,
    S.INTERVIEW_COMPLETED,
    S.DECISION_PROPOSED,
    S.DECISION_REVIEWED,
}
READY = {S.ASSIGNED, S.EVIDENCE_RECEIVED, S.INTERVIEW_COMPLETED}


def _moves(to: S, *sources: S) -> dict[S, S]:
    return dict.fromkeys(sources, to)


def _stays(*sources: S) -> dict[S, S]:
    return {source: source for source in sources}


# The lifecycle as the design states it, written independently of status.TRANSITIONS:
# command -> {status it is allowed from: status it leads to}.
SPEC: dict[str, dict[S, S]] = {
    "save_answers": _stays(S.DRAFT),
    "submit": _moves(S.SUBMITTED, S.DRAFT),
    "accept": _moves(S.ACCEPTED, S.SUBMITTED),
    "reject_filing": _moves(S.REJECTED, S.SUBMITTED),
    "refund_fee": _stays(S.REJECTED),
    "decide_fee_waiver": _stays(S.SUBMITTED),
    "pay_fee": _stays(S.SUBMITTED),
    "schedule_biometrics": _moves(S.BIOMETRICS_SCHEDULED, S.ACCEPTED, S.BIOMETRICS_MISSED),
    "reschedule_biometrics": _stays(S.BIOMETRICS_SCHEDULED),
    "record_biometrics_attended": _moves(S.BIOMETRICS_ATTENDED, S.BIOMETRICS_SCHEDULED),
    "record_biometrics_missed": _moves(S.BIOMETRICS_MISSED, S.BIOMETRICS_SCHEDULED),
    "assign": {
        **_moves(S.ASSIGNED, S.ACCEPTED, S.BIOMETRICS_SCHEDULED, S.BIOMETRICS_ATTENDED),
        **_moves(S.ASSIGNED, S.REOPENED),
        **_stays(S.ASSIGNED, S.EVIDENCE_REQUESTED, S.EVIDENCE_RECEIVED),
        **_stays(S.INTERVIEW_SCHEDULED, S.INTERVIEW_COMPLETED),
        **_stays(S.DECISION_PROPOSED, S.DECISION_REVIEWED),
    },
    "request_evidence": _moves(S.EVIDENCE_REQUESTED, *READY),
    "receive_evidence": _moves(S.EVIDENCE_RECEIVED, S.EVIDENCE_REQUESTED),
    "schedule_interview": _moves(S.INTERVIEW_SCHEDULED, *READY),
    "reschedule_interview": _stays(S.INTERVIEW_SCHEDULED),
    "complete_interview": _moves(S.INTERVIEW_COMPLETED, S.INTERVIEW_SCHEDULED),
    "propose_decision": _moves(S.DECISION_PROPOSED, *READY),
    "return_proposal": _moves(S.ASSIGNED, S.DECISION_PROPOSED),
    "approve_proposal": _moves(S.DECISION_REVIEWED, S.DECISION_PROPOSED),
    # case_in() proposes an approval needing no review, so both sources end approved.
    "issue_decision": _moves(S.APPROVED, S.DECISION_PROPOSED, S.DECISION_REVIEWED),
    "appeal": _moves(S.APPEALED, S.DENIED),
    "reopen": _moves(S.REOPENED, S.APPEALED, S.DENIED, S.APPROVED),
    "withdraw": _moves(S.WITHDRAWN, *PENDING),
    "delete_draft": _moves(S.WITHDRAWN, S.DRAFT),
    "transfer": _stays(*PENDING, S.REOPENED),
    "route": _stays(S.SUBMITTED, S.ACCEPTED),
    "change_address": _stays(*(set(S) - {S.WITHDRAWN, S.CLOSED})),
    "add_note": _stays(*(set(S) - {S.DRAFT})),
    "submit_inquiry": _stays(*(PENDING - {S.SUBMITTED})),
    "close": _moves(S.CLOSED, S.APPROVED, S.DENIED, S.WITHDRAWN, S.APPEALED, S.REJECTED),
    "authorize_representative": _stays(*(set(S) - {S.WITHDRAWN, S.CLOSED})),
    "revoke_representative": _stays(*S),
}

STEPS: dict[str, Callable[[Case], None]] = {
    "save_answers": lambda c: c.save_answers(APPLICANT, "about_you", {"family_name": "Okafor"}),
    "submit": lambda c: c.submit(APPLICANT, fee_cents=41_500, payment_id="pay-1"),
    "accept": lambda c: c.accept(SYSTEM, "IOE2700000001"),
    "reject_filing": lambda c: c.reject_filing(OFFICER, "The form was not signed"),
    "refund_fee": lambda c: c.refund_fee(OFFICER, "Rejected filing"),
    "decide_fee_waiver": lambda c: c.deny_fee_waiver(OFFICER, "No evidence of the benefit"),
    "pay_fee": lambda c: c.pay_fee(APPLICANT, 41_500, "pay-2"),
    "schedule_biometrics": lambda c: c.schedule_biometrics(SYSTEM, APPOINTMENT, "ASC Boston"),
    "reschedule_biometrics": lambda c: c.reschedule_biometrics(OFFICER, APPOINTMENT, "ASC Lynn"),
    "record_biometrics_attended": lambda c: c.record_biometrics_attended(SYSTEM),
    "record_biometrics_missed": lambda c: c.record_biometrics_missed(OFFICER, "Did not attend"),
    "assign": lambda c: c.assign(SUPERVISOR, "officer-1"),
    "request_evidence": lambda c: c.request_evidence(
        OFFICER, ["Birth certificate"], DUE_ON, "Birth record is missing"
    ),
    "receive_evidence": lambda c: c.receive_evidence(APPLICANT, ["doc-1"]),
    "schedule_interview": lambda c: c.schedule_interview(OFFICER, APPOINTMENT, "Boston FO"),
    "reschedule_interview": lambda c: c.reschedule_interview(OFFICER, APPOINTMENT, "Lawrence"),
    "complete_interview": lambda c: c.complete_interview(OFFICER, "Testimony consistent"),
    "propose_decision": lambda c: c.propose_decision(
        OFFICER, "approve", "Eligibility shown", "", review_required=False
    ),
    "propose_denial": lambda c: c.propose_decision(
        OFFICER, "deny", "Not eligible", "INA 316(a)", review_required=False
    ),
    "return_proposal": lambda c: c.return_proposal(SUPERVISOR, "Check the tax transcripts"),
    "approve_proposal": lambda c: c.approve_proposal(SUPERVISOR, "Agree with the officer"),
    "issue_decision": lambda c: c.issue_decision(OFFICER),
    "appeal": lambda c: c.appeal(APPLICANT, "appeal", "The officer overlooked evidence"),
    "reopen": lambda c: c.reopen(OFFICER, "Error in the record"),
    "withdraw": lambda c: c.withdraw(APPLICANT, "No longer needed"),
    "delete_draft": lambda c: c.delete_draft(APPLICANT),
    "transfer": lambda c: c.transfer(OFFICER, "MSC", "Workload balancing"),
    "route": lambda c: c.route(SYSTEM, "VSC", "Works I-765 filings from ZIP area 0"),
    "change_address": lambda c: c.change_address(APPLICANT, {"street": "1 Elm St"}),
    "add_note": lambda c: c.add_note(OFFICER, "Called the applicant"),
    "submit_inquiry": lambda c: c.submit_inquiry(APPLICANT, "Is anything missing?"),
    "close": lambda c: c.close(OFFICER, "File complete"),
    "authorize_representative": lambda c: c.authorize_representative(
        APPLICANT, REPRESENTATIVE.user_id
    ),
    "revoke_representative": lambda c: c.revoke_representative(APPLICANT, REPRESENTATIVE.user_id),
}

_BIOMETRICS = ["submit", "accept", "schedule_biometrics"]
_ASSIGNED = ["submit", "accept", "assign"]
_PROPOSED = [*_ASSIGNED, "propose_decision"]
_APPROVED = [*_PROPOSED, "issue_decision"]
_DENIED = [*_ASSIGNED, "propose_denial", "approve_proposal", "issue_decision"]

SHORTEST_PATHS: dict[S, list[str]] = {
    S.DRAFT: [],
    S.SUBMITTED: ["submit"],
    S.ACCEPTED: ["submit", "accept"],
    S.BIOMETRICS_SCHEDULED: _BIOMETRICS,
    S.BIOMETRICS_ATTENDED: [*_BIOMETRICS, "record_biometrics_attended"],
    S.BIOMETRICS_MISSED: [*_BIOMETRICS, "record_biometrics_missed"],
    S.ASSIGNED: _ASSIGNED,
    S.EVIDENCE_REQUESTED: [*_ASSIGNED, "request_evidence"],
    S.EVIDENCE_RECEIVED: [*_ASSIGNED, "request_evidence", "receive_evidence"],
    S.INTERVIEW_SCHEDULED: [*_ASSIGNED, "schedule_interview"],
    S.INTERVIEW_COMPLETED: [*_ASSIGNED, "schedule_interview", "complete_interview"],
    S.DECISION_PROPOSED: _PROPOSED,
    S.DECISION_REVIEWED: [*_PROPOSED, "approve_proposal"],
    S.APPROVED: _APPROVED,
    S.DENIED: _DENIED,
    S.APPEALED: [*_DENIED, "appeal"],
    S.REOPENED: [*_APPROVED, "reopen"],
    S.WITHDRAWN: ["submit", "withdraw"],
    S.REJECTED: ["submit", "reject_filing"],
    S.CLOSED: [*_APPROVED, "close"],
}


def new_case() -> Case:
    """Return a fresh draft case for an I-90, filed at the NBC office."""
    return Case.start(
        applicant_id="applicant-1", form_type=FormType.I90, office="NBC", actor=APPLICANT
    )


def case_in(status: S) -> Case:
    """Return a case brought to status by the shortest path of legal commands."""
    case = new_case()
    for step in SHORTEST_PATHS[status]:
        STEPS[step](case)
    assert status == case.status
    return case


FILED_ON = date(2026, 12, 6)


def request_fee_waiver(case: Case) -> None:
    """File the draft with a fee waiver request instead of the fee."""
    case.request_fee_waiver(APPLICANT, FILED_ON, "financial_hardship", "Lost my job", ["doc-1"])


def case_for(command: str, status: S) -> Case:
    """Return a case in status with what the command acts on (a representative to revoke,
    a fee waiver request to decide, a denied one that leaves the fee to pay)."""
    case = new_case()
    if command == "revoke_representative":
        STEPS["authorize_representative"](case)
    if command in ("decide_fee_waiver", "pay_fee") and status is S.SUBMITTED:
        request_fee_waiver(case)
        if command == "pay_fee":
            STEPS["decide_fee_waiver"](case)
        return case
    for step in SHORTEST_PATHS[status]:
        STEPS[step](case)
    assert status == case.status
    return case

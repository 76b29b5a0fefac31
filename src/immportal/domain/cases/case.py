"""The Case aggregate: one application's life from draft to closure, as events."""

# This module is longer than our usual 300 lines: the eventsourcing @event idiom needs
# every command and its event method inside the one class body (mixins would give the
# events other topics), so the rules that can live elsewhere do: status.py,
# permissions.py, guards.py and decision.py. Later groups of commands (paper filing,
# card delivery) are mixins whose events case_mixins.py makes on Case itself.

from __future__ import annotations

import copy
from datetime import date, datetime
from typing import Any, TypedDict
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.card_delivery import CardDelivery
from immportal.domain.cases.decision import OUTCOMES, check_outcome, check_reviewer, review_needed
from immportal.domain.cases.filed_contact import filed_address, same_address
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.input_checks import (
    check_appointment,
    check_items,
    check_reason,
    check_text,
    check_visible,
)
from immportal.domain.cases.paper_filing import PaperFiling
from immportal.domain.cases.permissions import check_acts_for, check_permitted
from immportal.domain.cases.receipt import parse_receipt_number
from immportal.domain.cases.status import CaseStatus, next_status
from immportal.domain.cases.withdrawal import check_ground
from immportal.domain.catalogue.registry import form_for
from immportal.domain.errors import FeeRequired, InvalidArgument, NotPermitted, TransitionNotAllowed
from immportal.domain.payments.fees import assess_fee
from immportal.domain.payments.waivers import (
    WaiverState,
    amount_due,
    check_basis,
    decided,
    requested,
    state_of,
)

APPEAL_KINDS = frozenset({"appeal", "motion"})
"""An appeal goes to a higher body; a motion asks the same office to reconsider."""
INQUIRY_MAX_LENGTH = 1000
"""A question about a case is a short message, not a second application."""


class _Who(TypedDict):
    actor_id: str
    actor_role: str
    status: str


class Case(PaperFiling, CardDelivery, Aggregate):
    """An immigration case; public verbs check the rules, private methods record events."""

    @classmethod
    def start(
        cls,
        *,
        applicant_id: str,
        form_type: FormType,
        office: str,
        actor: Actor,
        case_id: UUID | None = None,
    ) -> Case:
        """Start a draft case on a form for an applicant, filed at an office.

        A chosen `case_id` makes starting idempotent: the event store accepts only one
        first event per id, so a form sent twice cannot open two drafts.
        """
        check_permitted(actor, "start")
        form, office = FormType(form_type).value, check_text(office, "office")
        applicant_id = check_text(applicant_id, "applicant")
        if case_id is None:
            return cls(applicant_id, form, office, actor.user_id, actor.role.value)
        started = cls.Started  # type: ignore[attr-defined]  # made by @event("Started")
        return cls._create(
            started,
            id=case_id,
            applicant_id=applicant_id,
            form_type=form,
            office=office,
            actor_id=actor.user_id,
            actor_role=actor.role.value,
        )

    @event("Started")
    def __init__(
        self, applicant_id: str, form_type: str, office: str, actor_id: str, actor_role: str
    ) -> None:
        self.applicant_id, self.form_type, self.office = applicant_id, form_type, office
        self.status = CaseStatus.DRAFT
        self.answers: dict[str, dict[str, Any]] = {}
        self.fee_cents, self.fee_waived = 0, False
        self.fee_reason, self.fee_rule = "", ""
        self.edition: str | None = None
        self.fee_unwaivable_cents, self.fee_paid_cents = 0, 0
        self.fee_waiver: dict[str, Any] | None = None
        self.payment_id: str | None = None
        self.submitted_at: datetime | None = None
        self.receipt_number: str | None = None
        self.accepted_at: datetime | None = None
        self.biometrics_at: datetime | None = None
        self.biometrics_location: str | None = None
        self.biometrics_reschedules = 0
        self.officer_id: str | None = None
        self.evidence_items: list[str] = []
        self.evidence_due_on: date | None = None
        self.evidence_document_ids: list[str] = []
        self.interview_at: datetime | None = None
        self.interview_location: str | None = None
        self.proposal: dict[str, Any] | None = None
        self.decision: dict[str, Any] | None = None
        self.decided_at: datetime | None = None
        self.address: dict[str, str] | None = None
        self.representative_ids: list[str] = []
        self.fee_refunded = False

    def check_transition(self, command: str) -> CaseStatus:
        """Return the status the command leads to, or raise TransitionNotAllowed."""
        return next_status(command, self.status)

    def _who(self, actor: Actor, command: str) -> _Who:
        # Role and standing first, so a refused actor learns nothing about the case.
        check_permitted(actor, command)
        check_acts_for(actor, self.applicant_id, self.representative_ids)
        status = self.check_transition(command).value
        return _Who(actor_id=actor.user_id, actor_role=actor.role.value, status=status)

    # Events carry the resulting status, so replaying them never re-runs today's rules.
    def _moved(self, status: str) -> None:
        self.status = CaseStatus(status)

    def save_answers(self, actor: Actor, section: str, answers: dict[str, Any]) -> None:
        """Save the answers to one section of the draft form, keeping the other sections."""
        who = self._who(actor, "save_answers")
        section = check_text(section, "section of the form")
        check_visible(answers, "your answers")
        self._save_answers(**who, section=section, answers=copy.deepcopy(answers))

    @event("AnswersSaved")
    def _save_answers(
        self, actor_id: str, actor_role: str, status: str, section: str, answers: dict[str, Any]
    ) -> None:
        # The command already deep-copied the answers; replay must stay cheap, and the
        # case only ever replaces these dicts, never edits them in place.
        merged = {**self.answers.get(section, {}), **answers}
        self.answers = {**self.answers, section: merged}

    def submit(
        self,
        actor: Actor,
        fee_cents: int,
        fee_waived: bool = False,
        payment_id: str | None = None,
        *,
        fee_reason: str = "",
        fee_rule: str = "",
    ) -> None:
        """Submit the application with its fee paid, recording the fee and why it is due."""
        who = self._who(actor, "submit")
        if fee_cents <= 0 and not fee_waived:
            raise FeeRequired("The filing fee must be paid, or a fee waiver requested.")
        self._submit(
            **who,
            edition=self._edition(),
            mailing_address=filed_address(self.answers),
            fee_cents=fee_cents,
            fee_waived=fee_waived,
            payment_id=payment_id,
            fee_reason=fee_reason,
            fee_rule=fee_rule,
        )

    def submit_without_fee(self, actor: Actor, filed_on: date) -> None:
        """File an application its answers exempt from any fee: there is nothing to pay."""
        who = self._who(actor, "submit")
        fee = assess_fee(self.form_type, self.answers, filed_on)
        if not fee.exempt:
            raise FeeRequired(f"This application has a fee of {fee.display}.")
        self._submit(
            **who,
            edition=self._edition(),
            mailing_address=filed_address(self.answers),
            fee_cents=0,
            fee_waived=False,
            payment_id=None,
            fee_reason=fee.reason,
            fee_rule=fee.rule_id,
        )

    def request_fee_waiver(
        self, actor: Actor, filed_on: date, basis: str, explanation: str, document_ids: list[str]
    ) -> None:
        """File the application with a fee waiver request (Form I-912) instead of the fee."""
        who = self._who(actor, "submit")
        fee = assess_fee(self.form_type, self.answers, filed_on)
        if not fee.waiver_allowed:
            raise InvalidArgument("A fee waiver cannot be requested for this application.")
        ground, why = check_basis(basis).value, check_reason(explanation)
        documents = check_items(document_ids, "document that shows why you cannot pay")
        self._submit(
            **who,
            edition=self._edition(),
            mailing_address=filed_address(self.answers),
            fee_cents=fee.amount_cents,
            fee_waived=True,
            payment_id=None,
            fee_reason=fee.reason,
            fee_rule=fee.rule_id,
            fee_unwaivable_cents=fee.unwaivable_cents,
        )
        self._request_fee_waiver(**who, basis=ground, explanation=why, document_ids=documents)

    def _edition(self) -> str | None:
        # The edition in force when filed, kept with the filing: a later edition of the
        # catalogue must not change what a replayed case says it was filed on.
        edition = form_for(self.form_type).edition
        return edition.isoformat() if edition else None

    @event("Submitted")
    def _submit(
        self,
        actor_id: str,
        actor_role: str,
        status: str,
        fee_cents: int,
        fee_waived: bool,
        payment_id: str | None,
        timestamp: datetime | None = None,
        # Submissions recorded before fees had reasons carry none of these.
        fee_reason: str = "",
        fee_rule: str = "",
        fee_unwaivable_cents: int = 0,
        edition: str | None = None,
        # What the application gave as its mailing address becomes the case's address:
        # its notices and pages read it there (filings before this carry none).
        mailing_address: dict[str, str] | None = None,
    ) -> None:
        self._moved(status)
        self.edition = edition
        if mailing_address:
            self.address = dict(mailing_address)
        self.fee_cents, self.fee_waived, self.payment_id = fee_cents, fee_waived, payment_id
        self.fee_reason, self.fee_rule = fee_reason, fee_rule
        self.fee_unwaivable_cents = fee_unwaivable_cents
        self.fee_paid_cents = 0 if fee_waived else fee_cents
        self.submitted_at = timestamp

    @event("FeeWaiverRequested")
    def _request_fee_waiver(
        self,
        actor_id: str,
        actor_role: str,
        status: str,
        basis: str,
        explanation: str,
        document_ids: list[str],
    ) -> None:
        self.fee_waiver = requested(basis, explanation, document_ids)

    @property
    def fee_due_cents(self) -> int | None:
        """What is still to pay before acceptance; None while a fee waiver is undecided."""
        return amount_due(
            fee_cents=self.fee_cents,
            unwaivable_cents=self.fee_unwaivable_cents,
            paid_cents=self.fee_paid_cents,
            waiver=state_of(self.fee_waiver),
        )

    def _check_waiver_requested(self) -> None:
        if state_of(self.fee_waiver) is not WaiverState.REQUESTED:
            raise InvalidArgument("There is no fee waiver request waiting for a decision.")

    def approve_fee_waiver(self, actor: Actor, reason: str) -> None:
        """Approve the fee waiver request: the filing fee is waived."""
        who = self._who(actor, "decide_fee_waiver")
        self._check_waiver_requested()
        self._approve_fee_waiver(**who, reason=check_reason(reason))

    @event("FeeWaiverApproved")
    def _approve_fee_waiver(self, actor_id: str, actor_role: str, status: str, reason: str) -> None:
        self.fee_waiver = decided(self.fee_waiver, WaiverState.APPROVED, actor_id, reason)

    def deny_fee_waiver(self, actor: Actor, reason: str) -> None:
        """Deny the fee waiver request, saying why: the applicant may pay the fee instead."""
        who = self._who(actor, "decide_fee_waiver")
        self._check_waiver_requested()
        self._deny_fee_waiver(**who, reason=check_reason(reason))

    @event("FeeWaiverDenied")
    def _deny_fee_waiver(self, actor_id: str, actor_role: str, status: str, reason: str) -> None:
        self.fee_waiver = decided(self.fee_waiver, WaiverState.DENIED, actor_id, reason)
        self.fee_waived = False

    def pay_fee(self, actor: Actor, amount_cents: int, payment_id: str) -> None:
        """Record the fee paid after filing (a fee waiver was denied, or left a fee due)."""
        who = self._who(actor, "pay_fee")
        due = self.fee_due_cents
        if not due:
            raise InvalidArgument("There is no fee to pay on this case now.")
        if amount_cents != due:
            raise InvalidArgument(f"The fee due is {due} cents, not {amount_cents}.")
        self._pay_fee(
            **who, amount_cents=amount_cents, payment_id=check_text(payment_id, "payment")
        )

    @event("FeePaid")
    def _pay_fee(
        self, actor_id: str, actor_role: str, status: str, amount_cents: int, payment_id: str
    ) -> None:
        self.fee_paid_cents += amount_cents
        self.payment_id = payment_id

    def accept(self, actor: Actor, receipt_number: str) -> None:
        """Accept the filing under its receipt number."""
        who = self._who(actor, "accept")
        due = self.fee_due_cents
        if due is None:
            raise FeeRequired("The fee waiver request must be decided before acceptance.")
        if due:
            raise FeeRequired("The fee must be paid before the filing can be accepted.")
        self._accept(**who, receipt_number=parse_receipt_number(receipt_number))

    @event("Accepted")
    def _accept(
        self,
        actor_id: str,
        actor_role: str,
        status: str,
        receipt_number: str,
        timestamp: datetime | None = None,
    ) -> None:
        self._moved(status)
        self.receipt_number, self.accepted_at = receipt_number, timestamp

    def reject_filing(self, actor: Actor, reason: str) -> None:
        """Reject a submitted filing that cannot be accepted, saying why."""
        who = self._who(actor, "reject_filing")
        self._reject_filing(**who, reason=check_reason(reason))

    @event("FilingRejected")
    def _reject_filing(self, actor_id: str, actor_role: str, status: str, reason: str) -> None:
        self._moved(status)

    def refund_fee(self, actor: Actor, reason: str) -> None:
        """Refund the filing fee of a rejected filing, once."""
        who = self._who(actor, "refund_fee")
        why = check_reason(reason)
        if self.fee_refunded:
            raise InvalidArgument("The fee of this filing was refunded already.")
        if self.fee_paid_cents <= 0:
            raise InvalidArgument("No fee was paid for this filing.")
        paid = self.fee_paid_cents
        self._refund_fee(**who, amount_cents=paid, payment_id=self.payment_id, reason=why)

    @event("FeeRefunded")
    def _refund_fee(
        self,
        actor_id: str,
        actor_role: str,
        status: str,
        amount_cents: int,
        payment_id: str | None,
        reason: str,
    ) -> None:
        self.fee_refunded = True

    def schedule_biometrics(self, actor: Actor, appointment_at: datetime, location: str) -> None:
        """Schedule the applicant's biometrics appointment."""
        who = self._who(actor, "schedule_biometrics")
        at, place = check_appointment(appointment_at), check_text(location, "location")
        self._schedule_biometrics(**who, appointment_at=at, location=place)

    @event("BiometricsScheduled")
    def _schedule_biometrics(
        self, actor_id: str, actor_role: str, status: str, appointment_at: datetime, location: str
    ) -> None:
        self._moved(status)
        self.biometrics_at, self.biometrics_location = appointment_at, location

    def reschedule_biometrics(self, actor: Actor, appointment_at: datetime, location: str) -> None:
        """Move the biometrics appointment to another time or place."""
        who = self._who(actor, "reschedule_biometrics")
        at, place = check_appointment(appointment_at), check_text(location, "location")
        self._reschedule_biometrics(**who, appointment_at=at, location=place)

    @event("BiometricsRescheduled")
    def _reschedule_biometrics(
        self, actor_id: str, actor_role: str, status: str, appointment_at: datetime, location: str
    ) -> None:
        self.biometrics_at, self.biometrics_location = appointment_at, location
        self.biometrics_reschedules += 1

    def record_biometrics_attended(self, actor: Actor) -> None:
        """Record that the applicant attended the biometrics appointment."""
        self._record_biometrics_attended(**self._who(actor, "record_biometrics_attended"))

    @event("BiometricsAttended")
    def _record_biometrics_attended(self, actor_id: str, actor_role: str, status: str) -> None:
        self._moved(status)

    def record_biometrics_missed(self, actor: Actor, reason: str) -> None:
        """Record that the applicant missed the biometrics appointment, and why."""
        who = self._who(actor, "record_biometrics_missed")
        self._record_biometrics_missed(**who, reason=check_reason(reason))

    @event("BiometricsMissed")
    def _record_biometrics_missed(
        self, actor_id: str, actor_role: str, status: str, reason: str
    ) -> None:
        self._moved(status)

    def assign(self, actor: Actor, officer_id: str) -> None:
        """Assign the case to an officer; an officer may only assign it to themself."""
        who = self._who(actor, "assign")
        if actor.role is Role.OFFICER and officer_id != actor.user_id:
            raise NotPermitted("An officer may only assign a case to themself.")
        self._assign(**who, officer_id=check_text(officer_id, "officer"))

    @event("Assigned")
    def _assign(self, actor_id: str, actor_role: str, status: str, officer_id: str) -> None:
        self._moved(status)
        self.officer_id = officer_id

    def request_evidence(self, actor: Actor, items: list[str], due_on: date, reason: str) -> None:
        """Ask the applicant for more evidence by a due date (an RFE)."""
        who = self._who(actor, "request_evidence")
        wanted, why = check_items(items, "item of evidence"), check_reason(reason)
        self._request_evidence(**who, items=wanted, due_on=due_on, reason=why)

    @event("EvidenceRequested")
    def _request_evidence(
        self,
        actor_id: str,
        actor_role: str,
        status: str,
        items: list[str],
        due_on: date,
        reason: str,
    ) -> None:
        self._moved(status)
        self.evidence_items, self.evidence_due_on = list(items), due_on

    def receive_evidence(self, actor: Actor, document_ids: list[str]) -> None:
        """Record the documents sent in answer to the request for evidence."""
        who = self._who(actor, "receive_evidence")
        self._receive_evidence(**who, document_ids=check_items(document_ids, "document"))

    @event("EvidenceReceived")
    def _receive_evidence(
        self, actor_id: str, actor_role: str, status: str, document_ids: list[str]
    ) -> None:
        self._moved(status)
        self.evidence_document_ids = [*self.evidence_document_ids, *document_ids]

    def schedule_interview(self, actor: Actor, appointment_at: datetime, location: str) -> None:
        """Schedule an interview with the applicant."""
        who = self._who(actor, "schedule_interview")
        at, place = check_appointment(appointment_at), check_text(location, "location")
        self._schedule_interview(**who, appointment_at=at, location=place)

    @event("InterviewScheduled")
    def _schedule_interview(
        self, actor_id: str, actor_role: str, status: str, appointment_at: datetime, location: str
    ) -> None:
        self._moved(status)
        self.interview_at, self.interview_location = appointment_at, location

    def reschedule_interview(self, actor: Actor, appointment_at: datetime, location: str) -> None:
        """Move the interview to another time or place."""
        who = self._who(actor, "reschedule_interview")
        at, place = check_appointment(appointment_at), check_text(location, "location")
        self._reschedule_interview(**who, appointment_at=at, location=place)

    @event("InterviewRescheduled")
    def _reschedule_interview(
        self, actor_id: str, actor_role: str, status: str, appointment_at: datetime, location: str
    ) -> None:
        self.interview_at, self.interview_location = appointment_at, location

    def complete_interview(self, actor: Actor, reason: str) -> None:
        """Record that the interview took place, with the officer's notes as the reason."""
        who = self._who(actor, "complete_interview")
        self._complete_interview(**who, reason=check_reason(reason))

    @event("InterviewCompleted")
    def _complete_interview(self, actor_id: str, actor_role: str, status: str, reason: str) -> None:
        self._moved(status)

    def propose_decision(
        self, actor: Actor, outcome: str, reason: str, legal_basis: str, review_required: bool
    ) -> None:
        """Propose to approve or deny, with reasons; a denial always goes to review."""
        who = self._who(actor, "propose_decision")
        why = check_reason(reason)
        check_outcome(outcome, legal_basis)
        review = review_needed(outcome, review_required)
        self._propose_decision(
            **who,
            outcome=outcome,
            reason=why,
            legal_basis=legal_basis.strip(),
            review_required=review,
        )

    @event("DecisionProposed")
    def _propose_decision(
        self,
        actor_id: str,
        actor_role: str,
        status: str,
        outcome: str,
        reason: str,
        legal_basis: str,
        review_required: bool,
    ) -> None:
        self._moved(status)
        self.proposal = {
            "outcome": outcome,
            "reason": reason,
            "legal_basis": legal_basis,
            "proposed_by": actor_id,
            "review_required": review_required,
            "reviewed_by": None,
        }

    def return_proposal(self, actor: Actor, reason: str) -> None:
        """Send the proposed decision back to the officer, saying why."""
        who = self._who(actor, "return_proposal")
        self._return_proposal(**who, reason=check_reason(reason))

    @event("ProposalReturned")
    def _return_proposal(self, actor_id: str, actor_role: str, status: str, reason: str) -> None:
        self._moved(status)
        self.proposal = None

    def approve_proposal(self, actor: Actor, reason: str) -> None:
        """Approve the proposed decision as its reviewing supervisor."""
        who = self._who(actor, "approve_proposal")
        why = check_reason(reason)
        check_reviewer(self._proposal(), actor.user_id)
        self._approve_proposal(**who, reason=why)

    @event("ProposalApproved")
    def _approve_proposal(self, actor_id: str, actor_role: str, status: str, reason: str) -> None:
        self._moved(status)
        self.proposal = {**self._proposal(), "reviewed_by": actor_id}

    def issue_decision(self, actor: Actor) -> None:
        """Issue the proposed decision, once reviewed if it needed review."""
        who = self._who(actor, "issue_decision")
        proposal = self._proposal()
        if self.status is CaseStatus.DECISION_PROPOSED and proposal["review_required"]:
            msg = "Cannot issue the decision yet: it needs supervisor review."
            raise TransitionNotAllowed(msg, command="issue_decision", status=self.status.value)
        outcome = who["status"] = OUTCOMES[proposal["outcome"]]
        self._issue_decision(
            **who,
            outcome=outcome,
            reason=proposal["reason"],
            legal_basis=proposal["legal_basis"],
            proposed_by=proposal["proposed_by"],
            reviewed_by=proposal["reviewed_by"],
        )

    @event("DecisionIssued")
    def _issue_decision(
        self,
        actor_id: str,
        actor_role: str,
        status: str,
        outcome: str,
        reason: str,
        legal_basis: str,
        proposed_by: str,
        reviewed_by: str | None,
        timestamp: datetime | None = None,
    ) -> None:
        self._moved(status)
        self.decision = {
            "outcome": outcome,
            "reason": reason,
            "legal_basis": legal_basis,
            "proposed_by": proposed_by,
            "reviewed_by": reviewed_by,
            "issued_by": actor_id,
        }
        self.decided_at, self.proposal = timestamp, None

    def _proposal(self) -> dict[str, Any]:
        if self.proposal is None:  # the status machine makes this unreachable
            raise InvalidArgument("There is no proposed decision.")
        return self.proposal

    def appeal(self, actor: Actor, kind: str, reason: str) -> None:
        """File an appeal, or a motion to reopen or reconsider, against a denial."""
        who = self._who(actor, "appeal")
        if kind not in APPEAL_KINDS:
            raise InvalidArgument(f"Please file an appeal or a motion, not {kind!r}.")
        self._appeal(**who, kind=kind, reason=check_reason(reason))

    @event("AppealFiled")
    def _appeal(self, actor_id: str, actor_role: str, status: str, kind: str, reason: str) -> None:
        self._moved(status)

    def reopen(self, actor: Actor, reason: str) -> None:
        """Reopen a decided case; the earlier decision stays on record until a new one."""
        who = self._who(actor, "reopen")
        self._reopen(**who, reason=check_reason(reason))

    @event("Reopened")
    def _reopen(self, actor_id: str, actor_role: str, status: str, reason: str) -> None:
        self._moved(status)

    def withdraw(self, actor: Actor, reason: str, ground: str = "") -> None:
        """Withdraw the application, as the applicant or on their recorded request.

        `ground` is the reason chosen from domain/cases/withdrawal.py when withdrawn online.
        """
        who = self._who(actor, "withdraw")
        chosen = check_ground(ground) if ground else ""
        self._withdraw(**who, reason=check_reason(reason), ground=chosen)

    @event("Withdrawn")
    def _withdraw(
        self, actor_id: str, actor_role: str, status: str, reason: str, ground: str = ""
    ) -> None:
        self._moved(status)

    def delete_draft(self, actor: Actor) -> None:
        """Delete a draft that was never submitted; its events stay in the log."""
        self._delete_draft(**self._who(actor, "delete_draft"))

    @event("DraftDeleted")
    def _delete_draft(self, actor_id: str, actor_role: str, status: str) -> None:
        self._moved(status)

    def transfer(self, actor: Actor, to_office: str, reason: str) -> None:
        """Move the case to another office."""
        who = self._who(actor, "transfer")
        office, why = check_text(to_office, "office"), check_reason(reason)
        if office == self.office:
            raise InvalidArgument(f"The case is already at {office}.")
        self._transfer(**who, from_office=self.office, to_office=office, reason=why)

    @event("Transferred")
    def _transfer(
        self,
        actor_id: str,
        actor_role: str,
        status: str,
        from_office: str,
        to_office: str,
        reason: str,
    ) -> None:
        self.office = to_office

    def route(self, actor: Actor, office: str, reason: str) -> None:
        """Send a new filing to the office that will work it, saying why (domain/cases/routing)."""
        who = self._who(actor, "route")
        place, why = check_text(office, "office"), check_reason(reason)
        self._route(**who, from_office=self.office, office=place, reason=why)

    @event("Routed")
    def _route(
        self,
        actor_id: str,
        actor_role: str,
        status: str,
        from_office: str,
        office: str,
        reason: str,
    ) -> None:
        self.office = office

    def change_address(self, actor: Actor, address: dict[str, str]) -> None:
        """Record the applicant's new mailing address."""
        who = self._who(actor, "change_address")
        check_visible(address, "the address")
        lines = {key: value.strip() for key, value in address.items() if value.strip()}
        if not lines:
            raise InvalidArgument("Please give the new address.")
        if same_address(lines, self.address):
            return  # the address it already has: nothing to record, no notice to send
        self._change_address(**who, address=lines)

    @event("AddressChanged")
    def _change_address(
        self, actor_id: str, actor_role: str, status: str, address: dict[str, str]
    ) -> None:
        self.address = dict(address)

    def authorize_representative(self, actor: Actor, representative_id: str) -> None:
        """Let a representative see and act on the case for the applicant (Form G-28)."""
        who = self._who(actor, "authorize_representative")
        chosen = check_text(representative_id, "representative")
        if chosen in self.representative_ids:
            raise InvalidArgument("That representative can already act on this case.")
        if chosen == self.applicant_id:
            raise InvalidArgument("You cannot be your own representative.")
        self._authorize_representative(**who, representative_id=chosen)

    @event("RepresentativeAuthorized")
    def _authorize_representative(
        self, actor_id: str, actor_role: str, status: str, representative_id: str
    ) -> None:
        self.representative_ids = [*self.representative_ids, representative_id]

    def revoke_representative(self, actor: Actor, representative_id: str) -> None:
        """End a representative's authorization to see and act on the case."""
        who = self._who(actor, "revoke_representative")
        if representative_id not in self.representative_ids:
            raise InvalidArgument("That representative cannot act on this case.")
        self._revoke_representative(**who, representative_id=representative_id)

    @event("RepresentativeRevoked")
    def _revoke_representative(
        self, actor_id: str, actor_role: str, status: str, representative_id: str
    ) -> None:
        self.representative_ids = [r for r in self.representative_ids if r != representative_id]

    def add_note(self, actor: Actor, reason: str) -> None:
        """Add an internal staff note to the case."""
        who = self._who(actor, "add_note")
        self._add_note(**who, reason=check_reason(reason))

    @event("NoteAdded")
    def _add_note(self, actor_id: str, actor_role: str, status: str, reason: str) -> None:
        pass

    def submit_inquiry(self, actor: Actor, text: str) -> None:
        """Ask about a case taking longer than usual; staff read the question on the timeline."""
        who = self._who(actor, "submit_inquiry")
        question = check_text(text, "question about your case")
        if len(question) > INQUIRY_MAX_LENGTH:
            msg = f"Please keep the question under {INQUIRY_MAX_LENGTH} characters."
            raise InvalidArgument(msg)
        self._submit_inquiry(**who, reason=question)

    # The question is kept as `reason`, so the timeline shows it and the integration
    # events leave it out, like every other free text.
    @event("InquirySubmitted")
    def _submit_inquiry(self, actor_id: str, actor_role: str, status: str, reason: str) -> None:
        pass

    def close(self, actor: Actor, reason: str) -> None:
        """Close the case; nothing more can happen to it."""
        who = self._who(actor, "close")
        self._close(**who, reason=check_reason(reason))

    @event("Closed")
    def _close(self, actor_id: str, actor_role: str, status: str, reason: str) -> None:
        self._moved(status)

"""Officers and supervisors act on cases: claim, assign, request, interview, decide, review.

Every action names the case version the person last saw, so nobody overwrites a change
they have not seen; and every action first checks that the person may work the case:
an officer or supervisor acts only on cases of their own office or assigned to them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from uuid import UUID

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.errors import NotPermitted
from immportal.domain.identity.account import Account
from immportal.errors import ConcurrencyConflict, NotFound
from immportal.services.cases.files import CaseFile
from immportal.services.cases.service import CaseService
from immportal.services.ports import Written
from immportal.services.repository import Repository

EVIDENCE_RESPONSE_DAYS = 87
"""How long an applicant has to answer a request for evidence, unless the officer says."""
ADJUDICATORS = frozenset({Role.OFFICER, Role.SUPERVISOR})


@dataclass(frozen=True)
class StaffMember:
    """A signed-in officer or supervisor and the office they work in (if placed in one)."""

    actor: Actor
    office: str | None

    def may_work(self, case: Case | CaseFile) -> bool:
        """Whether the case is in this person's office or assigned to them."""
        if self.actor.role not in ADJUDICATORS:
            return False
        mine = case.officer_id == self.actor.user_id
        return mine or (self.office is not None and case.office == self.office)


class BookedInterview(Protocol):
    """What booking an interview wrote on the case."""

    @property
    def written(self) -> Written:
        """The case's version and log position after the booking."""
        ...


class InterviewCalendar(Protocol):
    """Books an interview in a field office's calendar and records it on the case."""

    async def book_interview(
        self, case_id: UUID, location_code: str, slot_id: int, actor: Actor
    ) -> BookedInterview:
        """Take a place in the slot and record InterviewScheduled (or Rescheduled)."""
        ...


def default_due_on(today: date) -> date:
    """The response deadline of a request for evidence sent today."""
    return today + timedelta(days=EVIDENCE_RESPONSE_DAYS)


class AdjudicationService:
    """Thin use cases over Case: check who may work it, run one command, save."""

    def __init__(
        self,
        cases: CaseService,
        repository: Repository,
        *,
        approval_review_offices: frozenset[str] = frozenset(),
    ) -> None:
        self._cases, self._repository = cases, repository
        # Offices whose approvals, not only denials, go to a supervisor before issue.
        self._approval_review_offices = approval_review_offices

    async def member(self, actor: Actor) -> StaffMember:
        """The acting person with the office their account records."""
        if actor.role not in ADJUDICATORS:
            raise NotFound("not an officer or supervisor")
        try:
            account = await self._repository.get(Account, UUID(actor.user_id))
        except (NotFound, ValueError):
            return StaffMember(actor, None)
        return StaffMember(actor, account.office)

    async def open(self, case_id: UUID, actor: Actor) -> tuple[StaffMember, Case]:
        """The case, if the person may work it; NotFound otherwise (ids cannot be probed)."""
        member = await self.member(actor)
        case = await self._cases.get(case_id)
        if not member.may_work(case):
            raise NotFound("case of another office")
        return member, case

    async def _act(
        self, case_id: UUID, actor: Actor, expected_version: int, command: Callable[[Case], None]
    ) -> Written:
        await self.open(case_id, actor)
        return await self._cases.update(case_id, expected_version, command)

    async def claim(self, case_id: UUID, *, actor: Actor, expected_version: int) -> Written:
        """Take an unassigned case of one's own office."""
        return await self._act(
            case_id, actor, expected_version, lambda c: c.assign(actor, actor.user_id)
        )

    async def assign(
        self, case_id: UUID, *, actor: Actor, expected_version: int, officer_id: str
    ) -> Written:
        """A supervisor gives the case to an officer."""
        if actor.role is not Role.SUPERVISOR:
            raise NotPermitted("Only a supervisor assigns cases to officers.")
        officer = await self._officer(officer_id)
        return await self._act(
            case_id, actor, expected_version, lambda c: c.assign(actor, str(officer.id))
        )

    async def _officer(self, officer_id: str) -> Account:
        try:
            account = await self._repository.get(Account, UUID(officer_id.strip()))
        except (NotFound, ValueError):
            raise NotPermitted("There is no officer with that id.") from None
        if account.role is not Role.OFFICER:
            raise NotPermitted("Cases are assigned to officers.")
        return account

    async def add_note(
        self, case_id: UUID, *, actor: Actor, expected_version: int, text: str
    ) -> Written:
        """Add an internal note, seen by staff only."""
        return await self._act(case_id, actor, expected_version, lambda c: c.add_note(actor, text))

    async def request_evidence(
        self,
        case_id: UUID,
        *,
        actor: Actor,
        expected_version: int,
        items: list[str],
        reason: str,
        due_on: date | None = None,
    ) -> Written:
        """Ask the applicant for evidence by a deadline (87 days unless given)."""
        due = due_on or default_due_on(datetime.now(UTC).date())
        return await self._act(
            case_id,
            actor,
            expected_version,
            lambda c: c.request_evidence(actor, items, due, reason),
        )

    async def schedule_interview(
        self, case_id: UUID, *, actor: Actor, expected_version: int, at: datetime, location: str
    ) -> Written:
        """Set the interview's time and place."""
        return await self._act(
            case_id, actor, expected_version, lambda c: c.schedule_interview(actor, at, location)
        )

    async def book_interview(
        self,
        case_id: UUID,
        *,
        actor: Actor,
        expected_version: int,
        calendar: InterviewCalendar,
        location_code: str,
        slot_id: int,
    ) -> Written:
        """Book the interview in a field office's calendar, at the version the person saw."""
        _, case = await self.open(case_id, actor)
        if case.version != expected_version:
            raise ConcurrencyConflict(f"case {case_id} is at version {case.version}")
        case.check_transition("schedule_interview")
        booked = await calendar.book_interview(case_id, location_code, slot_id, actor)
        return booked.written

    async def complete_interview(
        self, case_id: UUID, *, actor: Actor, expected_version: int, outcome: str
    ) -> Written:
        """Record that the interview took place and what came of it."""
        return await self._act(
            case_id, actor, expected_version, lambda c: c.complete_interview(actor, outcome)
        )

    async def propose(
        self,
        case_id: UUID,
        *,
        actor: Actor,
        expected_version: int,
        outcome: str,
        reason: str,
        legal_basis: str,
        review_requested: bool = False,
    ) -> Written:
        """Propose to approve or deny; denials (and approvals where configured) go to review."""
        _, case = await self.open(case_id, actor)
        review = review_requested or case.office in self._approval_review_offices
        return await self._cases.update(
            case_id,
            expected_version,
            lambda c: c.propose_decision(actor, outcome, reason, legal_basis, review),
        )

    async def approve_proposal(
        self, case_id: UUID, *, actor: Actor, expected_version: int, comments: str
    ) -> Written:
        """A supervisor agrees with the proposal (never their own denial)."""
        return await self._act(
            case_id, actor, expected_version, lambda c: c.approve_proposal(actor, comments)
        )

    async def return_proposal(
        self, case_id: UUID, *, actor: Actor, expected_version: int, comments: str
    ) -> Written:
        """A supervisor sends the proposal back to the officer with comments."""
        return await self._act(
            case_id, actor, expected_version, lambda c: c.return_proposal(actor, comments)
        )

    async def issue(self, case_id: UUID, *, actor: Actor, expected_version: int) -> Written:
        """Issue the decision; the status machine allows it once, and only after any review."""
        return await self._act(case_id, actor, expected_version, lambda c: c.issue_decision(actor))

    async def reopen(
        self, case_id: UUID, *, actor: Actor, expected_version: int, reason: str
    ) -> Written:
        """Reopen a decided case on a motion."""
        return await self._act(case_id, actor, expected_version, lambda c: c.reopen(actor, reason))

    async def transfer(
        self, case_id: UUID, *, actor: Actor, expected_version: int, office: str, reason: str
    ) -> Written:
        """Move the case to another office."""
        code = office.strip().upper()
        return await self._act(
            case_id, actor, expected_version, lambda c: c.transfer(actor, code, reason)
        )

    async def reject_filing(
        self, case_id: UUID, *, actor: Actor, expected_version: int, reason: str
    ) -> Written:
        """Reject a submitted filing that cannot be accepted."""
        return await self._act(
            case_id, actor, expected_version, lambda c: c.reject_filing(actor, reason)
        )

    async def refund_fee(
        self, case_id: UUID, *, actor: Actor, expected_version: int, reason: str
    ) -> Written:
        """Record the refund of a rejected filing's fee (once)."""
        return await self._act(
            case_id, actor, expected_version, lambda c: c.refund_fee(actor, reason)
        )

    async def record_withdrawal(
        self, case_id: UUID, *, actor: Actor, expected_version: int, reason: str
    ) -> Written:
        """Record a withdrawal the applicant asked for by mail or phone."""
        return await self._act(
            case_id, actor, expected_version, lambda c: c.withdraw(actor, reason)
        )

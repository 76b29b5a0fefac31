"""Cases filed on paper: received by intake with no account, later added to one online."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Self
from uuid import UUID, uuid4

from eventsourcing.domain import event

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case_mixins import CaseMixin, check_step
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.input_checks import check_text
from immportal.domain.cases.status import CaseStatus, Transition
from immportal.domain.errors import InvalidArgument, NotPermitted

PAPER_APPLICANT = ""
"""The applicant of a paper case nobody has added to an account yet: no one."""

PAPER_TRANSITIONS: Mapping[str, Transition] = {
    "file_on_paper": Transition(frozenset({CaseStatus.DRAFT}), CaseStatus.SUBMITTED),
    # A person may add their case whatever became of it: a decided or closed case's
    # history and notices matter to them as much as a pending one's.
    "link_to_account": Transition(frozenset(CaseStatus) - {CaseStatus.DRAFT}, None),
}
"""Paper intake files in one step; linking never changes the status."""
# The mailroom and intake act for the agency; only the person themself adds their case.
PAPER_ROLES: Mapping[str, frozenset[Role]] = {
    "file_on_paper": frozenset({Role.OFFICER, Role.SUPERVISOR, Role.ADMIN, Role.SYSTEM}),
    "link_to_account": frozenset({Role.APPLICANT}),
}


class AlreadyLinked(NotPermitted):
    """The case belongs to an account already."""


class PaperFiling(CaseMixin):
    """Commands and events of a case that came in by mail."""

    filed_on_paper: bool = False
    answers: dict[str, dict[str, Any]]
    fee_cents: int
    fee_paid_cents: int
    submitted_at: datetime | None

    @classmethod
    def receive_on_paper(
        cls,
        *,
        form_type: FormType,
        office: str,
        actor: Actor,
        answers: dict[str, dict[str, Any]],
        fee_cents: int,
        case_id: UUID | None = None,
    ) -> Self:
        """Enter a paper filing as intake received it, with its fee paid; no account owns it."""
        check_step(
            actor,
            CaseStatus.DRAFT,
            "file_on_paper",
            roles=PAPER_ROLES,
            transitions=PAPER_TRANSITIONS,
        )
        if fee_cents < 0:
            raise InvalidArgument("A fee cannot be less than nothing.")
        started = cls.Started  # type: ignore[attr-defined]  # made by Case's @event("Started")
        case: Self = cls._create(  # type: ignore[attr-defined]  # Aggregate's constructor
            started,
            id=case_id or uuid4(),
            applicant_id=PAPER_APPLICANT,
            form_type=FormType(form_type).value,
            office=check_text(office, "office"),
            actor_id=actor.user_id,
            actor_role=actor.role.value,
        )
        case.file_on_paper(actor, answers, fee_cents)
        return case

    def file_on_paper(
        self, actor: Actor, answers: dict[str, dict[str, Any]], fee_cents: int
    ) -> None:
        """Record the paper application's answers and the fee that came with it."""
        who = check_step(
            actor, self.status, "file_on_paper", roles=PAPER_ROLES, transitions=PAPER_TRANSITIONS
        )
        if self.applicant_id != PAPER_APPLICANT:
            raise NotPermitted("Only a case received on paper is filed on paper.")
        self._file_on_paper(**who, answers=copy.deepcopy(answers), fee_cents=fee_cents)

    @event("FiledOnPaper")
    def _file_on_paper(
        self,
        actor_id: str,
        actor_role: str,
        status: str,
        answers: dict[str, dict[str, Any]],
        fee_cents: int,
        timestamp: datetime | None = None,
    ) -> None:
        self.status = CaseStatus(status)
        self.filed_on_paper = True
        self.answers = answers
        self.fee_cents = self.fee_paid_cents = fee_cents
        self.submitted_at = timestamp

    def link_to_account(self, actor: Actor) -> None:
        """Add a paper case to the signed-in applicant's account (its code checked already)."""
        who = check_step(
            actor,
            self.status,
            "link_to_account",
            roles=PAPER_ROLES,
            transitions=PAPER_TRANSITIONS,
        )
        if self.applicant_id != PAPER_APPLICANT:
            raise AlreadyLinked("This case is in an account already.")
        self._link_to_account(**who, applicant_id=actor.user_id)

    @event("LinkedToAccount")
    def _link_to_account(
        self, actor_id: str, actor_role: str, status: str, applicant_id: str
    ) -> None:
        self.applicant_id = applicant_id

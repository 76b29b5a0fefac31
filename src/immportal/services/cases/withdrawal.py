"""Withdrawing an application online: the Withdrawn event, and the case closed with it.

The applicant (or a representative they authorized) withdraws a pending application
with a chosen ground and, for "another reason", their words. The withdrawal and the
closing are saved together; the withdrawal acknowledgement notice follows from the event.
A second press of the button finds the case withdrawn already and reports it as done.
"""

from __future__ import annotations

from uuid import UUID

import structlog

from immportal.domain.actor import Actor
from immportal.domain.cases.case import Case
from immportal.domain.cases.status import CaseStatus
from immportal.domain.cases.withdrawal import ground_label
from immportal.domain.errors import ReasonRequired
from immportal.i18n import N_
from immportal.services.cases.service import CaseService
from immportal.services.ports import Written

log = structlog.get_logger(__name__)
CLOSING_REASON = "Closed because the application was withdrawn."
EXPLAIN_OTHER = N_("Tell us why you are withdrawing the application.")


def withdrawal_reason(ground: str, explanation: str) -> str:
    """The reason recorded: the person's words, else the chosen ground's words."""
    words = explanation.strip()
    if ground == "other" and not words:
        raise ReasonRequired(EXPLAIN_OTHER)
    return words or ground_label(ground)


class WithdrawalService:
    """Withdraw a pending application and close it in one save."""

    def __init__(self, cases: CaseService) -> None:
        self._cases = cases

    async def withdraw(
        self,
        case_id: UUID,
        *,
        actor: Actor,
        expected_version: int,
        ground: str,
        explanation: str,
    ) -> Written:
        """Record Withdrawn (with its ground) and Closed; nothing when withdrawn already."""
        case = await self._cases.get(case_id)
        if _sent_twice(case, actor, expected_version):
            return Written(case.version, 0)  # the same request, sent twice
        reason = withdrawal_reason(ground, explanation)

        def withdraw_and_close(case: Case) -> None:
            case.withdraw(actor, reason, ground)
            case.close(Actor.system(), CLOSING_REASON)

        written = await self._cases.update(case_id, expected_version, withdraw_and_close)
        log.info("application_withdrawn", case_id=str(case_id), actor_role=actor.role.value)
        return written


def _sent_twice(case: Case, actor: Actor, expected_version: int) -> bool:
    # The form a second press sends carries the version the first press started from:
    # the case is closed exactly the two events (Withdrawn, Closed) later. Only the
    # people of the case learn that; anyone else gets the case's usual refusal.
    mine = actor.user_id == case.applicant_id or actor.user_id in case.representative_ids
    closed_by_it = case.status is CaseStatus.CLOSED and case.version == expected_version + 2
    return mine and closed_by_it

"""Fee waivers (Form I-912): the applicant's request, and the staff decision before acceptance.

The request files the application without the fee. An officer or supervisor of the case's
office approves it (the case is accepted at once, unless a fee set by law is still due) or
denies it, saying why (the applicant may then pay the fee on the fee page).
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import structlog

from immportal.domain.actor import Actor
from immportal.errors import NotFound
from immportal.services.cases.adjudication import AdjudicationService
from immportal.services.cases.applications import ready_to_file
from immportal.services.cases.ports import ReceiptNumberIssuer
from immportal.services.cases.service import CaseService
from immportal.services.payments.fee_due import NotReadyToPay
from immportal.services.payments.fee_evidence import checked_evidence
from immportal.services.payments.filing import accepting, today
from immportal.services.ports import Written
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)


class FeeWaiverService:
    """Request a fee waiver with the application; decide it as staff."""

    def __init__(
        self,
        repository: Repository,
        cases: CaseService,
        adjudication: AdjudicationService,
        receipts: ReceiptNumberIssuer,
    ) -> None:
        self._repository, self._cases = repository, cases
        self._adjudication, self._receipts = adjudication, receipts

    async def request(
        self,
        case_id: UUID,
        *,
        actor: Actor,
        basis: str,
        explanation: str,
        document_ids: Sequence[UUID],
    ) -> Written:
        """File the signed application with the request and its evidence instead of the fee."""
        case = await self._cases.get(case_id)
        if case.applicant_id != actor.user_id:
            raise NotFound("not the applicant of this case")
        case.check_transition("submit")
        if not ready_to_file(case):
            raise NotReadyToPay("Finish your application and sign it before you send it.")
        evidence = await checked_evidence(self._repository, case, document_ids)
        filed_on = today()
        written = await self._cases.update(
            case_id,
            case.version,
            lambda c: c.request_fee_waiver(actor, filed_on, basis, explanation, evidence),
        )
        log.info("fee_waiver_requested", case_id=str(case_id), documents=len(evidence))
        return written

    async def approve(
        self, case_id: UUID, *, actor: Actor, expected_version: int, reason: str
    ) -> Written:
        """Waive the filing fee and accept the filing (unless a fee set by law is still due)."""
        await self._adjudication.open(case_id, actor)  # another office's case: not found
        written = await accepting(
            self._cases,
            self._receipts,
            case_id,
            expected_version,
            lambda c: c.approve_fee_waiver(actor, reason),
        )
        log.info("fee_waiver_approved", case_id=str(case_id))
        return written

    async def deny(
        self, case_id: UUID, *, actor: Actor, expected_version: int, reason: str
    ) -> Written:
        """Refuse the waiver, saying why; the applicant may pay the fee instead."""
        await self._adjudication.open(case_id, actor)
        written = await self._cases.update(
            case_id, expected_version, lambda c: c.deny_fee_waiver(actor, reason)
        )
        log.info("fee_waiver_denied", case_id=str(case_id))
        return written

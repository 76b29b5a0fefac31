"""Filing without a card payment: a $0 application, and the N-400 reduced-fee request.

A $0 application (an exempt category) is filed and accepted in one step: there is no
payment to wait for. The reduced fee is asked for on the fee page, with the documents that
show the household income; it changes what the fee page then charges.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from uuid import UUID

import structlog

from immportal.domain.actor import Actor
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.status import CaseStatus
from immportal.domain.errors import InvalidArgument
from immportal.domain.payments.fee_situation import FEE_SECTION, INCOME_EVIDENCE, REDUCED_FEE, YES
from immportal.errors import NotFound
from immportal.services.cases.applications import ready_to_file
from immportal.services.cases.ports import ReceiptNumberIssuer
from immportal.services.cases.service import ONLINE_FILING_CODE, CaseService
from immportal.services.payments.fee_due import NotPayable, NotReadyToPay
from immportal.services.payments.fee_evidence import EvidenceRefused, checked_evidence
from immportal.services.ports import Written
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)


def today() -> date:
    """The filing date of anything filed now (fees follow it)."""
    return datetime.now(UTC).date()


async def accepting(
    cases: CaseService,
    receipts: ReceiptNumberIssuer,
    case_id: UUID,
    expected_version: int | None,
    command: Callable[[Case], None],
) -> Written:
    """Run the command and, if it leaves nothing to pay or decide, accept the filing with it.

    The receipt number is issued first so both are saved together; a number issued for a
    filing that then still owes a fee is simply never used (numbers need not be gap-free).
    """
    number = await receipts.issue(ONLINE_FILING_CODE, today())

    def command_then_accept(case: Case) -> None:
        command(case)
        if case.status is CaseStatus.SUBMITTED and case.fee_due_cents == 0:
            case.accept(Actor.system(), number)

    return await cases.update(case_id, expected_version, command_then_accept)


class FeeFiling:
    """The applicant's own steps on the fee page that need no card."""

    def __init__(
        self, repository: Repository, cases: CaseService, receipts: ReceiptNumberIssuer
    ) -> None:
        self._repository, self._cases, self._receipts = repository, cases, receipts

    async def _own_draft(self, case_id: UUID, actor: Actor) -> Case:
        case = await self._cases.get(case_id)
        if case.applicant_id != actor.user_id:
            raise NotFound("not the applicant of this case")
        if case.status is not CaseStatus.DRAFT:
            raise NotPayable("This application has already been sent.")
        return case

    async def file_without_fee(self, case_id: UUID, *, actor: Actor) -> Written:
        """Send a signed application its answers exempt from any fee; accepted at once."""
        case = await self._own_draft(case_id, actor)
        if not ready_to_file(case):
            raise NotReadyToPay("Finish your application and sign it before you send it.")
        filed_on = today()
        written = await accepting(
            self._cases,
            self._receipts,
            case_id,
            case.version,
            lambda c: c.submit_without_fee(actor, filed_on),
        )
        log.info("case_filed_without_fee", case_id=str(case_id))
        return written

    async def ask_reduced_fee(
        self, case_id: UUID, *, actor: Actor, asked: bool, document_ids: Sequence[UUID]
    ) -> Written:
        """Record whether an N-400 applicant asks for the reduced fee, with income evidence."""
        case = await self._own_draft(case_id, actor)
        if FormType(case.form_type) is not FormType.N400:
            raise InvalidArgument("Only Form N-400 has a reduced fee.")
        evidence = await checked_evidence(self._repository, case, document_ids) if asked else []
        if asked and not evidence:
            raise EvidenceRefused("Choose at least one document that shows your household income.")
        answers = {REDUCED_FEE: YES if asked else "no", INCOME_EVIDENCE: evidence}
        return await self._cases.update(
            case_id, case.version, lambda c: c.save_answers(actor, FEE_SECTION, answers)
        )

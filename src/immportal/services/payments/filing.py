"""Filing without a card payment: a $0 application is filed and accepted in one step.

An exempt application has no payment to wait for, so it is accepted as it is filed. The
receipt number is issued first so that both are saved together.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from uuid import UUID

import structlog

from immportal.domain.actor import Actor
from immportal.domain.cases.case import Case
from immportal.domain.cases.status import CaseStatus
from immportal.errors import NotFound
from immportal.services.cases.applications import ready_to_file
from immportal.services.cases.ports import ReceiptNumberIssuer
from immportal.services.cases.service import ONLINE_FILING_CODE, CaseService
from immportal.services.payments.fee_due import NotPayable, NotReadyToPay
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

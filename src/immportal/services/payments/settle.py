"""Filing a case once its fee is paid: submit it, then accept it with a receipt number.

A case already filed with a fee waiver request that left a fee due (denied, or approved
with a fee set by law) records the payment instead of submitting. Each step checks where
the case stands first, so running this again (a second webhook, the return after a
crash) finishes what is left and repeats nothing.
"""

from __future__ import annotations

import structlog

from immportal.domain.actor import Actor
from immportal.domain.cases.case import Case
from immportal.domain.cases.status import CaseStatus
from immportal.domain.errors import TransitionNotAllowed
from immportal.domain.payments.payment import Payment
from immportal.errors import ConcurrencyConflict
from immportal.services.cases.service import CaseService

log = structlog.get_logger(__name__)
ATTEMPTS = 3


async def settle(cases: CaseService, payment: Payment) -> None:
    """Submit the paid case as its payer, then accept it; a no-op once done."""
    paid_by = str(payment.id)
    for _ in range(ATTEMPTS):
        case = await cases.get(payment.case_id)
        try:
            if case.status is CaseStatus.DRAFT:
                await cases.update(
                    case.id,
                    case.version,
                    lambda c: c.submit(
                        payment.payer,
                        payment.amount_cents,
                        payment_id=paid_by,
                        fee_reason=payment.fee_reason,
                        fee_rule=payment.fee_rule,
                    ),
                )
                log.info("case_submitted_after_payment", case_id=str(case.id), payment_id=paid_by)
                continue
            if case.payment_id != paid_by and _pays_what_is_due(case, payment):
                await cases.update(
                    case.id,
                    case.version,
                    lambda c: c.pay_fee(payment.payer, payment.amount_cents, paid_by),
                )
                log.info("fee_paid_after_filing", case_id=str(case.id), payment_id=paid_by)
                continue
            if case.payment_id != paid_by:
                # Money arrived for a case another payment already filed: it is owed back.
                log.warning("payment_for_filed_case", case_id=str(case.id), payment_id=paid_by)
                return
            if case.status is CaseStatus.SUBMITTED:
                await cases.accept(case.id, actor=Actor.system())
                continue
            return
        except (ConcurrencyConflict, TransitionNotAllowed):
            continue  # a concurrent delivery moved the case on; look again


def _pays_what_is_due(case: Case, payment: Payment) -> bool:
    return case.status is CaseStatus.SUBMITTED and case.fee_due_cents == payment.amount_cents

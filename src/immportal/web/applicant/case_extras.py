"""The parts of the case page beyond its summary: payments with receipts, and the estimate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from aiohttp import web

from immportal.domain.cases.permissions import Standing
from immportal.domain.payments.fees import format_cents
from immportal.domain.payments.payment import PaymentState
from immportal.web.applicant.access import CaseAccess
from immportal.web.portal import portal
from immportal.web.queries.payments import case_payments

PAYMENT_WORDS = {
    PaymentState.STARTED: "Not finished",
    PaymentState.RECEIVED: "Paid",
    PaymentState.DECLINED: "Card declined, no money taken",
    PaymentState.ABANDONED: "Not finished, no money taken",
}


@dataclass(frozen=True)
class PaymentLine:
    """One payment as the case page lists it; receipts only for money received."""

    amount: str
    state: str
    paid_at: datetime | None
    receipt_url: str | None

    @property
    def pdf_url(self) -> str | None:
        """The receipt as a PDF to keep."""
        return None if self.receipt_url is None else f"{self.receipt_url}.pdf"


async def payment_lines(request: web.Request, access: CaseAccess) -> list[PaymentLine]:
    """The case's payments, newest first; only the applicant, who paid, sees them."""
    # Receipts open for their payer only (web/payments/receipts.py), so a representative
    # would get links that answer "not found".
    if access.standing is not Standing.APPLICANT:
        return []
    lines = []
    for payment in await case_payments(portal(request), access.summary.case_id):
        received = payment.state is PaymentState.RECEIVED
        lines.append(
            PaymentLine(
                format_cents(payment.amount_cents),
                PAYMENT_WORDS[payment.state],
                payment.paid_at,
                f"/payments/{payment.id}/receipt" if received else None,
            )
        )
    return lines[::-1]

"""The parts of the case page beyond its summary: the fee, payments with receipts, the estimate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from aiohttp import web

from immportal.domain.cases.permissions import Standing
from immportal.domain.cases.status import CaseStatus
from immportal.domain.payments.fees import format_cents
from immportal.domain.payments.payment import PaymentState
from immportal.domain.payments.waivers import WaiverState, state_of
from immportal.i18n import N_, _
from immportal.services.cases.files import CaseFile
from immportal.web.applicant.access import CaseAccess
from immportal.web.portal import portal
from immportal.web.queries.payments import case_payments

PAYMENT_WORDS = {
    PaymentState.STARTED: N_("Not finished"),
    PaymentState.RECEIVED: N_("Paid"),
    PaymentState.DECLINED: N_("Card declined, no money taken"),
    PaymentState.ABANDONED: N_("Not finished, no money taken"),
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


@dataclass(frozen=True)
class CaseFee:
    """The fee recorded when the case was sent, why, and where a fee waiver request stands."""

    amount: str
    reason: str
    waiver: str
    """What happened to a fee waiver request, in words ("" without one)."""
    due: str
    """What is still to pay ("" when nothing is)."""


_WAIVER_WORDS = {
    WaiverState.REQUESTED: N_(
        "You asked for a fee waiver. We decide it before accepting the filing."
    ),
    WaiverState.APPROVED: N_("Your fee waiver was approved."),
    WaiverState.DENIED: N_("Your fee waiver was denied."),
}


def case_fee(file: CaseFile) -> CaseFee | None:
    """The case's fee line; None for a draft (its fee page shows the fee)."""
    if file.status is CaseStatus.DRAFT:
        return None
    state = state_of(file.fee_waiver)
    waiver = _(_WAIVER_WORDS[state]) if state is not None else ""
    reason = (file.fee_waiver or {}).get("decision_reason") if state is WaiverState.DENIED else None
    if reason:
        waiver = _("Your fee waiver was denied: %(reason)s.", reason=_(str(reason)))
    due = file.fee_due_cents
    return CaseFee(
        format_cents(file.fee_cents), file.fee_reason, waiver, format_cents(due) if due else ""
    )

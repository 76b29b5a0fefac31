"""What a payment receipt shows, shared by the HTML page and the PDF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from immportal.domain.cases.forms import FormType
from immportal.domain.payments.fees import format_cents
from immportal.domain.payments.payment import Payment
from immportal.errors import NotFound
from immportal.i18n import N_
from immportal.services.payments.records import PaymentRecord
from immportal.web.rendering import format_datetime


@dataclass(frozen=True)
class ReceiptView:
    """One paid fee, ready to print."""

    payment_id: str
    amount: str
    form: str
    reference: str
    provider_reference: str
    card: str
    paid_at: datetime | None
    receipt_number: str | None

    def rows(self) -> list[tuple[str, str]]:
        """Label and value of each line, in reading order."""
        rows = [
            (N_("Amount paid"), self.amount),
            (N_("Form"), self.form),
            (N_("Payment reference"), self.reference),
            (N_("Provider reference"), self.provider_reference),
            (N_("Paid with"), self.card),
            (N_("Paid on"), format_datetime(self.paid_at)),
        ]
        if self.receipt_number:
            rows.append((N_("Application receipt number"), self.receipt_number))
        return rows


def receipt_view(payment: Payment | PaymentRecord, receipt_number: str | None) -> ReceiptView:
    """The receipt of a received payment (NotFound while it is not paid)."""
    if payment.card_last4 is None or payment.paid_at is None:
        raise NotFound("payment not received")
    form = FormType(payment.form_type)
    brand = (payment.card_brand or "card").capitalize()
    return ReceiptView(
        payment_id=str(payment.id),
        amount=f"{format_cents(payment.amount_cents)} (US dollars)",
        form=f"Form {form.value}, {form.title}",
        reference=str(payment.id).upper(),
        provider_reference=payment.provider_reference or payment.provider_session_id,
        card=f"{brand} card ending in {payment.card_last4}",
        paid_at=payment.paid_at,
        receipt_number=receipt_number,
    )

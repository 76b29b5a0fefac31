"""A payment as the `payments` read model records it, for pages that show payments."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from immportal.domain.actor import Actor
from immportal.domain.payments.payment import PaymentState
from immportal.errors import NotFound


@dataclass(frozen=True, kw_only=True)
class PaymentRecord:
    """One payment of a case's fee, with the Payment aggregate's state under the same names."""

    payment_id: UUID
    case_id: UUID
    form_type: str
    amount_cents: int
    payer_id: str
    payer_role: str
    provider_session_id: str
    redirect_url: str
    state: PaymentState
    card_last4: str | None
    card_brand: str | None
    provider_reference: str | None
    paid_at: datetime | None
    ended_reason: str | None
    started_at: datetime
    position: int

    @property
    def id(self) -> UUID:
        """The payment's id, named as on the aggregate."""
        return self.payment_id

    @property
    def is_open(self) -> bool:
        """Whether the payment page may still be used."""
        return self.state is PaymentState.STARTED


def own_payment(record: PaymentRecord | None, actor: Actor) -> PaymentRecord:
    """The payment if the actor started it; NotFound for anyone else (or no such payment)."""
    if record is None or record.payer_id != actor.user_id:
        raise NotFound("no payment of this person")
    return record

"""The Payment aggregate: one attempt to pay a case's filing fee on a hosted payment page.

Money moving is a fact from the payment provider: a confirmation is recorded once per
payment, whatever state the payment was in, and every later one is a no-op. A decline
or an abandonment only ends a payment that is still open, and never touches the case.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from immportal.domain.errors import DomainError, InvalidArgument


class PaymentState(StrEnum):
    """Where a payment stands."""

    STARTED = "started"
    RECEIVED = "received"
    DECLINED = "declined"
    ABANDONED = "abandoned"


class PaymentNotYours(DomainError):
    """Only the person who started a payment may act on it or see it."""


class Payment(Aggregate):
    """A payment of one case's filing fee through a hosted payment page."""

    @classmethod
    def begin(
        cls,
        *,
        payment_id: UUID,
        case_id: UUID,
        form_type: FormType,
        amount_cents: int,
        idempotency_key: str,
        payer: Actor,
        provider_session_id: str,
        redirect_url: str,
        fee_reason: str = "",
        fee_rule: str = "",
    ) -> Payment:
        """Record a hosted payment session opened for a case's fee, and why that fee is due."""
        if amount_cents <= 0:
            raise InvalidArgument("A payment must be for more than nothing.")
        if payer.role is not Role.APPLICANT:
            raise InvalidArgument("Only the applicant pays the filing fee here.")
        # The id comes from the idempotency key's record, so a double click finds this payment.
        return cls._create(
            cls.Started,  # type: ignore[attr-defined]  # made by @event("Started")
            id=UUID(str(payment_id)),
            # Read models hand out their driver's UUID subclass; events store plain UUIDs.
            case_id=UUID(str(case_id)),
            form_type=FormType(form_type).value,
            amount_cents=amount_cents,
            idempotency_key=idempotency_key,
            payer_id=payer.user_id,
            payer_role=payer.role.value,
            provider_session_id=provider_session_id,
            redirect_url=redirect_url,
            fee_reason=fee_reason,
            fee_rule=fee_rule,
        )

    @event("Started")
    def __init__(
        self,
        case_id: UUID,
        form_type: str,
        amount_cents: int,
        idempotency_key: str,
        payer_id: str,
        payer_role: str,
        provider_session_id: str,
        redirect_url: str,
        # Payments started before fees had reasons carry neither.
        fee_reason: str = "",
        fee_rule: str = "",
    ) -> None:
        self.case_id, self.form_type, self.amount_cents = case_id, form_type, amount_cents
        self.fee_reason, self.fee_rule = fee_reason, fee_rule
        self.idempotency_key, self.payer_id, self.payer_role = idempotency_key, payer_id, payer_role
        self.provider_session_id, self.redirect_url = provider_session_id, redirect_url
        self.state = PaymentState.STARTED
        self.card_last4: str | None = None
        self.card_brand: str | None = None
        self.provider_reference: str | None = None
        self.paid_at: datetime | None = None
        self.ended_reason: str | None = None

    @property
    def payer(self) -> Actor:
        """The person who started the payment, as case events record them."""
        return Actor(self.payer_id, Role(self.payer_role))

    @property
    def is_open(self) -> bool:
        """Whether the payment page may still be used."""
        return self.state is PaymentState.STARTED

    def check_payer(self, actor: Actor) -> None:
        """Raise PaymentNotYours unless the actor started this payment."""
        if actor.user_id != self.payer_id or actor.role.value != self.payer_role:
            raise PaymentNotYours("This payment belongs to someone else.")

    def receive(
        self, *, amount_cents: int, card_last4: str, card_brand: str, provider_reference: str
    ) -> bool:
        """Record the provider's confirmation once; return whether it was new."""
        if self.state is PaymentState.RECEIVED:
            return False
        if amount_cents != self.amount_cents:
            raise InvalidArgument(
                f"The provider confirmed {amount_cents} cents, not the {self.amount_cents} due."
            )
        if len(card_last4) != 4 or not card_last4.isdigit():
            raise InvalidArgument("The last four digits of a card are four digits.")
        self._receive(
            amount_cents=amount_cents,
            card_last4=card_last4,
            card_brand=card_brand,
            provider_reference=provider_reference,
        )
        return True

    @event("Received")
    def _receive(
        self,
        amount_cents: int,
        card_last4: str,
        card_brand: str,
        provider_reference: str,
        timestamp: datetime | None = None,
    ) -> None:
        self.state = PaymentState.RECEIVED
        self.card_last4, self.card_brand = card_last4, card_brand
        self.provider_reference, self.paid_at = provider_reference, timestamp

    def decline(self, reason: str) -> bool:
        """End an open payment whose card was declined; return whether it was open."""
        if not self.is_open:
            return False
        self._decline(reason=reason or "declined")
        return True

    @event("Declined")
    def _decline(self, reason: str) -> None:
        self.state, self.ended_reason = PaymentState.DECLINED, reason

    def abandon(self, reason: str) -> bool:
        """End an open payment nobody finished; return whether it was open."""
        if not self.is_open:
            return False
        self._abandon(reason=reason or "abandoned")
        return True

    @event("Abandoned")
    def _abandon(self, reason: str) -> None:
        self.state, self.ended_reason = PaymentState.ABANDONED, reason

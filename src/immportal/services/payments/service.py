"""Paying a case's filing fee on a hosted payment page, and filing the case once paid.

Every path that learns a session's outcome (the signed webhook, the applicant's return
from the payment page, a new payment replacing an old one) goes through `apply`, which
records `Received` at most once per payment; `settle` then submits and accepts the case,
and is safe to run again after a crash between the two.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from uuid import UUID

import structlog

from immportal.domain.actor import Actor
from immportal.domain.cases.forms import FormType
from immportal.domain.payments.fees import CURRENCY
from immportal.domain.payments.payment import Payment, PaymentState
from immportal.errors import ConcurrencyConflict, NotFound
from immportal.services.cases.service import CaseService
from immportal.services.payments.fee_due import NotPayable, NotReadyToPay, fee_to_pay
from immportal.services.payments.ports import (
    PaymentGateway,
    PaymentKeys,
    SeenWebhooks,
    SessionRequest,
    SessionState,
    SessionStatus,
)
from immportal.services.payments.settle import settle
from immportal.services.repository import Repository

__all__ = ["NotPayable", "NotReadyToPay", "PaymentService"]

log = structlog.get_logger(__name__)
ATTEMPTS = 3
"""Tries of a step that lost a race to a concurrent one (a webhook and a return at once)."""


class PaymentService:
    """Start payments, learn their outcome, and file the case once paid."""

    def __init__(
        self,
        repository: Repository,
        cases: CaseService,
        gateway: PaymentGateway,
        keys: PaymentKeys,
        seen: SeenWebhooks,
        *,
        return_url: str,
    ) -> None:
        self._repository, self._cases, self._gateway = repository, cases, gateway
        self._keys, self._seen, self._return_url = keys, seen, return_url

    async def start(self, case_id: UUID, *, actor: Actor, idempotency_key: str) -> Payment:
        """The payment of this form's key: opened on first use, the same one on a double click."""
        payment_id = await self._keys.claim(
            idempotency_key, case_id=case_id, payer_id=actor.user_id
        )
        try:
            return await self.get(payment_id, actor=actor)
        except NotFound:
            pass
        case = await self._cases.get(case_id)
        if case.applicant_id != actor.user_id:
            raise NotFound("not the applicant of this case")
        await self._close_earlier(case_id, payment_id)
        case = await self._cases.get(case_id)  # an earlier payment may just have filed it
        fee = fee_to_pay(case, datetime.now(UTC).date())
        session = await self._gateway.create_session(
            SessionRequest(
                reference=str(payment_id),
                amount_cents=fee.amount_cents,
                currency=CURRENCY,
                description=f"Form {case.form_type} filing fee",
                return_url=f"{self._return_url}?payment={payment_id}",
                idempotency_key=idempotency_key,
            )
        )
        payment = Payment.begin(
            payment_id=payment_id,
            case_id=case_id,
            form_type=FormType(case.form_type),
            amount_cents=fee.amount_cents,
            idempotency_key=idempotency_key,
            payer=actor,
            provider_session_id=session.session_id,
            redirect_url=session.url,
            fee_reason=fee.reason,
            fee_rule=fee.rule_id,
        )
        try:
            await self._repository.save(payment)
        except ConcurrencyConflict:  # the other click of a double click saved it first
            return await self.get(payment_id, actor=actor)
        log.info("payment_started", payment_id=str(payment_id), case_id=str(case_id))
        return payment

    async def get(self, payment_id: UUID, *, actor: Actor) -> Payment:
        """A payment the actor started; NotFound for anyone else."""
        payment = await self._repository.get(Payment, payment_id)
        if payment.payer_id != actor.user_id:
            raise NotFound("payment of someone else")
        return payment

    async def recorded(self, payment_id: UUID) -> Payment:
        """A payment as recorded, for staff who may already see its case."""
        return await self._repository.get(Payment, payment_id)

    async def payments_of(self, case_id: UUID) -> list[Payment]:
        """Every payment started for a case, oldest first."""
        ids = await self._keys.payments_of(case_id)
        found = []
        for payment_id in ids:
            try:
                found.append(await self._repository.get(Payment, payment_id))
            except NotFound:  # a key claimed by a click that never reached the provider
                continue
        return found

    async def handle_webhook(self, body: bytes, headers: Mapping[str, str]) -> bool:
        """Apply a signed webhook; return False for a replay of one already handled."""
        event = self._gateway.verify_webhook(body, headers)
        if await self._seen.seen(event.event_id):
            log.info("payment_webhook_replayed", event_id=event.event_id)
            return False
        await self.apply(event.state)
        await self._seen.remember(event.event_id)
        return True

    async def handle_return(self, payment_id: UUID, *, actor: Actor) -> Payment:
        """The applicant is back from the payment page: ask the provider, never the URL."""
        payment = await self.get(payment_id, actor=actor)
        if payment.is_open:
            payment = await self.apply(
                await self._gateway.fetch_session(payment.provider_session_id)
            )
        elif payment.state is PaymentState.RECEIVED:
            await settle(self._cases, payment)
        return payment

    async def apply(self, state: SessionState) -> Payment:
        """Record what the provider says happened to a session; file the case once paid."""
        try:
            payment_id = UUID(state.reference)
        except ValueError as exc:
            raise NotFound("webhook for a payment that is not ours") from exc
        for _ in range(ATTEMPTS):
            payment = await self._repository.get(Payment, payment_id)
            if payment.provider_session_id != state.session_id:
                raise NotFound("session of another payment")
            _record(payment, state)
            try:
                await self._repository.save(payment)
                break
            except ConcurrencyConflict:
                continue  # the other delivery recorded it; read again and see
        if payment.state is PaymentState.RECEIVED:
            await settle(self._cases, payment)
        return payment

    async def _close_earlier(self, case_id: UUID, keep: UUID) -> None:
        # One live payment page per case: an earlier one left open could still be paid.
        for payment in await self.payments_of(case_id):
            if payment.id != keep and payment.is_open:
                await self.apply(await self._gateway.expire_session(payment.provider_session_id))


def _record(payment: Payment, state: SessionState) -> None:
    match state.status:
        case SessionStatus.PAID:
            payment.receive(
                amount_cents=state.amount_cents,
                card_last4=state.card_last4 or "",
                card_brand=state.card_brand or "card",
                provider_reference=state.session_id,
            )
        case SessionStatus.DECLINED:
            payment.decline(state.reason or "declined")
        case SessionStatus.CANCELLED | SessionStatus.EXPIRED:
            payment.abandon(state.status.value)
        case SessionStatus.OPEN:
            pass

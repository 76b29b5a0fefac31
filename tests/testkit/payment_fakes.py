"""In-memory stand-ins for the payment tests: provider, key and webhook stores.

They run on testkit.memory_store.MemoryEventStore, with case_fakes.Receipts for numbers.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping
from uuid import UUID

import orjson

from immportal.adapters.payments.gateway import HostedPaymentGateway
from immportal.adapters.payments.signature import SIGNATURE_HEADER, sign
from immportal.services.payments.ports import (
    HostedSession,
    KeyReused,
    ProviderEvent,
    SessionRequest,
    SessionState,
    SessionStatus,
)

SECRET = b"webhook secret for tests"


class Provider:
    """A provider that remembers sessions; webhooks are verified by the real client code."""

    def __init__(self) -> None:
        self.sessions: dict[str, SessionState] = {}
        self.keys: dict[str, str] = {}
        self._client = HostedPaymentGateway(None, "", api_key="", webhook_secret=SECRET)  # type: ignore[arg-type]

    async def create_session(self, request: SessionRequest) -> HostedSession:
        """A session per idempotency key."""
        if request.idempotency_key not in self.keys:
            session_id = f"cs_{uuid.uuid4().hex}"
            self.keys[request.idempotency_key] = session_id
            self.sessions[session_id] = SessionState(
                session_id, request.reference, SessionStatus.OPEN, request.amount_cents, "USD"
            )
        session_id = self.keys[request.idempotency_key]
        return HostedSession(session_id, f"https://pay.example/{session_id}")

    async def fetch_session(self, session_id: str) -> SessionState:
        """The session as it stands."""
        return self.sessions[session_id]

    async def expire_session(self, session_id: str) -> SessionState:
        """Close an open session."""
        state = self.sessions[session_id]
        if state.status is SessionStatus.OPEN:
            state = self.finish(session_id, SessionStatus.EXPIRED)
        return state

    def finish(self, session_id: str, status: SessionStatus) -> SessionState:
        """End a session as a card page would."""
        old = self.sessions[session_id]
        last4 = "4242" if status is SessionStatus.PAID else None
        new = SessionState(old.session_id, old.reference, status, old.amount_cents, "USD", last4)
        self.sessions[session_id] = new
        return new

    def verify_webhook(self, body: bytes, headers: Mapping[str, str]) -> ProviderEvent:
        """The real verification."""
        return self._client.verify_webhook(body, headers)


def webhook(
    state: SessionState, event_id: str, *, secret: bytes = SECRET, at: float | None = None
) -> tuple[bytes, dict[str, str]]:
    """A webhook body and headers as the sandbox sends them."""
    data = {
        "id": state.session_id,
        "url": "",
        "reference": state.reference,
        "status": state.status.value,
        "amount": state.amount_cents,
        "currency": state.currency,
        "card_last4": state.card_last4,
        "card_brand": "visa",
    }
    kind = f"session.{state.status.value}"
    body = orjson.dumps({"id": event_id, "type": kind, "created": 0, "data": data})
    stamp = int(time.time() if at is None else at)
    return body, {SIGNATURE_HEADER: sign(secret, body, stamp)}


class Keys:
    """Idempotency keys in a dict."""

    def __init__(self) -> None:
        self.claims: dict[str, tuple[UUID, UUID, str]] = {}

    async def claim(self, key: str, *, case_id: UUID, payer_id: str) -> UUID:
        """First use binds the key; later uses read it."""
        payment_id, bound_case, payer = self.claims.setdefault(
            key, (uuid.uuid4(), case_id, payer_id)
        )
        if (bound_case, payer) != (case_id, payer_id):
            raise KeyReused(key)
        return payment_id

    async def payments_of(self, case_id: UUID) -> list[UUID]:
        """Payment ids of a case, oldest first."""
        return [p for p, c, _ in self.claims.values() if c == case_id]


class Seen:
    """Handled webhook ids in a set."""

    def __init__(self) -> None:
        self.ids: set[str] = set()

    async def seen(self, event_id: str) -> bool:
        """Whether handled before."""
        return event_id in self.ids

    async def remember(self, event_id: str) -> None:
        """Note it as handled."""
        self.ids.add(event_id)

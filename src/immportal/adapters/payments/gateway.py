"""The portal's client of the hosted payment provider's API (the sandbox speaks it)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import aiohttp
import orjson
from pydantic import BaseModel, ConfigDict, ValidationError

from immportal.adapters.payments.signature import SIGNATURE_HEADER, SignatureInvalid, verify
from immportal.services.payments.ports import (
    GatewayUnavailable,
    HostedSession,
    ProviderEvent,
    SessionRequest,
    SessionState,
    SessionStatus,
)

_STATUS_OF_EVENT = {
    "session.paid": SessionStatus.PAID,
    "session.declined": SessionStatus.DECLINED,
    "session.cancelled": SessionStatus.CANCELLED,
    "session.expired": SessionStatus.EXPIRED,
}


class _Session(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    url: str
    reference: str
    status: SessionStatus
    amount: int
    currency: str
    card_last4: str | None = None
    card_brand: str | None = None
    reason: str | None = None

    def state(self) -> SessionState:
        return SessionState(
            session_id=self.id,
            reference=self.reference,
            status=self.status,
            amount_cents=self.amount,
            currency=self.currency,
            card_last4=self.card_last4,
            card_brand=self.card_brand,
            reason=self.reason,
        )


class _Event(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    type: str
    created: int
    data: _Session


@contextmanager
def map_gateway_errors() -> Iterator[None]:
    """Turn the HTTP client's failures and unexpected answers into GatewayUnavailable."""
    try:
        yield
    except (aiohttp.ClientError, TimeoutError, ValidationError, ValueError) as exc:
        raise GatewayUnavailable(f"payment provider failed: {type(exc).__name__}") from exc


class HostedPaymentGateway:
    """Opens, reads and expires hosted sessions; verifies the provider's webhooks."""

    def __init__(
        self,
        http: aiohttp.ClientSession,
        base_url: str,
        *,
        api_key: str,
        webhook_secret: bytes,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._http, self._base = http, base_url.rstrip("/")
        self._auth = {"Authorization": f"Bearer {api_key}"}
        self._secret, self._clock = webhook_secret, clock

    async def create_session(self, request: SessionRequest) -> HostedSession:
        """Open a hosted session; the idempotency key makes a retry return the same one."""
        body = {
            "reference": request.reference,
            "amount": request.amount_cents,
            "currency": request.currency,
            "description": request.description,
            "return_url": request.return_url,
        }
        headers = {**self._auth, "Idempotency-Key": request.idempotency_key}
        found = await self._call("POST", "/api/sessions", headers, body)
        return HostedSession(found.id, found.url)

    async def fetch_session(self, session_id: str) -> SessionState:
        """Where a session stands, from the provider itself."""
        return (await self._call("GET", f"/api/sessions/{session_id}", self._auth)).state()

    async def expire_session(self, session_id: str) -> SessionState:
        """Close a session; its final state (paid, if the card went through first)."""
        path = f"/api/sessions/{session_id}/expire"
        return (await self._call("POST", path, self._auth)).state()

    def verify_webhook(self, body: bytes, headers: Mapping[str, str]) -> ProviderEvent:
        """The verified event of a webhook, or WebhookRefused."""
        verify(self._secret, body, headers.get(SIGNATURE_HEADER), now=self._clock())
        try:
            event = _Event.model_validate(orjson.loads(body))
        except (orjson.JSONDecodeError, ValidationError) as exc:
            raise SignatureInvalid("signed webhook body is not an event") from exc
        if _STATUS_OF_EVENT.get(event.type) is not event.data.status:
            raise SignatureInvalid("webhook event type and session status disagree")
        return ProviderEvent(event.id, event.data.state())

    async def _call(
        self, method: str, path: str, headers: Mapping[str, str], body: Any = None
    ) -> _Session:
        with map_gateway_errors():
            async with self._http.request(
                method, self._base + path, headers=dict(headers), json=body
            ) as response:
                response.raise_for_status()
                return _Session.model_validate(await response.json())

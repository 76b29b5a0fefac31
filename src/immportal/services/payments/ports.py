"""What payments need from the outside world: a hosted payment provider and two small stores."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol
from uuid import UUID

from immportal.errors import PortalError


class WebhookRefused(PortalError):
    """A webhook's signature is wrong, missing or too old; nothing was recorded."""


class GatewayUnavailable(PortalError):
    """The payment provider did not answer; nothing was charged by us."""


class KeyReused(PortalError):
    """An idempotency key was sent again for another case or person."""


class SessionStatus(StrEnum):
    """Where a hosted payment session stands at the provider."""

    OPEN = "open"
    PAID = "paid"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


@dataclass(frozen=True)
class SessionRequest:
    """What the provider needs to open a hosted payment page."""

    reference: str
    """Our payment id: the provider echoes it in every answer and webhook."""
    amount_cents: int
    currency: str
    description: str
    return_url: str
    idempotency_key: str


@dataclass(frozen=True)
class HostedSession:
    """A hosted payment page the applicant is sent to."""

    session_id: str
    url: str


@dataclass(frozen=True)
class SessionState:
    """The provider's account of a session (never the card number, at most its last four)."""

    session_id: str
    reference: str
    status: SessionStatus
    amount_cents: int
    currency: str
    card_last4: str | None = None
    card_brand: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class ProviderEvent:
    """A verified webhook: its unique id and the session state it reports."""

    event_id: str
    state: SessionState


class PaymentGateway(Protocol):
    """A hosted payment provider: card details are typed on its pages, never on ours."""

    async def create_session(self, request: SessionRequest) -> HostedSession:
        """Open a hosted session; the same idempotency key returns the same session."""
        ...

    async def fetch_session(self, session_id: str) -> SessionState:
        """Ask the provider where a session stands."""
        ...

    async def expire_session(self, session_id: str) -> SessionState:
        """Close a session so it can no longer be paid; return its final state."""
        ...

    def verify_webhook(self, body: bytes, headers: Mapping[str, str]) -> ProviderEvent:
        """Check a webhook's signature and freshness; raise WebhookRefused if it fails."""
        ...


class PaymentKeys(Protocol):
    """Idempotency keys of payment forms, each bound to one payment id for good."""

    async def claim(self, key: str, *, case_id: UUID, payer_id: str) -> UUID:
        """The payment id of the key: new on first use, the same ever after (KeyReused if the
        key was used for another case or person)."""
        ...

    async def payments_of(self, case_id: UUID) -> list[UUID]:
        """The ids of every payment started for a case, oldest first."""
        ...


class SeenWebhooks(Protocol):
    """Webhook event ids already handled, so a replay is answered without a second effect."""

    async def seen(self, event_id: str) -> bool:
        """Whether the event was handled before."""
        ...

    async def remember(self, event_id: str) -> None:
        """Note that the event was handled (a second call is harmless)."""
        ...

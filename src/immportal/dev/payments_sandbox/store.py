"""The sandbox's sessions, in memory: opened by the API, finished on the card page.

Every change of a session happens without an await in between, so on one event loop
a session is paid, declined, cancelled or expired exactly once.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any


class SessionNotFound(Exception):
    """No session has this id."""


class KeyConflict(Exception):
    """An idempotency key was sent again with a different request."""


@dataclass
class SandboxSession:
    """One hosted payment page."""

    id: str
    reference: str
    amount: int
    currency: str
    description: str
    return_url: str
    form_token: str = field(default_factory=lambda: secrets.token_urlsafe(24), repr=False)
    status: str = "open"
    card_last4: str | None = None
    card_brand: str | None = None
    reason: str | None = None

    def public(self, base_url: str) -> dict[str, Any]:
        """The session as the API shows it to the merchant."""
        return {
            "id": self.id,
            "url": f"{base_url}/pay/{self.id}",
            "reference": self.reference,
            "status": self.status,
            "amount": self.amount,
            "currency": self.currency,
            "card_last4": self.card_last4,
            "card_brand": self.card_brand,
            "reason": self.reason,
        }


@dataclass
class SessionStore:
    """Sessions by id, and the idempotency keys that opened them."""

    sessions: dict[str, SandboxSession] = field(default_factory=dict)
    keys: dict[str, tuple[str, tuple[Any, ...]]] = field(default_factory=dict)

    def open(self, key: str, request: dict[str, Any]) -> SandboxSession:
        """A new session, or the one this key opened before (KeyConflict if the request differs)."""
        fingerprint = tuple(sorted((k, str(v)) for k, v in request.items()))
        if key in self.keys:
            session_id, seen = self.keys[key]
            if seen != fingerprint:
                raise KeyConflict(key)
            return self.sessions[session_id]
        session = SandboxSession(
            id=f"cs_test_{secrets.token_hex(12)}",
            reference=str(request["reference"]),
            amount=int(request["amount"]),
            currency=str(request["currency"]),
            description=str(request["description"]),
            return_url=str(request["return_url"]),
        )
        self.sessions[session.id] = session
        self.keys[key] = (session.id, fingerprint)
        return session

    def get(self, session_id: str) -> SandboxSession:
        """A session by id."""
        try:
            return self.sessions[session_id]
        except KeyError:
            raise SessionNotFound(session_id) from None

    def finish(
        self, session: SandboxSession, status: str, *, last4: str = "", brand: str = ""
    ) -> bool:
        """End an open session; return False if it had already ended."""
        if session.status != "open":
            return False
        session.status = status
        session.card_last4, session.card_brand = last4 or None, brand or None
        if status == "declined":
            session.reason = "card_declined"
        return True

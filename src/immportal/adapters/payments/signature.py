"""Webhook signatures: HMAC-SHA256 over a timestamp and the raw body.

The header reads `t=1767225600,v1=<hex>`; several v1 values may be sent while a
secret is being rotated. The timestamp is signed too, so an old body cannot be sent
again later with a fresh time, and a tolerance bounds how old a delivery may be.
"""

from __future__ import annotations

import hashlib
import hmac

from immportal.services.payments.ports import WebhookRefused

SIGNATURE_HEADER = "Sandbox-Signature"
TOLERANCE_SECONDS = 300


class SignatureInvalid(WebhookRefused):
    """The signature is missing, malformed or does not match the body."""


class SignatureStale(WebhookRefused):
    """The signed timestamp is further from now than the tolerance."""


def _digest(secret: bytes, timestamp: int, body: bytes) -> str:
    return hmac.new(secret, f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def sign(secret: bytes, body: bytes, timestamp: int) -> str:
    """The signature header value for a body sent at `timestamp` (Unix seconds)."""
    return f"t={timestamp},v1={_digest(secret, timestamp, body)}"


def verify(
    secret: bytes,
    body: bytes,
    header: str | None,
    *,
    now: float,
    tolerance: int = TOLERANCE_SECONDS,
) -> int:
    """Check the header against the raw body; return its timestamp or raise WebhookRefused."""
    timestamp, candidates = _parse(header or "")
    expected = _digest(secret, timestamp, body)
    # Constant time per comparison, and every candidate compared, so timing tells nothing.
    matches = [hmac.compare_digest(expected.encode(), c.encode()) for c in candidates]
    if not any(matches):
        raise SignatureInvalid("webhook signature does not match")
    if abs(now - timestamp) > tolerance:
        raise SignatureStale("webhook timestamp outside the tolerance")
    return timestamp


def _parse(header: str) -> tuple[int, list[str]]:
    timestamp: int | None = None
    candidates: list[str] = []
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        if name == "t" and value.isdigit():
            timestamp = int(value)
        elif name == "v1" and value:
            candidates.append(value)
    if timestamp is None or not candidates:
        raise SignatureInvalid("webhook signature header malformed")
    return timestamp, candidates

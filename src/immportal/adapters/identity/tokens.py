"""Random tokens for emailed links and recovery codes, from the operating system's CSPRNG."""

from __future__ import annotations

import hashlib
import secrets

from immportal.domain.identity.codes import (
    RECOVERY_ALPHABET,
    RECOVERY_LENGTH,
    format_recovery_code,
)

LINK_TOKEN_BYTES = 32
"""256 bits: twice the 128 the issue asks, at 43 URL-safe characters."""


class RandomTokens:
    """The TokenFactory port on the `secrets` module."""

    def link_token(self) -> str:
        """A URL-safe token of 256 random bits."""
        return secrets.token_urlsafe(LINK_TOKEN_BYTES)

    def recovery_code(self) -> str:
        """Sixteen Crockford base32 characters (80 bits) in four groups of four."""
        code = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
        return format_recovery_code(code)

    def digest(self, token: str) -> str:
        """SHA-256 in hex; a fast hash suffices because the tokens are 80+ random bits."""
        return hashlib.sha256(token.encode()).hexdigest()

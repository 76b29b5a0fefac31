"""What the identity services need from the outside world: hashing, randomness, TOTP, an index."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from uuid import UUID


class PasswordHasher(Protocol):
    """Hashes passwords slowly (Argon2id) and checks them against stored hashes."""

    def hash(self, password: str) -> str:
        """A new salted hash of the password, in PHC string format."""
        ...

    def verify(self, password_hash: str, password: str) -> bool:
        """Whether the password matches; a mismatch or a malformed hash is False, never raised."""
        ...

    def needs_rehash(self, password_hash: str) -> bool:
        """Whether the hash was made with weaker parameters than today's."""
        ...


class TokenFactory(Protocol):
    """Random secrets for links and recovery codes, and the digests stored in their place."""

    def link_token(self) -> str:
        """A URL-safe random token of at least 128 bits, for emailed links."""
        ...

    def recovery_code(self) -> str:
        """A recovery code of at least 64 bits, grouped for people (XXXX-XXXX-XXXX-XXXX)."""
        ...

    def digest(self, token: str) -> str:
        """The SHA-256 hex digest stored instead of a token or code."""
        ...


class TotpService(Protocol):
    """Time-based one-time passwords (RFC 6238) as authenticator apps make them."""

    def new_secret(self) -> str:
        """A new random base32 secret of 160 bits."""
        ...

    def provisioning_uri(self, secret: str, account_name: str) -> str:
        """The otpauth:// URI an authenticator app reads from the QR code."""
        ...

    def qr_svg(self, uri: str) -> str:
        """The URI as an inline SVG QR code, drawn locally with no outside requests."""
        ...

    def verify(self, secret: str, code: str, at: datetime) -> int | None:
        """The time step whose code this is, one step either side of `at` allowed, else None."""
        ...


class EmailIndex(Protocol):
    """Which account holds which email address; one address, one account."""

    async def claim(self, email_key: str, account_id: UUID) -> bool:
        """Reserve the address for the account; False if another account holds it."""
        ...

    async def find(self, email_key: str) -> UUID | None:
        """The account holding the address, if any (sign-in starts from an email)."""
        ...

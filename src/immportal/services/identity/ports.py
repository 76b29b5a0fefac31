"""What the identity services need from the outside world: hashing, randomness, TOTP, an index."""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol
from uuid import UUID

from immportal.domain.identity.throttle import GuessRun

MAX_TOKEN_LENGTH = 200
"""Longer text is no token of ours: refused before any lookup."""


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

    @property
    def executor(self) -> Executor | None:
        """The bounded pool hashing runs on; None for the event loop's default pool."""
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

    async def release(self, email_key: str, account_id: UUID) -> None:
        """Give the address up again, only if this account holds it (its save failed)."""
        ...


class LinkPurpose(StrEnum):
    """What an emailed link is for; a link only works for its own purpose."""

    VERIFY_EMAIL = "verify_email"
    RESET_PASSWORD = "reset_password"  # noqa: S105 - a purpose name, not a secret
    CHANGE_EMAIL = "change_email"
    RECOVER_ACCOUNT = "recover_account"
    RECOVER_FINISH = "recover_finish"
    RECOVER_CANCEL = "recover_cancel"


@dataclass(frozen=True)
class IssuedLink:
    """A new link token, to be emailed once, and the digest stored in its place."""

    token: str = field(repr=False)
    digest: str


@dataclass(frozen=True)
class LinkGrant:
    """What a valid link token stands for."""

    account_id: UUID
    password_version: int
    digest: str


class TokenStore(Protocol):
    """Single-use, expiring link tokens, stored only as digests."""

    async def issue(
        self,
        account_id: UUID,
        purpose: LinkPurpose,
        *,
        ttl: timedelta,
        password_version: int,
        now: datetime,
    ) -> IssuedLink:
        """Store a new token's digest, valid for `ttl` from `now`, and return the token."""
        ...

    async def check(self, token: str, purpose: LinkPurpose, now: datetime) -> LinkGrant:
        """What an unused, unexpired token stands for, without using it; else LinkInvalid."""
        ...

    async def consume(self, token: str, purpose: LinkPurpose, now: datetime) -> LinkGrant:
        """Use the token up atomically, so exactly one caller gets it; else LinkInvalid."""
        ...


class SignInLimits(Protocol):
    """Counts failed sign-ins per client network (/24 or /48) in a time window."""

    async def blocked(self, address: str | None, now: datetime) -> bool:
        """Whether the client's network has used up its failures for this window."""
        ...

    async def record_failure(self, address: str | None, now: datetime) -> int:
        """Count one failed sign-in for the client's network; the window's count so far."""
        ...


class PasswordGuesses(Protocol):
    """Wrong passwords per typed email address, whether or not an account uses it."""

    async def runs(
        self, address: str | None, email_key: str, now: datetime
    ) -> tuple[GuessRun, GuessRun]:
        """The address's runs of wrong passwords from the client's network and from anywhere."""
        ...

    async def record_failure(self, address: str | None, email_key: str, now: datetime) -> None:
        """Count one wrong password for the address, from the client's network."""
        ...

    async def forget(self, email_key: str) -> None:
        """Start the address's runs again: its right password was given."""
        ...


class MailAllowance(Protocol):
    """Mails sent on request (reset, confirmation, account exists), per address and network."""

    async def allow(self, email_key: str, address: str | None, now: datetime) -> bool:
        """Count one mail to the address asked from the client's network; False once over."""
        ...


class RecoveryClaims(Protocol):
    """Which recovery attempt is open for each account; at most one per account."""

    async def claim(self, account_id: UUID, recovery_id: UUID, at: datetime) -> bool:
        """Mark the attempt as the account's open one; False if another attempt is open."""
        ...

    async def find(self, account_id: UUID) -> UUID | None:
        """The account's open attempt, if any."""
        ...

    async def release(self, account_id: UUID, recovery_id: UUID) -> None:
        """Forget the claim, only if this attempt holds it."""
        ...

    async def replace(
        self, account_id: UUID, holder: UUID, recovery_id: UUID, at: datetime
    ) -> bool:
        """Hand the claim from `holder` to another attempt; False if `holder` no longer has it."""
        ...

    async def open_recoveries(self, limit: int) -> list[UUID]:
        """The open attempts, oldest first."""
        ...


class CaseFinder(Protocol):
    """Cases by receipt number."""

    async def case_with_receipt(self, receipt_number: str) -> UUID | None:
        """The case that was given this receipt number (as printed), if any."""
        ...

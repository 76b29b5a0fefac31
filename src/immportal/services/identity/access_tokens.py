"""Personal access tokens: what programs present to the JSON API instead of a session.

A token is `imp_` and 256 random bits; only its SHA-256 digest is stored, so the store
cannot hand a token back, and the holder sees it once, when it is made. Each token has a
name, scopes (what it may do), an expiry of at most a year, and may be revoked.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol
from uuid import UUID, uuid4

import structlog

from immportal.domain.actor import Role
from immportal.domain.errors import InvalidArgument
from immportal.domain.identity.account import Account
from immportal.i18n import N_
from immportal.services.identity.after_response import AfterResponse
from immportal.services.identity.retry import retrying
from immportal.services.identity.sessions import Network
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)

TOKEN_PREFIX = "imp_"  # noqa: S105 - the public prefix, so leaked tokens are recognisable
TOKEN_BYTES = 32
MAX_LIFETIME_DAYS = 365
LIFETIME_CHOICES = (30, 90, 180, 365)
NAME_LENGTH = 100
REQUESTS_PER_MINUTE = 120
"""Per token; a program that needs more is doing something a person never would."""
TOKEN_ROLES = frozenset({Role.APPLICANT, Role.REPRESENTATIVE})
"""Staff work through the portal's pages only."""
READ_CASES = "cases:read"
CHANGE_CASES = "cases:write"
UPLOAD = "documents:upload"
SCOPES = {
    READ_CASES: N_("Read cases, notices and appointments"),
    CHANGE_CASES: N_("Change cases: applications, addresses, payments, appointments"),
    UPLOAD: N_("Upload documents"),
}


def token_digest(token: str) -> bytes:
    """What the store keeps: a fast hash suffices for 256 random bits."""
    return hashlib.sha256(token.encode()).digest()


def looks_like_token(token: str) -> bool:
    """Whether a presented string has a token's shape (before any database work)."""
    return token.startswith(TOKEN_PREFIX) and 40 <= len(token) <= 80 and token.isascii()


@dataclass(frozen=True, kw_only=True)
class AccessToken:
    """A token as the account page and the API see it (never the secret itself)."""

    id: UUID
    account_id: UUID
    role: Role
    name: str
    scopes: tuple[str, ...]
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None

    def live(self, now: datetime) -> bool:
        """Neither revoked nor expired."""
        return self.revoked_at is None and now < self.expires_at


@dataclass(frozen=True)
class TokenUse:
    """One accepted use of a token: the token, whether its network is new, the minute's count."""

    token: AccessToken
    new_network: bool
    requests_this_minute: int

    @property
    def over_limit(self) -> bool:
        """Whether this request is beyond the token's rate limit."""
        return self.requests_this_minute > REQUESTS_PER_MINUTE


class AccessTokenStore(Protocol):
    """Where tokens are kept, by digest."""

    async def add(self, token: AccessToken, digest: bytes, network: Network | None) -> None:
        """Store a new token, made from `network` (so use from there is not news)."""
        ...

    async def of_account(self, account_id: UUID) -> Sequence[AccessToken]:
        """The account's tokens, newest first, revoked and expired included."""
        ...

    async def revoke(self, account_id: UUID, token_id: UUID, now: datetime) -> bool:
        """Revoke one of the account's live tokens; False if there was none."""
        ...

    async def use(self, digest: bytes, now: datetime, network: Network | None) -> TokenUse | None:
        """Record a use of the live token with this digest; None if there is none."""
        ...


def issue(
    *,
    account_id: UUID,
    role: Role,
    name: str,
    scopes: Sequence[str],
    days: int,
    now: datetime,
) -> tuple[str, AccessToken]:
    """A new token (the secret, shown once, and its record); refuses what is not allowed."""
    if role not in TOKEN_ROLES:
        raise InvalidArgument(N_("Only applicants and representatives can make tokens."))
    name = " ".join(name.split())
    if not name or len(name) > NAME_LENGTH or not name.isprintable():
        raise InvalidArgument(N_("Give the token a name of up to 100 characters."))
    chosen = tuple(scope for scope in SCOPES if scope in set(scopes))
    if not chosen or len(chosen) != len(set(scopes)):
        raise InvalidArgument(N_("Choose at least one thing the token may do."))
    if not 1 <= days <= MAX_LIFETIME_DAYS:
        raise InvalidArgument(N_("A token lasts at most one year."))
    secret = TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    token = AccessToken(
        id=uuid4(),
        account_id=account_id,
        role=role,
        name=name,
        scopes=chosen,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    return secret, token


class AccessTokens:
    """Make, list, revoke and check tokens; each change is an event on the holder's account."""

    def __init__(
        self, repository: Repository, store: AccessTokenStore, after_response: AfterResponse
    ) -> None:
        self._repository = repository
        self._store = store
        self._after = after_response

    async def create(
        self,
        *,
        account_id: UUID,
        role: Role,
        name: str,
        scopes: Sequence[str],
        days: int,
        now: datetime,
        network: Network | None,
    ) -> tuple[str, AccessToken]:
        """A new token for the account: the secret (shown once) and its record."""
        secret, token = issue(
            account_id=account_id, role=role, name=name, scopes=scopes, days=days, now=now
        )
        await self._store.add(token, token_digest(secret), network)
        await self._note(account_id, "created", token)
        log.info("access_token_created", account_id=str(account_id), token_id=str(token.id))
        return secret, token

    async def of_account(self, account_id: UUID) -> Sequence[AccessToken]:
        """The account's tokens, newest first."""
        return await self._store.of_account(account_id)

    async def revoke(self, account_id: UUID, token_id: UUID, now: datetime) -> bool:
        """Revoke one of the account's live tokens; False if there was none."""
        found = {token.id: token for token in await self._store.of_account(account_id)}
        if token_id not in found or not await self._store.revoke(account_id, token_id, now):
            return False
        await self._note(account_id, "revoked", found[token_id])
        log.info("access_token_revoked", account_id=str(account_id), token_id=str(token_id))
        return True

    async def use(self, secret: str, now: datetime, network: Network | None) -> TokenUse | None:
        """The live token a program presented, counted; None if it is not one."""
        if not looks_like_token(secret):
            return None
        used = await self._store.use(token_digest(secret), now, network)
        if used is not None and used.new_network:
            token = used.token
            # After the answer: the request does not wait for the account's history.
            self._after.run(
                lambda: self._note(token.account_id, "new_network", token),
                "access_token_new_network",
            )
        return used

    async def _note(self, account_id: UUID, change: str, token: AccessToken) -> None:
        async def attempt() -> list[int]:
            account = await self._repository.get(Account, account_id)
            account.note_access_token(account.holder, change, token.id, token.name)
            return await self._repository.save(account)

        await retrying(attempt)

"""Session policy: what a session is, how long it lives, and what stores keep of it.

The store itself is an adapter (PostgreSQL); pages and the sign-in use only what is here.
"""

from __future__ import annotations

import hashlib
import ipaddress
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol
from uuid import UUID

from immportal.domain.actor import Role

SESSION_ID_BYTES = 32
"""256 bits of randomness; the issue asks for at least 128."""
CSRF_TOKEN_BYTES = 32
APPLICANT_IDLE = timedelta(minutes=30)
STAFF_IDLE = timedelta(minutes=15)
ABSOLUTE_LIFETIME = timedelta(hours=12)
STAFF_ROLES = frozenset({Role.OFFICER, Role.SUPERVISOR, Role.AUDITOR, Role.ANALYST, Role.ADMIN})
USER_AGENT_LENGTH = 256

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def idle_timeout(role: Role | None) -> timedelta:
    """15 minutes for staff; 30 for applicants, representatives and anonymous visitors."""
    return STAFF_IDLE if role in STAFF_ROLES else APPLICANT_IDLE


def digest(session_id: str) -> bytes:
    """What the table stores instead of the id: a fast hash suffices for 256 random bits."""
    return hashlib.sha256(session_id.encode()).digest()


def approximate_place(address: str | None) -> Network | None:
    """The /24 (IPv4) or /48 (IPv6) network around an address; None if there is none."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    prefix = 24 if ip.version == 4 else 48
    return ipaddress.ip_network(f"{ip}/{prefix}", strict=False)


def utc_now(now: datetime | None = None) -> datetime:
    """The given time (tests control the clock) or the current one."""
    return now if now is not None else datetime.now(UTC)


@dataclass(frozen=True, kw_only=True)
class Session:
    """A live session as a request sees it; its id exists only in memory and the cookie."""

    id: str = field(repr=False)
    account_id: UUID | None
    role: Role | None
    created_at: datetime
    last_seen_at: datetime
    idle_timeout: timedelta
    expires_at: datetime
    csrf_token: str = field(repr=False)
    user_agent: str
    approximate_place: Network | None
    password_checked_at: datetime | None = None
    second_factor_at: datetime | None = None

    @property
    def signed_in(self) -> bool:
        """Whether both sign-in steps are done: the password, then the second factor."""
        return self.account_id is not None and None not in (
            self.password_checked_at,
            self.second_factor_at,
        )

    @property
    def idle_expires_at(self) -> datetime:
        """When the session ends if nothing more happens."""
        return min(self.last_seen_at + self.idle_timeout, self.expires_at)


@dataclass(frozen=True, kw_only=True)
class SessionInfo:
    """A session as an account's session list shows it (the table holds no ids)."""

    digest: str
    role: Role | None
    created_at: datetime
    last_seen_at: datetime
    user_agent: str
    approximate_place: Network | None


def new_session(
    *,
    account_id: UUID | None = None,
    role: Role | None = None,
    user_agent: str = "",
    client_address: str | None = None,
    now: datetime | None = None,
) -> Session:
    """A session not yet stored, with a fresh random id and CSRF token."""
    at = utc_now(now)
    return Session(
        id=secrets.token_urlsafe(SESSION_ID_BYTES),
        account_id=account_id,
        role=role,
        created_at=at,
        last_seen_at=at,
        idle_timeout=idle_timeout(role),
        expires_at=at + ABSOLUTE_LIFETIME,
        csrf_token=secrets.token_urlsafe(CSRF_TOKEN_BYTES),
        user_agent=user_agent[:USER_AGENT_LENGTH],
        approximate_place=approximate_place(client_address),
    )


class SessionStore(Protocol):
    """Where live sessions are kept: create, load and touch, rotate, revoke, list."""

    async def create(
        self,
        *,
        account_id: UUID | None = None,
        role: Role | None = None,
        user_agent: str = "",
        client_address: str | None = None,
        now: datetime | None = None,
    ) -> Session:
        """Start and store a new session."""
        ...

    async def insert(self, session: Session) -> None:
        """Store a session made elsewhere."""
        ...

    async def load(self, session_id: str, *, now: datetime | None = None) -> Session | None:
        """The live session with this id, touched; None when it has ended."""
        ...

    async def rotate(
        self,
        session_id: str,
        *,
        account_id: UUID | None,
        role: Role | None,
        now: datetime | None = None,
        password_checked_at: datetime | None = None,
        second_factor_at: datetime | None = None,
    ) -> Session | None:
        """The same session under a new id, for this account, role and sign-in progress."""
        ...

    async def hold_recovery_codes(
        self, session_id: str, sealed: bytes | None, *, now: datetime | None = None
    ) -> None:
        """Keep sealed recovery codes with the session until they have been shown."""
        ...

    async def held_recovery_codes(
        self, session_id: str, *, now: datetime | None = None
    ) -> bytes | None:
        """The sealed recovery codes the session holds, if any."""
        ...

    async def revoke(self, session_id: str, *, now: datetime | None = None) -> bool:
        """End one session; whether it was live."""
        ...

    async def revoke_listed(
        self, account_id: UUID, id_digest: bytes, *, now: datetime | None = None
    ) -> bool:
        """End one of an account's sessions picked from its list."""
        ...

    async def revoke_all_for_account(
        self, account_id: UUID, *, except_id: str | None = None, now: datetime | None = None
    ) -> int:
        """End every session of an account but one; how many ended."""
        ...

    async def list_for_account(
        self, account_id: UUID, *, now: datetime | None = None
    ) -> Sequence[SessionInfo]:
        """An account's live sessions, newest first."""
        ...

    async def mark_reauthenticated(self, session_id: str, *, now: datetime | None = None) -> bool:
        """Record that the person has just proven both factors again."""
        ...

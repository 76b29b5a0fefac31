"""Server-side sessions in PostgreSQL, keyed by the SHA-256 digest of their opaque id."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.domain.actor import Role
from immportal.services.identity.sessions import (
    ABSOLUTE_LIFETIME,
    CSRF_TOKEN_BYTES,
    SESSION_ID_BYTES,
    Session,
    SessionInfo,
    digest,
    idle_timeout,
    new_session,
    utc_now,
)

_COLUMNS = (
    "account_id, role, created_at, last_seen_at, idle_timeout_seconds, expires_at,"
    " csrf_token, user_agent, approximate_place, password_checked_at, second_factor_at"
)
# A session is live until revoked, idle too long, or past its absolute expiry; $2 is now.
_LIVE = (
    "revoked_at IS NULL AND expires_at > $2"
    " AND last_seen_at + make_interval(secs => idle_timeout_seconds) > $2"
)
# Re-key a live session in one statement. Signing in (the account changes) restarts
# the absolute lifetime; a second factor for the same account keeps it.
_ROTATE = f"""
WITH old AS (DELETE FROM sessions WHERE id_digest = $1 AND {_LIVE} RETURNING *)
INSERT INTO sessions (id_digest, {_COLUMNS})
SELECT $3, $4, $5,
       CASE WHEN old.account_id IS NOT DISTINCT FROM $4 THEN old.created_at ELSE $2 END,
       $2, $6,
       CASE WHEN old.account_id IS NOT DISTINCT FROM $4 THEN old.expires_at ELSE $7 END,
       $10, old.user_agent, old.approximate_place, $8::timestamptz, $9::timestamptz
FROM old
RETURNING {_COLUMNS}
"""


def _session(session_id: str, row: asyncpg.Record) -> Session:
    return Session(
        id=session_id,
        account_id=row["account_id"],
        role=Role(row["role"]) if row["role"] is not None else None,
        created_at=row["created_at"],
        last_seen_at=row["last_seen_at"],
        idle_timeout=timedelta(seconds=row["idle_timeout_seconds"]),
        expires_at=row["expires_at"],
        csrf_token=row["csrf_token"],
        user_agent=row["user_agent"],
        approximate_place=row["approximate_place"],
        password_checked_at=row["password_checked_at"],
        second_factor_at=row["second_factor_at"],
    )


class PostgresSessionStore:
    """Sessions in the `sessions` table: create, load and touch, rotate, revoke, list."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

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
        session = new_session(
            account_id=account_id,
            role=role,
            user_agent=user_agent,
            client_address=client_address,
            now=now,
        )
        await self.insert(session)
        return session

    async def insert(self, session: Session) -> None:
        """Store a session built by `new_session`."""
        with map_db_errors():
            await self._pool.execute(
                f"INSERT INTO sessions (id_digest, {_COLUMNS})"
                " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                digest(session.id),
                session.account_id,
                session.role,
                session.created_at,
                session.last_seen_at,
                int(session.idle_timeout.total_seconds()),
                session.expires_at,
                session.csrf_token,
                session.user_agent,
                session.approximate_place,
                session.password_checked_at,
                session.second_factor_at,
            )

    async def load(self, session_id: str, *, now: datetime | None = None) -> Session | None:
        """The live session with this id, marked as seen now; None if unknown or ended."""
        with map_db_errors():
            row = await self._pool.fetchrow(
                "UPDATE sessions SET last_seen_at = GREATEST(last_seen_at, $2)"
                f" WHERE id_digest = $1 AND {_LIVE} RETURNING {_COLUMNS}",
                digest(session_id),
                utc_now(now),
            )
        return None if row is None else _session(session_id, row)

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
        """The same session under a new id, for this account, role and sign-in progress.

        None if it had ended. Held recovery codes are dropped: they were sealed for the old id.
        The CSRF token is new too: a token seen before a privilege change (on a shared
        computer, in a page's source) must not work after it.
        """
        at = utc_now(now)
        new_id = secrets.token_urlsafe(SESSION_ID_BYTES)
        with map_db_errors():
            row = await self._pool.fetchrow(
                _ROTATE,
                digest(session_id),
                at,
                digest(new_id),
                account_id,
                role,
                int(idle_timeout(role).total_seconds()),
                at + ABSOLUTE_LIFETIME,
                password_checked_at,
                second_factor_at,
                secrets.token_urlsafe(CSRF_TOKEN_BYTES),
            )
        return None if row is None else _session(new_id, row)

    async def hold_recovery_codes(
        self, session_id: str, sealed: bytes | None, *, now: datetime | None = None
    ) -> None:
        """Keep sealed new recovery codes with a live session (None drops them)."""
        with map_db_errors():
            await self._pool.execute(
                f"UPDATE sessions SET sealed_recovery_codes = $3 WHERE id_digest = $1 AND {_LIVE}",
                digest(session_id),
                utc_now(now),
                sealed,
            )

    async def held_recovery_codes(
        self, session_id: str, *, now: datetime | None = None
    ) -> bytes | None:
        """The sealed recovery codes a live session holds, if any."""
        with map_db_errors():
            sealed: bytes | None = await self._pool.fetchval(
                f"SELECT sealed_recovery_codes FROM sessions WHERE id_digest = $1 AND {_LIVE}",
                digest(session_id),
                utc_now(now),
            )
        return sealed

    async def revoke(self, session_id: str, *, now: datetime | None = None) -> bool:
        """End one session (sign out); False if it had already ended."""
        with map_db_errors():
            status = await self._pool.execute(
                "UPDATE sessions SET revoked_at = $2 WHERE id_digest = $1 AND revoked_at IS NULL",
                digest(session_id),
                utc_now(now),
            )
        return status == "UPDATE 1"

    async def revoke_listed(
        self, account_id: UUID, id_digest: bytes, *, now: datetime | None = None
    ) -> bool:
        """End a session known by its digest (as pages list them), only if it is the account's."""
        with map_db_errors():
            status = await self._pool.execute(
                "UPDATE sessions SET revoked_at = $3"
                " WHERE id_digest = $1 AND account_id = $2 AND revoked_at IS NULL",
                id_digest,
                account_id,
                utc_now(now),
            )
        return status == "UPDATE 1"

    async def revoke_all_for_account(
        self, account_id: UUID, *, except_id: str | None = None, now: datetime | None = None
    ) -> int:
        """End every session of an account, but perhaps the current one; how many ended."""
        with map_db_errors():
            status = await self._pool.execute(
                "UPDATE sessions SET revoked_at = $2"
                " WHERE account_id = $1 AND revoked_at IS NULL"
                " AND ($3::bytea IS NULL OR id_digest <> $3)",
                account_id,
                utc_now(now),
                digest(except_id) if except_id is not None else None,
            )
        return int(status.rsplit(" ", 1)[-1])

    async def list_for_account(
        self, account_id: UUID, *, now: datetime | None = None
    ) -> list[SessionInfo]:
        """The account's live sessions, most recently seen first."""
        with map_db_errors():
            rows = await self._pool.fetch(
                "SELECT id_digest, role, created_at, last_seen_at, user_agent, approximate_place"
                f" FROM sessions WHERE account_id = $1 AND {_LIVE} ORDER BY last_seen_at DESC",
                account_id,
                utc_now(now),
            )
        return [
            SessionInfo(
                digest=row["id_digest"].hex(),
                role=Role(row["role"]) if row["role"] is not None else None,
                created_at=row["created_at"],
                last_seen_at=row["last_seen_at"],
                user_agent=row["user_agent"],
                approximate_place=row["approximate_place"],
            )
            for row in rows
        ]

    async def purge_ended(self, *, now: datetime | None = None) -> int:
        """Delete sessions that can never load again; how many went."""
        with map_db_errors():
            status = await self._pool.execute(
                "DELETE FROM sessions WHERE revoked_at IS NOT NULL OR expires_at <= $1"
                " OR last_seen_at + make_interval(secs => idle_timeout_seconds) <= $1",
                utc_now(now),
            )
        return int(status.rsplit(" ", 1)[-1])

    async def mark_reauthenticated(self, session_id: str, *, now: datetime | None = None) -> bool:
        """Record that the password and a code were just checked again; False if it had ended.

        The session's CSRF token is replaced, as at every change of privilege.
        """
        with map_db_errors():
            status = await self._pool.execute(
                "UPDATE sessions SET password_checked_at = $2, second_factor_at = $2,"
                f" csrf_token = $3 WHERE id_digest = $1 AND {_LIVE}",
                digest(session_id),
                utc_now(now),
                secrets.token_urlsafe(CSRF_TOKEN_BYTES),
            )
        return status == "UPDATE 1"

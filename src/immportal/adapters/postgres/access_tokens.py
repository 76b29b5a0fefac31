"""Personal access tokens in PostgreSQL, keyed by the SHA-256 digest of the token."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.domain.actor import Role
from immportal.services.identity.access_tokens import AccessToken, TokenUse
from immportal.services.identity.sessions import Network

_COLUMNS = "id, account_id, role, name, scopes, created_at, expires_at, last_used_at, revoked_at"
# One statement per use: mark it used, count it in the current minute's window, and add
# its network; `old` keeps the networks seen before, to tell whether this one is new.
_USE = f"""
WITH old AS (
    SELECT id, networks FROM personal_access_tokens
    WHERE digest = $1 AND revoked_at IS NULL AND expires_at > $2
    FOR UPDATE
)
UPDATE personal_access_tokens AS t SET
    last_used_at = $2,
    window_count = CASE WHEN t.window_started_at > $2 - interval '1 minute'
                        THEN t.window_count + 1 ELSE 1 END,
    window_started_at = CASE WHEN t.window_started_at > $2 - interval '1 minute'
                             THEN t.window_started_at ELSE $2 END,
    networks = CASE WHEN $3::cidr IS NULL OR $3::cidr = ANY(old.networks) THEN old.networks
                    ELSE (old.networks || $3::cidr)[greatest(1, cardinality(old.networks) - 30):]
               END
FROM old WHERE t.id = old.id
RETURNING {", ".join("t." + column for column in _COLUMNS.split(", "))}, t.window_count,
    $3::cidr IS NOT NULL AND NOT ($3::cidr = ANY(old.networks)) AS new_network
"""


def _token(row: asyncpg.Record) -> AccessToken:
    return AccessToken(
        id=row["id"],
        account_id=row["account_id"],
        role=Role(row["role"]),
        name=row["name"],
        scopes=tuple(row["scopes"]),
        created_at=row["created_at"],
        expires_at=row["expires_at"],
        last_used_at=row["last_used_at"],
        revoked_at=row["revoked_at"],
    )


class PostgresAccessTokens:
    """The `personal_access_tokens` table: add, list, revoke, and use by digest."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def add(self, token: AccessToken, digest: bytes, network: Network | None) -> None:
        """Store a new token (its digest only), made from `network`."""
        with map_db_errors():
            await self._pool.execute(
                "INSERT INTO personal_access_tokens"
                " (id, account_id, role, name, scopes, created_at, expires_at, digest, networks)"
                " VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
                " CASE WHEN $9::cidr IS NULL THEN '{}'::cidr[] ELSE ARRAY[$9::cidr] END)",
                token.id,
                token.account_id,
                token.role.value,
                token.name,
                list(token.scopes),
                token.created_at,
                token.expires_at,
                digest,
                network,
            )

    async def of_account(self, account_id: UUID) -> Sequence[AccessToken]:
        """The account's tokens, newest first."""
        with map_db_errors():
            rows = await self._pool.fetch(
                f"SELECT {_COLUMNS} FROM personal_access_tokens WHERE account_id = $1"
                " ORDER BY created_at DESC, id",
                account_id,
            )
        return [_token(row) for row in rows]

    async def revoke(self, account_id: UUID, token_id: UUID, now: datetime) -> bool:
        """Revoke one of the account's live tokens."""
        with map_db_errors():
            done = await self._pool.fetchval(
                "UPDATE personal_access_tokens SET revoked_at = $3"
                " WHERE id = $1 AND account_id = $2 AND revoked_at IS NULL RETURNING id",
                token_id,
                account_id,
                now,
            )
        return done is not None

    async def use(self, digest: bytes, now: datetime, network: Network | None) -> TokenUse | None:
        """Record a use of the live token with this digest."""
        with map_db_errors():
            row = await self._pool.fetchrow(_USE, digest, now, network)
        if row is None:
            return None
        return TokenUse(_token(row), bool(row["new_network"]), int(row["window_count"]))

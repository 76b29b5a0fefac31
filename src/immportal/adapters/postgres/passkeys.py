"""Passkeys (WebAuthn credentials) and ceremony challenges in PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.services.identity.passkeys import Passkey

_COLUMNS = (
    "credential_id, account_id, public_key, sign_count, transports, aaguid, name,"
    " created_at, last_used_at"
)


def _passkey(row: asyncpg.Record) -> Passkey:
    return Passkey(
        credential_id=bytes(row["credential_id"]),
        account_id=row["account_id"],
        public_key=bytes(row["public_key"]),
        sign_count=row["sign_count"],
        transports=tuple(row["transports"]),
        aaguid=row["aaguid"],
        name=row["name"],
        created_at=row["created_at"],
        last_used_at=row["last_used_at"],
    )


class PostgresPasskeys:
    """The `passkeys` and `webauthn_challenges` tables."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def add(self, passkey: Passkey) -> None:
        """Store a new credential."""
        with map_db_errors():
            await self._pool.execute(
                f"INSERT INTO passkeys ({_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                passkey.credential_id,
                passkey.account_id,
                passkey.public_key,
                passkey.sign_count,
                list(passkey.transports),
                passkey.aaguid,
                passkey.name,
                passkey.created_at,
                passkey.last_used_at,
            )

    async def of_account(self, account_id: UUID) -> Sequence[Passkey]:
        """The account's credentials, oldest first."""
        with map_db_errors():
            rows = await self._pool.fetch(
                f"SELECT {_COLUMNS} FROM passkeys WHERE account_id = $1"
                " ORDER BY created_at, credential_id",
                account_id,
            )
        return [_passkey(row) for row in rows]

    async def find(self, credential_id: bytes) -> Passkey | None:
        """The credential with this id."""
        with map_db_errors():
            row = await self._pool.fetchrow(
                f"SELECT {_COLUMNS} FROM passkeys WHERE credential_id = $1", credential_id
            )
        return None if row is None else _passkey(row)

    async def used(self, credential_id: bytes, sign_count: int, now: datetime) -> bool:
        """Record a use; a counter of 0 means the authenticator keeps none."""
        with map_db_errors():
            done = await self._pool.fetchval(
                "UPDATE passkeys SET sign_count = $2, last_used_at = $3 WHERE credential_id = $1"
                " AND (($2 = 0 AND sign_count = 0) OR $2 > sign_count) RETURNING 1",
                credential_id,
                sign_count,
                now,
            )
        return done is not None

    async def rename(self, account_id: UUID, credential_id: bytes, name: str) -> bool:
        """Rename one of the account's credentials."""
        with map_db_errors():
            done = await self._pool.fetchval(
                "UPDATE passkeys SET name = $3 WHERE credential_id = $1 AND account_id = $2"
                " RETURNING 1",
                credential_id,
                account_id,
                name,
            )
        return done is not None

    async def remove(self, account_id: UUID, credential_id: bytes) -> bool:
        """Remove one of the account's credentials."""
        with map_db_errors():
            done = await self._pool.fetchval(
                "DELETE FROM passkeys WHERE credential_id = $1 AND account_id = $2 RETURNING 1",
                credential_id,
                account_id,
            )
        return done is not None

    async def put_challenge(
        self,
        session: bytes,
        purpose: str,
        challenge: bytes,
        account_id: UUID | None,
        until: datetime,
    ) -> None:
        """Keep the ceremony's challenge, replacing the session's earlier one."""
        with map_db_errors():
            await self._pool.execute(
                "INSERT INTO webauthn_challenges"
                " (session_digest, purpose, challenge, account_id, expires_at)"
                " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (session_digest, purpose) DO UPDATE"
                " SET challenge = $3, account_id = $4, expires_at = $5",
                session,
                purpose,
                challenge,
                account_id,
                until,
            )

    async def take_challenge(
        self, session: bytes, purpose: str, now: datetime
    ) -> tuple[bytes, UUID | None] | None:
        """The live challenge, deleted as it is read (single use)."""
        with map_db_errors():
            row = await self._pool.fetchrow(
                "DELETE FROM webauthn_challenges WHERE session_digest = $1 AND purpose = $2"
                " RETURNING challenge, account_id, expires_at",
                session,
                purpose,
            )
        if row is None or row["expires_at"] <= now:
            return None
        return bytes(row["challenge"]), row["account_id"]

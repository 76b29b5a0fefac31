"""The PostgreSQL record of idempotent requests: claimed, then completed or released."""

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.services.idempotency import Recorded


class PostgresIdempotentRequests:
    """Claims keys atomically (the primary key decides a race) and keeps first outcomes."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def claim(self, scope: str, key: str, fingerprint: bytes) -> Recorded | None:
        """Claim the key for this request (None); or what an earlier request recorded."""
        with map_db_errors():
            claimed = await self._pool.fetchval(
                "INSERT INTO idempotent_requests (scope, key, fingerprint) VALUES ($1, $2, $3)"
                " ON CONFLICT (scope, key) DO UPDATE"
                " SET fingerprint = EXCLUDED.fingerprint, created_at = now()"
                # A claim whose request died without an answer (its process killed) lapses.
                " WHERE idempotent_requests.status IS NULL"
                " AND idempotent_requests.created_at < now() - interval '2 minutes'"
                " RETURNING true",
                scope,
                key,
                fingerprint,
            )
            if claimed:
                return None
            row = await self._pool.fetchrow(
                "SELECT fingerprint, status, location, content_type, body"
                " FROM idempotent_requests WHERE scope = $1 AND key = $2",
                scope,
                key,
            )
        if row is None:  # released between the two statements: try again as new
            return await self.claim(scope, key, fingerprint)
        return Recorded(
            bytes(row["fingerprint"]),
            row["status"],
            row["location"],
            row["content_type"],
            None if row["body"] is None else bytes(row["body"]),
        )

    async def complete(
        self,
        scope: str,
        key: str,
        status: int,
        location: str | None,
        content_type: str | None,
        body: bytes | None,
    ) -> None:
        """Keep the first request's answer for its retries."""
        with map_db_errors():
            await self._pool.execute(
                "UPDATE idempotent_requests SET status = $3, location = $4, content_type = $5,"
                " body = $6 WHERE scope = $1 AND key = $2",
                scope,
                key,
                status,
                location,
                content_type,
                body,
            )

    async def release(self, scope: str, key: str) -> None:
        """Forget a claim whose request changed nothing (refused, failed): a retry runs anew."""
        with map_db_errors():
            await self._pool.execute(
                "DELETE FROM idempotent_requests WHERE scope = $1 AND key = $2", scope, key
            )

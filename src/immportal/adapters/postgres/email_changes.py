"""What each change-email link stands for (the new address), in PostgreSQL."""

from __future__ import annotations

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.services.identity.email_change import RequestedChange


class PostgresEmailChanges:
    """The EmailChanges port on the `email_changes` table, keyed by the link's digest."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def add(self, digest: str, change: RequestedChange) -> None:
        """Remember the change a newly issued link stands for."""
        with map_db_errors():
            await self._pool.execute(
                "INSERT INTO email_changes (digest, account_id, email, requested_at_version)"
                " VALUES ($1, $2, $3, $4)",
                digest,
                change.account_id,
                change.email,
                change.requested_at_version,
            )

    async def get(self, digest: str) -> RequestedChange | None:
        """The change a link stands for, if it was one."""
        with map_db_errors():
            row = await self._pool.fetchrow(
                "SELECT account_id, email, requested_at_version FROM email_changes"
                " WHERE digest = $1",
                digest,
            )
        if row is None:
            return None
        return RequestedChange(row["account_id"], row["email"], row["requested_at_version"])

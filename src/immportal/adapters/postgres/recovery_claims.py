"""Which recovery attempt is open for each account, in PostgreSQL: at most one per account."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors

# As for email addresses: the second SELECT sees the row already there, so claiming
# again for the same attempt answers True and a claim by another attempt answers False.
_CLAIM = """
WITH claimed AS (
  INSERT INTO account_recovery_claims (account_id, recovery_id, claimed_at) VALUES ($1, $2, $3)
  ON CONFLICT DO NOTHING
  RETURNING recovery_id
)
SELECT recovery_id FROM claimed
UNION ALL
SELECT recovery_id FROM account_recovery_claims WHERE account_id = $1
LIMIT 1
"""


class PostgresRecoveryClaims:
    """The RecoveryClaims port on the `account_recovery_claims` table."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def claim(self, account_id: UUID, recovery_id: UUID, at: datetime) -> bool:
        """Mark the attempt as the account's open one; False if another attempt is open."""
        with map_db_errors():
            holder = await self._pool.fetchval(_CLAIM, account_id, recovery_id, at)
        return bool(holder == recovery_id)

    async def find(self, account_id: UUID) -> UUID | None:
        """The account's open attempt, if any."""
        with map_db_errors():
            found: UUID | None = await self._pool.fetchval(
                "SELECT recovery_id FROM account_recovery_claims WHERE account_id = $1",
                account_id,
            )
        return found

    async def release(self, account_id: UUID, recovery_id: UUID) -> None:
        """Forget the claim, only if this attempt holds it."""
        with map_db_errors():
            await self._pool.execute(
                "DELETE FROM account_recovery_claims WHERE account_id = $1 AND recovery_id = $2",
                account_id,
                recovery_id,
            )

    async def replace(
        self, account_id: UUID, holder: UUID, recovery_id: UUID, at: datetime
    ) -> bool:
        """Hand the claim from `holder` to another attempt; False if `holder` no longer has it."""
        # Delete then insert in one transaction: the app's role may not UPDATE the table.
        with map_db_errors():
            async with self._pool.acquire() as connection, connection.transaction():
                released = await connection.fetchval(
                    "DELETE FROM account_recovery_claims"
                    " WHERE account_id = $1 AND recovery_id = $2 RETURNING recovery_id",
                    account_id,
                    holder,
                )
                if released is None:
                    return False
                await connection.execute(
                    "INSERT INTO account_recovery_claims (account_id, recovery_id, claimed_at)"
                    " VALUES ($1, $2, $3)",
                    account_id,
                    recovery_id,
                    at,
                )
        return True

    async def open_recoveries(self, limit: int) -> list[UUID]:
        """The open attempts, oldest first."""
        with map_db_errors():
            rows = await self._pool.fetch(
                "SELECT recovery_id FROM account_recovery_claims ORDER BY claimed_at LIMIT $1",
                limit,
            )
        return [row["recovery_id"] for row in rows]

"""The email index in PostgreSQL: one row per address, so one address holds one account."""

from __future__ import annotations

from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors

# ON CONFLICT without a target covers both keys: the address and the account. The
# second SELECT reads the statement's snapshot, so a claim of the same address by
# the same account again answers True, as the in-memory index does.
_CLAIM = """
WITH claimed AS (
  INSERT INTO account_emails (email_key, account_id) VALUES ($1, $2)
  ON CONFLICT DO NOTHING
  RETURNING account_id
)
SELECT account_id FROM claimed
UNION ALL
SELECT account_id FROM account_emails WHERE email_key = $1
LIMIT 1
"""


class PostgresEmailIndex:
    """The EmailIndex port on the `account_emails` table."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def claim(self, email_key: str, account_id: UUID) -> bool:
        """Reserve the address for the account; False if another account holds it."""
        with map_db_errors():
            holder = await self._pool.fetchval(_CLAIM, email_key, account_id)
        return bool(holder == account_id)

    async def find(self, email_key: str) -> UUID | None:
        """The account holding the address, if any."""
        with map_db_errors():
            holder: UUID | None = await self._pool.fetchval(
                "SELECT account_id FROM account_emails WHERE email_key = $1", email_key
            )
        return holder

    async def release(self, email_key: str, account_id: UUID) -> None:
        """Give the address up, only if this account holds it."""
        with map_db_errors():
            await self._pool.execute(
                "DELETE FROM account_emails WHERE email_key = $1 AND account_id = $2",
                email_key,
                account_id,
            )

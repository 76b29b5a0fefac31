"""The email index in PostgreSQL: one row per address, so one address holds one account.

A row with `reserved_until` is a reservation for a change of address in progress: it
keeps the address from every other account until then, but nobody signs in with it.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors

# ON CONFLICT without a target covers every unique index: the address, and the one held
# address per account. The second SELECT reads the statement's snapshot, so a claim of
# the same address by the same account again answers True, as the in-memory index does.
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
# A lapsed reservation is deleted before a claim, in its own statement: a row deleted in
# the claim's own snapshot would still stand in the way of its insert.
_DROP_LAPSED = (
    "DELETE FROM account_emails WHERE email_key = $1 AND reserved_until IS NOT NULL"
    " AND reserved_until <= now()"
)
# The same account asking again extends its reservation; anyone else's row wins.
_RESERVE = """
INSERT INTO account_emails AS e (email_key, account_id, reserved_until) VALUES ($1, $2, $3)
ON CONFLICT (email_key) DO UPDATE
  SET reserved_until = GREATEST(e.reserved_until, EXCLUDED.reserved_until)
  WHERE e.account_id = EXCLUDED.account_id AND e.reserved_until IS NOT NULL
RETURNING account_id
"""
_KEEP = """
UPDATE account_emails SET reserved_until = 'infinity'
WHERE email_key = $1 AND account_id = $2 AND reserved_until IS NOT NULL
RETURNING account_id
"""


class PostgresEmailIndex:
    """The EmailIndex port on the `account_emails` table, with reservations for changes."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def claim(self, email_key: str, account_id: UUID) -> bool:
        """Reserve the address for the account; False if another account holds it."""
        with map_db_errors():
            async with self._pool.acquire() as conn:
                await conn.execute(_DROP_LAPSED, email_key)
                holder = await conn.fetchval(_CLAIM, email_key, account_id)
        return bool(holder == account_id)

    async def find(self, email_key: str) -> UUID | None:
        """The account holding the address, if any (reservations do not count)."""
        with map_db_errors():
            holder: UUID | None = await self._pool.fetchval(
                "SELECT account_id FROM account_emails"
                " WHERE email_key = $1 AND reserved_until IS NULL",
                email_key,
            )
        return holder

    async def release(self, email_key: str, account_id: UUID) -> None:
        """Give the address (or a reservation of it) up, only if this account holds it."""
        with map_db_errors():
            await self._pool.execute(
                "DELETE FROM account_emails WHERE email_key = $1 AND account_id = $2",
                email_key,
                account_id,
            )

    async def reserve(self, email_key: str, account_id: UUID, until: datetime) -> bool:
        """Keep a new address for the account until then; False if another account has it.

        The unique address key settles a race with a registration or another account's
        change: exactly one of them gets the row.
        """
        with map_db_errors():
            async with self._pool.acquire() as conn:
                await conn.execute(_DROP_LAPSED, email_key)
                holder = await conn.fetchval(_RESERVE, email_key, account_id, until)
        return bool(holder == account_id)

    async def keep(self, email_key: str, account_id: UUID) -> bool:
        """Make the account's reservation of the address last until it is moved or released.

        False if the account no longer has the reservation (it lapsed and was taken).
        """
        with map_db_errors():
            kept = await self._pool.fetchval(_KEEP, email_key, account_id)
        return kept is not None

    async def move(self, account_id: UUID, email_key: str) -> bool:
        """Make the reserved address the account's own; its other rows go. Safe to repeat.

        False, changing nothing, if the account has no row for the address.
        """
        with map_db_errors():
            async with self._pool.acquire() as conn, conn.transaction():
                found = await conn.fetchval(
                    "SELECT account_id FROM account_emails"
                    " WHERE account_id = $1 AND email_key = $2 FOR UPDATE",
                    account_id,
                    email_key,
                )
                if found is None:
                    return False
                # Deleted first: one held address per account holds at every statement.
                await conn.execute(
                    "DELETE FROM account_emails WHERE account_id = $1 AND email_key <> $2",
                    account_id,
                    email_key,
                )
                await conn.execute(
                    "UPDATE account_emails SET reserved_until = NULL"
                    " WHERE account_id = $1 AND email_key = $2",
                    account_id,
                    email_key,
                )
        return True

    async def unreserve(self, email_key: str, account_id: UUID) -> None:
        """Drop the account's reservation of the address; an address it holds stays."""
        with map_db_errors():
            await self._pool.execute(
                "DELETE FROM account_emails WHERE email_key = $1 AND account_id = $2"
                " AND reserved_until IS NOT NULL",
                email_key,
                account_id,
            )

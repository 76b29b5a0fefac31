"""Public lookups per client address, counted in PostgreSQL.

The case-status lookup counts in `status_lookups`; the document check (/verify) and the
share-code check count in tables of the same shape, each with its own allowance.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from ipaddress import ip_address

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.adapters.postgres.sign_in_limits import window_start
from immportal.services.cases.ports import LookupAllowance

LOOKUPS_PER_WINDOW = 20
"""How many receipt numbers one address may look up per window."""
WINDOW = timedelta(minutes=10)

# One statement, as for failed sign-ins: count the lookup in the address's current window
# and drop its ended windows. Concurrent lookups serialise on the row; none is lost.
_RECORD = """
WITH ended AS (
  DELETE FROM {table} WHERE address = $1 AND window_start < $2
)
INSERT INTO {table} AS l (address, window_start, lookups) VALUES ($1, $2, 1)
ON CONFLICT (address, window_start) DO UPDATE SET lookups = l.lookups + 1
RETURNING lookups
"""
TABLES = frozenset({"status_lookups", "document_lookups", "share_code_checks"})


class PostgresLookupLimits:
    """At most `limit` lookups per client address per window."""

    def __init__(
        self,
        pool: asyncpg.Pool,
        *,
        limit: int | None = None,
        window: timedelta = WINDOW,
        table: str = "status_lookups",
    ) -> None:
        if table not in TABLES:
            raise ValueError(f"{table!r} is not a table of lookups")
        self._pool = pool
        self._sql = _RECORD.format(table=table)
        # Read at construction, not at import, so a test can lower the module default.
        self._limit = LOOKUPS_PER_WINDOW if limit is None else limit
        self._window = window

    async def record(self, address: str | None, now: datetime) -> LookupAllowance:
        """Count one lookup from the address; refused once the window's limit is passed."""
        if address is None:
            return LookupAllowance(True)  # a Unix socket: nothing to count by
        try:
            client = ip_address(address)
        except ValueError:
            return LookupAllowance(True)
        start = window_start(now, self._window)
        with map_db_errors():
            count: int = await self._pool.fetchval(self._sql, str(client), start)
        if count <= self._limit:
            return LookupAllowance(True)
        left = (start + self._window - now).total_seconds()
        return LookupAllowance(False, max(1, int(left) + 1))

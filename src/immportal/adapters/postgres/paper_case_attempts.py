"""Attempts to add a paper case, counted per account and per network in PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.adapters.postgres.sign_in_limits import window_start
from immportal.services.cases.ports import LookupAllowance

WINDOW = timedelta(hours=1)

# One statement, as for the status lookups: count the attempt in the subject's current
# window and drop its ended windows. Concurrent attempts serialise on the row.
_RECORD = """
WITH ended AS (
  DELETE FROM paper_case_attempts WHERE subject = $1 AND window_start < $2
)
INSERT INTO paper_case_attempts AS a (subject, window_start, attempts) VALUES ($1, $2, 1)
ON CONFLICT (subject, window_start) DO UPDATE SET attempts = a.attempts + 1
RETURNING attempts
"""


class PostgresAttemptLimits:
    """At most `limit` attempts per subject per window."""

    def __init__(self, pool: asyncpg.Pool, *, limit: int, window: timedelta = WINDOW) -> None:
        self._pool, self._limit, self._window = pool, limit, window

    async def record(self, subject: str, now: datetime) -> LookupAllowance:
        """Count one attempt; refused, with the seconds to wait, once past the limit."""
        start = window_start(now, self._window)
        with map_db_errors():
            count: int = await self._pool.fetchval(_RECORD, subject, start)
        if count <= self._limit:
            return LookupAllowance(True)
        left = (start + self._window - now).total_seconds()
        return LookupAllowance(False, max(1, int(left) + 1))

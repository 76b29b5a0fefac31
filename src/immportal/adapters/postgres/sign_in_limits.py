"""Failed sign-ins per client network, and the claims on delay notices, in PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.services.identity.sessions import Network, approximate_place

FAILURES_PER_WINDOW = 50
"""How many failed sign-ins one network may make per window before sign-in refuses it."""
WINDOW = timedelta(minutes=15)

# One statement: count the failure in the network's current window (a new row or one
# more), dropping the network's ended windows on the way. Concurrent failures serialise
# on the row's lock, so each gets its own count and none is lost.
_RECORD = """
WITH ended AS (
  DELETE FROM sign_in_failures WHERE network = $1 AND window_start < $2
)
INSERT INTO sign_in_failures AS f (network, window_start, failures) VALUES ($1, $2, 1)
ON CONFLICT (network, window_start) DO UPDATE SET failures = f.failures + 1
RETURNING failures
"""

# Claim the right to send a delay notice: no notice yet, or the last one sent on or
# before $3. Racing requests serialise on the row; only one gets a row back.
_CLAIM_NOTICE = """
INSERT INTO sign_in_lock_notices AS n (account_id, sent_at) VALUES ($1, $2)
ON CONFLICT (account_id) DO UPDATE SET sent_at = EXCLUDED.sent_at WHERE n.sent_at <= $3
RETURNING account_id
"""


def window_start(now: datetime, window: timedelta = WINDOW) -> datetime:
    """The start of the fixed window holding `now` (windows are aligned on the Unix epoch)."""
    seconds = int(window.total_seconds())
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, UTC)


class PostgresSignInLimits:
    """At most `limit` failed sign-ins per client network (/24 or /48) per window."""

    def __init__(
        self, pool: asyncpg.Pool, *, limit: int | None = None, window: timedelta = WINDOW
    ) -> None:
        self._pool = pool
        self._given_limit = limit
        self._window = window

    @property
    def _limit(self) -> int:
        # The module default is read at each use, not at construction: the composition root
        # builds this once at start, and tests lower the default after that.
        return FAILURES_PER_WINDOW if self._given_limit is None else self._given_limit

    async def failures(self, network: Network, now: datetime) -> int:
        """The failed sign-ins counted for the network in the window holding `now`."""
        with map_db_errors():
            count: int | None = await self._pool.fetchval(
                "SELECT failures FROM sign_in_failures WHERE network = $1 AND window_start = $2",
                network,
                window_start(now, self._window),
            )
        return count or 0

    async def blocked(self, address: str | None, now: datetime) -> bool:
        """Whether the client's network has used up its failures for this window."""
        network = approximate_place(address)
        if network is None:  # no IP address (a Unix socket): nothing to count by
            return False
        return await self.failures(network, now) >= self._limit

    async def record_failure(self, address: str | None, now: datetime) -> int:
        """Count one failed sign-in for the client's network; the window's count so far."""
        network = approximate_place(address)
        if network is None:
            return 0
        with map_db_errors():
            count: int = await self._pool.fetchval(
                _RECORD, network, window_start(now, self._window)
            )
        return count

    async def purge(self, now: datetime) -> int:
        """Delete every ended window; how many rows went."""
        with map_db_errors():
            status = await self._pool.execute(
                "DELETE FROM sign_in_failures WHERE window_start < $1",
                window_start(now, self._window),
            )
        return int(status.rsplit(" ", 1)[-1])


class PostgresNoticeClaims:
    """The NoticeClaims port on the `sign_in_lock_notices` table."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def claim(self, account_id: UUID, now: datetime, *, unless_sent_after: datetime) -> bool:
        """Record a notice sent now unless one went after `unless_sent_after`; whether it did."""
        with map_db_errors():
            row = await self._pool.fetchval(_CLAIM_NOTICE, account_id, now, unless_sent_after)
        return row is not None

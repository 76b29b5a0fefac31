"""Mails sent on request, counted per address and per client network in PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.adapters.postgres.password_guesses import address_digest
from immportal.adapters.postgres.sign_in_limits import window_start
from immportal.services.identity.sessions import approximate_place

MAILS_PER_ADDRESS = 5
"""Reset, confirmation and account-exists mails one address may be sent per window."""
MAILS_PER_NETWORK = 20
"""Such mails that may be asked for from one network (/24 or /48) per window."""
WINDOW = timedelta(hours=1)

# Count the request in its key's current window and drop the key's ended windows, in one
# statement; concurrent requests serialise on the row and each gets its own count.
_RECORD = """
WITH ended AS (
  DELETE FROM mail_requests WHERE scope = $1 AND key = $2 AND window_start < $3
)
INSERT INTO mail_requests AS m (scope, key, window_start, sent) VALUES ($1, $2, $3, 1)
ON CONFLICT (scope, key, window_start) DO UPDATE SET sent = m.sent + 1
RETURNING sent
"""


class PostgresMailLimits:
    """The MailAllowance port: at most so many mails per address and per network per window."""

    def __init__(
        self,
        pool: asyncpg.Pool,
        *,
        per_address: int | None = None,
        per_network: int | None = None,
        window: timedelta = WINDOW,
    ) -> None:
        self._pool = pool
        self._given = (per_address, per_network)
        self._window = window

    @property
    def _limits(self) -> tuple[int, int]:
        # Module defaults are read at each use: built once at start, lowered by tests later.
        address, network = self._given
        return (
            MAILS_PER_ADDRESS if address is None else address,
            MAILS_PER_NETWORK if network is None else network,
        )

    async def allow(self, email_key: str, address: str | None, now: datetime) -> bool:
        """Count one mail to the address asked from the client's network; False once over."""
        per_address, per_network = self._limits
        start = window_start(now, self._window)
        to_address = await self._count("address", address_digest(email_key), start)
        network = approximate_place(address)
        from_network = 0 if network is None else await self._count("network", str(network), start)
        return to_address <= per_address and from_network <= per_network

    async def _count(self, scope: str, key: str, start: datetime) -> int:
        with map_db_errors():
            count: int = await self._pool.fetchval(_RECORD, scope, key, start)
        return count

"""Wrong passwords per typed email address and client network, in PostgreSQL."""

from __future__ import annotations

import hashlib
import ipaddress
from datetime import datetime

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.domain.identity.throttle import RUN_FORGOTTEN_AFTER, GuessRun
from immportal.services.identity.sessions import Network, approximate_place

# A request with no IP address (a Unix socket) is counted as coming from one network of its own.
_NOWHERE = ipaddress.ip_network("::/128")

# One statement: start or extend the pair's run (a run idle for a day starts again at 1).
# Concurrent failures serialise on the row's lock, so none is lost.
_RECORD = """
INSERT INTO password_guesses AS g (address_digest, network, failures, last_failure_at)
VALUES ($1, $2, 1, $3)
ON CONFLICT (address_digest, network) DO UPDATE SET
  failures = CASE WHEN g.last_failure_at < $4 THEN 1 ELSE g.failures + 1 END,
  last_failure_at = GREATEST(g.last_failure_at, EXCLUDED.last_failure_at)
"""

_RUNS = """
SELECT network, failures, last_failure_at FROM password_guesses
WHERE address_digest = $1 AND last_failure_at >= $2
"""


def address_digest(email_key: str) -> str:
    """What the table keeps instead of the address: its SHA-256, in hex."""
    return hashlib.sha256(email_key.encode()).hexdigest()


def _network(address: str | None) -> Network:
    return approximate_place(address) or _NOWHERE


class PostgresPasswordGuesses:
    """The PasswordGuesses port on the `password_guesses` table."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def runs(
        self, address: str | None, email_key: str, now: datetime
    ) -> tuple[GuessRun, GuessRun]:
        """The address's runs of wrong passwords from the client's network and from anywhere."""
        with map_db_errors():
            rows = await self._pool.fetch(
                _RUNS, address_digest(email_key), now - RUN_FORGOTTEN_AFTER
            )
        network = _network(address)
        here = next(
            (
                GuessRun(r["failures"], r["last_failure_at"])
                for r in rows
                if r["network"] == network
            ),
            GuessRun(),
        )
        everywhere = GuessRun(
            sum(r["failures"] for r in rows),
            max((r["last_failure_at"] for r in rows), default=None),
        )
        return here, everywhere

    async def record_failure(self, address: str | None, email_key: str, now: datetime) -> None:
        """Count one wrong password for the address, from the client's network."""
        with map_db_errors():
            await self._pool.execute(
                _RECORD,
                address_digest(email_key),
                _network(address),
                now,
                now - RUN_FORGOTTEN_AFTER,
            )

    async def forget(self, email_key: str) -> None:
        """Start the address's runs again: its right password was given."""
        with map_db_errors():
            await self._pool.execute(
                "DELETE FROM password_guesses WHERE address_digest = $1", address_digest(email_key)
            )

"""LISTEN for new events on one connection and wake every waiting reader."""

import asyncio
import contextlib

import asyncpg

from immportal.adapters.postgres.connection import connect
from immportal.adapters.postgres.writer import CHANNEL


class LogNotifier:
    """Wakes readers of the global log when the writer commits (NOTIFY).

    Readers also poll on a timeout, so a lost notification only delays them.
    """

    def __init__(self, dsn: str, *, role: str | None = None) -> None:
        self._dsn = dsn
        self._role = role
        self._conn: asyncpg.Connection | None = None
        self._event = asyncio.Event()
        self.latest = 0

    async def start(self) -> None:
        """Open the listening connection."""
        conn = await connect(self._dsn, role=self._role)
        try:
            await conn.add_listener(CHANNEL, self._on_notify)
        except BaseException:
            await conn.close()
            raise
        self._conn = conn

    async def stop(self) -> None:
        """Close the listening connection."""
        if self._conn is not None:
            with contextlib.suppress(Exception):
                # Bounded: a partitioned server never answers the goodbye.
                await asyncio.wait_for(self._conn.close(), 2)
            self._conn = None

    def _on_notify(self, _conn: object, _pid: int, _channel: str, payload: object) -> None:
        self.latest = max(self.latest, int(str(payload)))
        event, self._event = self._event, asyncio.Event()
        event.set()

    async def wait(self, after: int, seconds: float) -> None:
        """Return when a position beyond `after` was committed, or after `seconds`."""
        if self.latest > after:
            return
        if self._conn is None or self._conn.is_closed():
            # The database restarted: listen again (readers poll meanwhile).
            with contextlib.suppress(Exception):
                await self.stop()
                await self.start()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), seconds)

"""LISTEN for new events on one connection and wake every waiting reader."""

import asyncio
import contextlib
from collections.abc import Callable

import asyncpg

from immportal.adapters.postgres.connection import connect
from immportal.adapters.postgres.writer import CHANNEL

OnPayload = Callable[[str], None]
"""Called with each notification's payload on a channel."""


class LogNotifier:
    """Wakes readers of the global log when the writer commits (NOTIFY).

    Readers also poll on a timeout, so a lost notification only delays them. Other
    channels can share the one listening connection (`listen`).
    """

    def __init__(self, dsn: str, *, role: str | None = None) -> None:
        self._dsn = dsn
        self._role = role
        self._conn: asyncpg.Connection | None = None
        self._event = asyncio.Event()
        self._listeners: list[tuple[str, OnPayload]] = []
        self._reconnecting = asyncio.Lock()
        self.latest = 0

    async def start(self) -> None:
        """Open the listening connection."""
        conn = await connect(self._dsn, role=self._role)
        try:
            await conn.add_listener(CHANNEL, self._on_notify)
            for channel, callback in self._listeners:
                await conn.add_listener(channel, _forward(callback))
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

    @property
    def listening(self) -> bool:
        """Whether the listening connection is open (as far as the driver knows)."""
        return self._conn is not None and not self._conn.is_closed()

    async def listen(self, channel: str, callback: OnPayload) -> None:
        """Call `callback(payload)` for each notification on `channel`, across reconnects."""
        self._listeners.append((channel, callback))
        conn = self._conn
        if conn is not None and not conn.is_closed():
            await conn.add_listener(channel, _forward(callback))

    async def reconnect(self) -> None:
        """Listen again on a fresh connection if the current one was lost."""
        # One attempt at a time: every reader that notices the loss calls this.
        async with self._reconnecting:
            if self.listening:
                return
            with contextlib.suppress(Exception):
                await self.stop()
                await self.start()

    def _on_notify(self, _conn: object, _pid: int, _channel: str, payload: object) -> None:
        self.latest = max(self.latest, int(str(payload)))
        event, self._event = self._event, asyncio.Event()
        event.set()

    async def wait(self, after: int, seconds: float) -> None:
        """Return when a position beyond `after` was committed, or after `seconds`."""
        if self.latest > after:
            return
        if not self.listening:
            # The database restarted: listen again (readers poll meanwhile).
            await self.reconnect()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), seconds)


def _forward(callback: OnPayload) -> Callable[[object, int, str, object], None]:
    def on_notify(_conn: object, _pid: int, _channel: str, payload: object) -> None:
        callback(str(payload))

    return on_notify

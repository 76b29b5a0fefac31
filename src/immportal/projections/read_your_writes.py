"""Wait until read models have passed a log position (read your own writes), woken by NOTIFY.

The projection engine announces each batch of a live generation on POSITIONS_CHANNEL in
the transaction that commits it. The process's one listening connection (LogNotifier)
hears it and wakes every request waiting here; nobody polls the read models' rows.
"""

import asyncio
from collections.abc import Iterable, Sequence

import asyncpg
import structlog

from immportal.adapters.postgres.connection import map_db_errors
from immportal.adapters.postgres.notifier import LogNotifier
from immportal.errors import DatabaseUnavailable
from immportal.projections.engine import POSITIONS_CHANNEL
from immportal.projections.runner import LEADER_LOCK_CLASS

log = structlog.get_logger(__name__)

SAFETY_INTERVAL = 0.5
"""How long a waiter trusts the notifications alone before reading the positions itself."""

_LIVE_POSITIONS = """
SELECT s.name, p.position
  FROM projection_state s
  JOIN projection_positions p ON p.name = s.name AND p.generation = s.live_generation
 WHERE s.name = ANY($1::text[])
"""
_HEAD = "SELECT coalesce(max(notification_id), 0) FROM events"
# Which of the named projections have a leader holding their advisory lock right now.
_LEADERS = """
SELECT n.name FROM unnest($1::text[]) AS n(name)
 WHERE EXISTS (
   SELECT 1 FROM pg_locks
    WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = $2
      AND objid = (hashtext(n.name)::bigint & 4294967295)::oid
      AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))
"""
LEADER_CHECK_SECONDS = 2.0
"""How long a finding that a projection has (or lacks) a leader is trusted."""
STARTUP_GRACE_SECONDS = 5.0
"""After start, leaders are still being elected: a missing one is not yet a lost one."""


class ProjectionWaiter:
    """Knows how far each projection's live generation got; wakes requests waiting on it.

    What it knows only grows: a live generation's position never goes back, and a
    rebuild switches in a generation that has caught up with the log.
    """

    def __init__(
        self,
        pool: asyncpg.Pool,
        notifier: LogNotifier,
        *,
        safety_interval: float = SAFETY_INTERVAL,
        startup_grace: float = STARTUP_GRACE_SECONDS,
    ) -> None:
        self._pool = pool
        self._notifier = notifier
        self._safety_interval = safety_interval
        self._startup_grace = startup_grace
        self._reached: dict[str, int] = {}
        self._moved = asyncio.Event()
        self._relistening: asyncio.Task[None] | None = None
        self._led: dict[str, bool] = {}
        self._leaders_checked_at = float("-inf")
        self._started_at = float("inf")

    async def start(self) -> None:
        """Hear the projections' progress on the process's listening connection."""
        await self._notifier.listen(POSITIONS_CHANNEL, self._on_position)
        self._started_at = asyncio.get_running_loop().time()

    async def stop(self) -> None:
        """Stop a reconnection still under way."""
        if self._relistening is not None:
            self._relistening.cancel()
            await asyncio.gather(self._relistening, return_exceptions=True)

    async def wait_until(self, position: int, projections: Sequence[str], seconds: float) -> bool:
        """True once every named projection has passed `position`; False after `seconds`."""
        if self._passed(position, projections):
            return True
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        self._relisten()
        # Take the wake-up event before reading the positions: a batch that commits after
        # the read still sets it, so the wait below cannot miss it.
        moved = self._moved
        await self._refresh(projections, deadline)
        if not self._passed(position, projections) and await self._any_leaderless(projections):
            # Nobody is projecting: waiting would only hold the person for the full timeout.
            return False
        while not self._passed(position, projections):
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            try:
                await asyncio.wait_for(moved.wait(), min(self._safety_interval, remaining))
            except TimeoutError:
                # A notification is lost when the listening connection drops between a
                # commit and its delivery (a restart, a cut network that TCP notices only
                # later); without this re-read a waiter would sleep until its timeout.
                moved = self._moved
                self._relisten()
                await self._refresh(projections, deadline)
            else:
                moved = self._moved
        return True

    async def head(self) -> int:
        """The last position committed to the log, 0 for an empty log."""
        with map_db_errors():
            value = await self._pool.fetchval(_HEAD)
        return int(value)

    async def _any_leaderless(self, projections: Sequence[str]) -> bool:
        now = asyncio.get_running_loop().time()
        if now - self._started_at < self._startup_grace:
            return False
        stale = now - self._leaders_checked_at >= LEADER_CHECK_SECONDS
        if stale or not set(projections) <= self._led.keys():
            names = sorted(self._led.keys() | set(projections))
            try:
                with map_db_errors():
                    rows = await self._pool.fetch(_LEADERS, names, LEADER_LOCK_CLASS)
            except DatabaseUnavailable:
                return False  # unknown: wait as before
            led = {row["name"] for row in rows}
            self._led = {name: name in led for name in names}
            self._leaders_checked_at = now
        return not all(self._led[name] for name in projections)

    def _passed(self, position: int, projections: Iterable[str]) -> bool:
        return all(self._reached.get(name, 0) >= position for name in projections)

    def _advance(self, name: str, position: int) -> None:
        self._reached[name] = max(self._reached.get(name, 0), position)

    def _on_position(self, payload: str) -> None:
        name, _, position = payload.rpartition(":")
        try:
            reached = int(position)
        except ValueError:
            log.warning("projection_position_unreadable", payload=payload[:100])
            return
        self._advance(name, reached)
        moved, self._moved = self._moved, asyncio.Event()
        moved.set()

    async def _refresh(self, projections: Sequence[str], deadline: float) -> None:
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            return
        try:
            async with asyncio.timeout(remaining):
                with map_db_errors():
                    rows = await self._pool.fetch(_LIVE_POSITIONS, list(projections))
        except TimeoutError:
            return  # out of time: the caller reports that the page may lag
        except DatabaseUnavailable as exc:
            # The write is already committed; the page goes on and says it may lag.
            log.warning("projection_positions_unreadable", error=str(exc))
            return
        for row in rows:
            self._advance(row["name"], row["position"])

    def _relisten(self) -> None:
        # Listen again once the connection is known lost. In the background, so a
        # reconnection that takes seconds never holds a request past its own timeout;
        # one at a time, however many requests notice the loss.
        if self._notifier.listening or self._relistening is not None:
            return
        self._relistening = asyncio.create_task(self._notifier.reconnect())
        self._relistening.add_done_callback(self._relistened)

    def _relistened(self, _task: asyncio.Task[None]) -> None:
        self._relistening = None

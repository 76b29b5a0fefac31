"""Run a projection as the one leader of its name; stand by while another leads."""

import asyncio
import contextlib

import asyncpg
import structlog

from immportal.adapters.postgres.connection import connect, map_db_errors
from immportal.adapters.postgres.eventstore import PostgresEventStore
from immportal.adapters.postgres.notifier import LogNotifier
from immportal.errors import DatabaseUnavailable
from immportal.projections.base import Projection
from immportal.projections.engine import ensure_projection, process_batch

log = structlog.get_logger(__name__)

# First key of the two-key advisory locks that elect one leader per projection.
LEADER_LOCK_CLASS = 716


class ProjectionRunner:
    """Keeps one projection caught up with the log while it holds the leader lock."""

    def __init__(
        self,
        *,
        dsn: str,
        role: str | None,
        store: PostgresEventStore,
        notifier: LogNotifier,
        projection: Projection,
        batch_size: int = 1000,
        idle_wait: float = 1.0,
    ) -> None:
        self._dsn = dsn
        self._role = role
        self._store = store
        self._notifier = notifier
        self.projection = projection
        self._batch_size = batch_size
        self._idle_wait = idle_wait
        self.is_leader = False
        self.position = 0

    async def run(self) -> None:
        """Elect, lead, and on any connection failure start over after a pause."""
        pause = 0.5
        while True:
            try:
                await self._session()
                pause = 0.5
            except DatabaseUnavailable as exc:
                log.warning(
                    "projection_db_unavailable", projection=self.projection.name, error=str(exc)
                )
            except Exception:  # a failing batch rolls back; retry later rather than die
                log.exception("projection_failed", projection=self.projection.name)
            finally:
                self.is_leader = False
            await asyncio.sleep(pause)
            pause = min(pause * 2, 10.0)

    async def _session(self) -> None:
        conn = await connect(self._dsn, role=self._role)
        try:
            while not await self._try_lead(conn):  # noqa: ASYNC110 - polling a lock held elsewhere
                await asyncio.sleep(self._idle_wait)
            self.is_leader = True
            log.info("projection_leading", projection=self.projection.name)
            await self._lead(conn)
        finally:
            # Release leadership before closing, so a standby (or a status check)
            # sees it gone as soon as this runner has stopped.
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._release(conn), 2)
            with contextlib.suppress(Exception):
                await asyncio.wait_for(conn.close(), 2)

    async def _release(self, conn: asyncpg.Connection) -> None:
        if self.is_leader and not conn.is_closed():
            await conn.execute(
                "SELECT pg_advisory_unlock($1, hashtext($2))",
                LEADER_LOCK_CLASS,
                self.projection.name,
            )

    async def _try_lead(self, conn: asyncpg.Connection) -> bool:
        with map_db_errors():
            won: bool = await conn.fetchval(
                "SELECT pg_try_advisory_lock($1, hashtext($2))",
                LEADER_LOCK_CLASS,
                self.projection.name,
            )
        return won

    async def _lead(self, conn: asyncpg.Connection) -> None:
        await ensure_projection(conn, self.projection)
        while True:
            # Each batch follows the live generation, so a rebuild's switch is picked up.
            result = await process_batch(conn, self._store, self.projection, self._batch_size)
            self.position = result.position
            if result.read < self._batch_size:
                await self._notifier.wait(self.position, self._idle_wait)

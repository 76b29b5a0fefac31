"""Run a projection as the one leader of its name; stand by while another leads."""

import time

import asyncpg

from immportal import metrics
from immportal.adapters.postgres.eventstore import PostgresEventStore
from immportal.adapters.postgres.log_worker import LeadingLogWorker
from immportal.adapters.postgres.notifier import LogNotifier
from immportal.projections.base import Projection
from immportal.projections.engine import ensure_projection, process_batch

# First key of the two-key advisory locks that elect one leader per projection.
LEADER_LOCK_CLASS = 716


class ProjectionRunner(LeadingLogWorker):
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
        super().__init__(
            dsn=dsn,
            role=role,
            store=store,
            notifier=notifier,
            lock_class=LEADER_LOCK_CLASS,
            name=projection.name,
            batch_size=batch_size,
            idle_wait=idle_wait,
        )
        self.projection = projection

    async def _lead(self, conn: asyncpg.Connection) -> None:
        await ensure_projection(conn, self.projection)
        while True:
            # Each batch follows the live generation, so a rebuild's switch is picked up.
            started = time.perf_counter()
            result = await process_batch(conn, self._store, self.projection, self._batch_size)
            self.position = result.position
            self._observe(time.perf_counter() - started, result.read)
            if result.read < self._batch_size:
                await self._notifier.wait(self.position, self._idle_wait)

    def _observe(self, seconds: float, read: int) -> None:
        name = self.projection.name
        if read:
            metrics.projection_batch_seconds.labels(name).observe(seconds)
        metrics.projection_position.labels(name).set(self.position)
        # The newest position this process heard of: a lag seen from here, not a query.
        metrics.projection_lag.labels(name).set(max(0, self._notifier.latest - self.position))

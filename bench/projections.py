"""Benchmarks 3 and 4: projection catch-up from zero, and a full rebuild."""

import time
from dataclasses import dataclass

from bench.db import Database
from bench.measure import CpuUse, Throughput, cpu_use
from immportal.adapters.postgres.connection import connect
from immportal.app.container import Runtime
from immportal.projections.base import Projection
from immportal.projections.engine import (
    ensure_views,
    live_generation,
    prepare_generation,
    process_batch,
)
from immportal.projections.rebuild import rebuild


@dataclass(frozen=True)
class ProjectionRun:
    """Events projected per second by one projection, and where the CPU went."""

    projection: str
    throughput: Throughput
    cpu: CpuUse


async def catch_up(
    runtime: Runtime, db: Database, projection: Projection, batch_size: int
) -> ProjectionRun:
    """From position zero to the head, with `process_batch` in a loop, as a leader does."""
    conn = await connect(runtime.dsn, role=runtime.settings.database_app_role)
    try:
        generation = await live_generation(conn, projection)
        await prepare_generation(conn, projection, generation, fresh=False)
        await ensure_views(conn, projection, generation)
        events = 0
        with cpu_use(db.watched) as cpu:
            started = time.perf_counter()
            while (result := await process_batch(conn, runtime.store, projection, batch_size)).read:
                events += result.read
            elapsed = time.perf_counter() - started
    finally:
        await conn.close()
    return ProjectionRun(projection.name, Throughput(events, elapsed), cpu)


async def full_rebuild(
    runtime: Runtime, db: Database, projection: Projection, batch_size: int
) -> ProjectionRun:
    """`rebuild` into a new generation over the whole log, switch, drop the old one."""
    head = await runtime.store.head()
    with cpu_use(db.watched) as cpu:
        started = time.perf_counter()
        await rebuild(
            dsn=runtime.dsn,
            role=runtime.settings.database_app_role,
            store=runtime.store,
            projection=projection,
            batch_size=batch_size,
        )
        elapsed = time.perf_counter() - started
    return ProjectionRun(projection.name, Throughput(head, elapsed), cpu)

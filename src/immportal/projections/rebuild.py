"""Rebuild a projection from zero into a new generation, then switch queries to it."""

import asyncpg
import structlog

from immportal.adapters.postgres.connection import connect, map_db_errors
from immportal.adapters.postgres.eventstore import PostgresEventStore
from immportal.projections.base import Projection, physical_tables
from immportal.projections.engine import (
    ensure_projection,
    point_views,
    prepare_generation,
    process_batch,
)

log = structlog.get_logger(__name__)

REBUILD_LOCK_CLASS = 717


async def rebuild(
    *,
    dsn: str,
    role: str | None,
    store: PostgresEventStore,
    projection: Projection,
    batch_size: int = 5000,
) -> int:
    """Build a fresh generation while the live one keeps serving; return the new generation."""
    conn = await connect(dsn, role=role)
    try:
        with map_db_errors():
            await conn.execute(
                "SELECT pg_advisory_lock($1, hashtext($2))", REBUILD_LOCK_CLASS, projection.name
            )
        old = await ensure_projection(conn, projection)
        with map_db_errors():
            new: int = await conn.fetchval(
                "SELECT max(generation) + 1 FROM projection_positions WHERE name = $1",
                projection.name,
            )
        await prepare_generation(conn, projection, new, fresh=True)
        while (await process_batch(conn, store, projection, batch_size, generation=new)).read:
            pass
        with map_db_errors():
            async with conn.transaction():
                # Holding the row stops the live leader between batches while we finish.
                await conn.execute(
                    "SELECT 1 FROM projection_state WHERE name = $1 FOR UPDATE", projection.name
                )
                while (
                    await process_batch(conn, store, projection, batch_size, generation=new)
                ).read:
                    pass
                await point_views(conn, projection, new)
                await conn.execute(
                    "UPDATE projection_state SET live_generation = $2 WHERE name = $1",
                    projection.name,
                    new,
                )
            await _drop_generation(conn, projection, old)
        log.info("projection_rebuilt", projection=projection.name, generation=new)
        return new
    finally:
        await conn.close()


async def _drop_generation(
    conn: asyncpg.Connection, projection: Projection, generation: int
) -> None:
    async with conn.transaction():
        for table in physical_tables(projection, generation).values():
            await conn.execute(f"DROP TABLE IF EXISTS {table.sql}")
        await conn.execute(
            "DELETE FROM projection_positions WHERE name = $1 AND generation = $2",
            projection.name,
            generation,
        )

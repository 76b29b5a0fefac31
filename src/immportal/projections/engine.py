"""Batches from the log into a projection's tables, with the position in the same transaction."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import asyncpg
from eventsourcing.domain import DomainEvent

from immportal.adapters.postgres.connection import map_db_errors
from immportal.adapters.postgres.eventstore import PostgresEventStore
from immportal.projections.base import (
    READ_SCHEMA,
    Projected,
    Projection,
    physical_tables,
    view_name,
)

# Serializes creating a projection's tables and views across processes.
SETUP_LOCK_CLASS = 718
POSITIONS_CHANNEL = "projection_positions"
"""NOTIFY channel of the live generations' progress; payload `<name>:<position>`."""

_ADVANCE = (
    "UPDATE projection_positions SET position = $3, updated_at = now()"
    " WHERE name = $1 AND generation = $2"
)
# Delivered at commit, so whoever is woken finds the read model's rows already there.
_ADVANCE_AND_NOTIFY = f"""
WITH advanced AS ({_ADVANCE} RETURNING name, position)
SELECT pg_notify($4, name || ':' || position) FROM advanced
"""


async def live_generation(conn: asyncpg.Connection, projection: Projection) -> int:
    """Register the projection if new; return the generation queries read from."""
    with map_db_errors():
        await conn.execute(
            "INSERT INTO projection_state (name) VALUES ($1) ON CONFLICT DO NOTHING",
            projection.name,
        )
        generation: int = await conn.fetchval(
            "SELECT live_generation FROM projection_state WHERE name = $1", projection.name
        )
    return generation


async def prepare_generation(
    conn: asyncpg.Connection, projection: Projection, generation: int, *, fresh: bool
) -> None:
    """Create one generation's tables and position row (emptied first when `fresh`)."""
    tables = physical_tables(projection, generation)
    with map_db_errors():
        async with conn.transaction():
            # Processes starting together on a new database must not race on CREATE.
            await conn.execute(
                "SELECT pg_advisory_xact_lock($1, hashtext($2))", SETUP_LOCK_CLASS, projection.name
            )
            if fresh:
                for table in tables.values():
                    await conn.execute(f"DROP TABLE IF EXISTS {table.sql}")
                await conn.execute(
                    "DELETE FROM projection_positions WHERE name = $1 AND generation = $2",
                    projection.name,
                    generation,
                )
            for statement in projection.ddl(tables):
                await conn.execute(statement)
            await conn.execute(
                "INSERT INTO projection_positions (name, generation) VALUES ($1, $2)"
                " ON CONFLICT DO NOTHING",
                projection.name,
                generation,
            )


async def point_views(conn: asyncpg.Connection, projection: Projection, generation: int) -> None:
    """Make the stable view names read from `generation` (inside the caller's transaction)."""
    for table, physical in physical_tables(projection, generation).items():
        await conn.execute(f"DROP VIEW IF EXISTS {view_name(table)}")
        await conn.execute(f"CREATE VIEW {view_name(table)} AS SELECT * FROM {physical.sql}")


_COLUMN_COUNT = (
    "SELECT count(*) FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2"
)


async def ensure_views(conn: asyncpg.Connection, projection: Projection, generation: int) -> None:
    """Create the views if they do not exist yet (first start of any process), or renew them.

    A view's `SELECT *` is expanded when it is created: a column a newer version adds
    to the live tables (`ALTER TABLE ... ADD COLUMN IF NOT EXISTS` in its DDL) reaches
    the queries only once the view is made again.
    """
    with map_db_errors():
        async with conn.transaction():
            # Processes starting together must not race to create the same view.
            await conn.execute(
                "SELECT pg_advisory_xact_lock($1, hashtext($2))", SETUP_LOCK_CLASS, projection.name
            )
            for table, physical in physical_tables(projection, generation).items():
                missing = await conn.fetchval("SELECT to_regclass($1)", view_name(table)) is None
                shown = await conn.fetchval(_COLUMN_COUNT, READ_SCHEMA, table)
                kept = await conn.fetchval(_COLUMN_COUNT, physical.schema, physical.name)
                if missing or shown != kept:
                    await point_views(conn, projection, generation)
                    return


async def ensure_projection(conn: asyncpg.Connection, projection: Projection) -> int:
    """Make sure the live generation's tables and views exist; return the generation."""
    generation = await live_generation(conn, projection)
    await prepare_generation(conn, projection, generation, fresh=False)
    await ensure_views(conn, projection, generation)
    return generation


@dataclass(frozen=True)
class BatchResult:
    """How far one batch got."""

    read: int
    generation: int
    position: int


async def process_batch(
    conn: asyncpg.Connection,
    store: PostgresEventStore,
    projection: Projection,
    batch_size: int,
    *,
    generation: int | None = None,
) -> BatchResult:
    """Project the next batch in one transaction, into the live generation by default.

    The live generation is read under a share lock, so a rebuild cannot switch
    generations (and drop the old tables) while this batch is being written.
    """
    # Only the live generation's progress is announced: a rebuild's new generation is
    # not what pages read until it is switched in.
    live = generation is None
    with map_db_errors():
        async with conn.transaction():
            if generation is None:
                generation = await conn.fetchval(
                    "SELECT live_generation FROM projection_state WHERE name = $1 FOR SHARE",
                    projection.name,
                )
                assert generation is not None, "projection not registered"
            tables = physical_tables(projection, generation)
            position = await conn.fetchval(
                "SELECT position FROM projection_positions"
                " WHERE name = $1 AND generation = $2 FOR UPDATE",
                projection.name,
                generation,
            )
            if position is None:
                raise LookupError(f"{projection.name} generation {generation} is not prepared")
            records = await store.read_log(position, batch_size, conn=conn)
            if not records:
                return BatchResult(0, generation, position)
            batch: Sequence[Projected] = [
                Projected(r, cast(DomainEvent, store.decode(r)))
                for r in records
                if projection.wants(r.topic)
            ]
            if batch:
                await projection.apply(conn, tables, batch)
            reached = records[-1].position
            if live:
                await conn.execute(
                    _ADVANCE_AND_NOTIFY, projection.name, generation, reached, POSITIONS_CHANNEL
                )
            else:
                await conn.execute(_ADVANCE, projection.name, generation, reached)
    return BatchResult(len(records), generation, reached)

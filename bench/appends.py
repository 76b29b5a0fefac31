"""Benchmark 1: appends with N concurrent writers, ours beside the library and raw INSERTs.

Every writer owns its cases and appends one event per append for a fixed time: a
case's Started event, then AnswersSaved events, and a fresh case every `per_case`
events (or one ever-growing case when `per_case` is None). The library saves the same
events with its `save` from threads; the raw baseline INSERTs rows of the same size.
"""

import asyncio
import hashlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from uuid import uuid4

import asyncpg
from eventsourcing.application import Application

from bench.db import Database
from bench.groups import GroupStats, watch_groups
from bench.measure import CpuUse, Throughput, cpu_use
from bench.workload import OwnedStream, save_answers, start_case
from immportal.adapters.postgres.eventstore import PostgresEventStore
from immportal.adapters.postgres.mapper import create_mapper


@dataclass(frozen=True)
class Measured:
    """A throughput with where the CPU went and, for ours, how groups looked."""

    throughput: Throughput
    cpu: CpuUse
    groups: GroupStats | None = None

    def describe(self) -> str:
        """Notes for the table."""
        parts = [self.groups.describe() if self.groups else "", self.cpu.describe()]
        return "; ".join(p for p in parts if p)


async def ours(
    store: PostgresEventStore, db: Database, writers: int, seconds: float, per_case: int | None
) -> Measured:
    """Our store: each writer appends its own case's next event, one event per append."""
    owned = [OwnedStream(number, per_case) for number in range(writers)]
    loop = asyncio.get_running_loop()

    async def writer(cases: OwnedStream, deadline: float) -> int:
        done = 0
        while loop.time() < deadline:
            await store.append([cases.step()])
            done += 1
        return done

    with watch_groups(store) as groups, cpu_use(db.watched) as cpu:
        started = time.perf_counter()
        deadline = loop.time() + seconds
        counts = await asyncio.gather(*(writer(cases, deadline) for cases in owned))
        elapsed = time.perf_counter() - started
    return Measured(Throughput(sum(counts), elapsed), cpu, groups)


class LibraryBench(Application[Any]):
    """The eventsourcing library's own PostgreSQL application (table librarybench_events)."""


def library_env(db: Database, writers: int) -> dict[str, str]:
    """Environment for the library's PostgreSQL persistence, with a pool to match."""
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": db.name,
        "POSTGRES_HOST": db.host,
        "POSTGRES_PORT": str(db.port),
        "POSTGRES_USER": db.user,
        "POSTGRES_PASSWORD": db.password,
        "POSTGRES_POOL_SIZE": str(writers),
        "POSTGRES_MAX_OVERFLOW": "0",
        "POSTGRES_CONNECT_TIMEOUT": "10",
    }


def library(db: Database, writers: int, seconds: float, per_case: int | None) -> Measured:
    """The library's synchronous `save` of the same command, from one thread per writer."""
    app = LibraryBench(env=library_env(db, writers))
    try:
        owned = [OwnedStream(number, per_case) for number in range(writers)]
        ready = threading.Barrier(writers + 1)
        deadline = [0.0]

        def writer(cases: OwnedStream) -> int:
            ready.wait()
            done = 0
            while time.perf_counter() < deadline[0]:
                app.save(cases.step())
                done += 1
            return done

        with ThreadPoolExecutor(max_workers=writers) as threads:
            futures = [threads.submit(writer, cases) for cases in owned]
            with cpu_use(db.watched) as cpu:
                started = time.perf_counter()
                deadline[0] = started + seconds
                ready.wait()
                total = sum(f.result() for f in futures)
                elapsed = time.perf_counter() - started
        return Measured(Throughput(total, elapsed), cpu)
    finally:
        app.close()


_RAW_TABLE = """
CREATE TABLE IF NOT EXISTS raw_events (
    originator_id uuid NOT NULL,
    originator_version bigint NOT NULL,
    topic text NOT NULL,
    state bytea NOT NULL,
    notification_id bigserial NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    chain_hash bytea NOT NULL,
    PRIMARY KEY (originator_id, originator_version)
);
CREATE UNIQUE INDEX IF NOT EXISTS raw_events_notification_id_idx ON raw_events (notification_id);
"""
_RAW_INSERT = (
    "INSERT INTO raw_events (originator_id, originator_version, topic, state, chain_hash)"
    " VALUES ($1, $2, $3, $4, $5)"
)


async def raw(db: Database, writers: int, seconds: float, per_case: int | None) -> Measured:
    """Single-row autocommit INSERTs of the same rows, one connection per writer."""
    case, actor = start_case(0)
    save_answers(case, actor)
    stored = create_mapper().to_stored_event(case.collect_events()[-1])
    chain = hashlib.sha256(stored.state).digest()
    pool = await asyncpg.create_pool(db.url, min_size=writers, max_size=writers)
    try:
        await pool.execute(_RAW_TABLE)
        loop = asyncio.get_running_loop()

        async def writer(deadline: float) -> int:
            originator, version, done = uuid4(), 0, 0
            async with pool.acquire() as conn:
                while loop.time() < deadline:
                    if per_case is not None and version >= per_case:
                        originator, version = uuid4(), 0
                    version += 1
                    await conn.execute(
                        _RAW_INSERT, originator, version, stored.topic, stored.state, chain
                    )
                    done += 1
            return done

        with cpu_use(db.watched) as cpu:
            started = time.perf_counter()
            deadline = loop.time() + seconds
            counts = await asyncio.gather(*(writer(deadline) for _ in range(writers)))
            elapsed = time.perf_counter() - started
        return Measured(Throughput(sum(counts), elapsed), cpu)
    finally:
        await pool.close()

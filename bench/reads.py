"""Benchmark 5: case page reads from the read model, directly and through HTTP."""

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from uuid import UUID

import aiohttp
from aiohttp.test_utils import TestServer

from bench.db import Database
from bench.measure import CpuUse, Latencies, cpu_use, latencies
from immportal.app.container import Runtime
from immportal.app.web_app import create_app
from immportal.projections.case_summary import get_case_summary
from immportal.projections.case_timeline import get_timeline


async def _timed(
    read: Callable[[UUID], Awaitable[None]],
    case_ids: list[UUID],
    reads: int,
    concurrency: int,
    warmup: int,
    watched: str | None,
) -> tuple[Latencies, CpuUse]:
    """Run `reads` reads of random cases, `concurrency` at a time, after a warm-up."""
    rng = random.Random(11)
    for case_id in rng.sample(case_ids, min(warmup, len(case_ids))):
        await read(case_id)
    picks = [rng.choice(case_ids) for _ in range(reads)]
    samples: list[float] = []

    async def reader(worker: int) -> None:
        for case_id in picks[worker::concurrency]:
            started = time.perf_counter()
            await read(case_id)
            samples.append(time.perf_counter() - started)

    with cpu_use(watched) as cpu:
        started = time.perf_counter()
        await asyncio.gather(*(reader(w) for w in range(concurrency)))
        elapsed = time.perf_counter() - started
    return latencies(samples, elapsed), cpu


async def direct_reads(
    runtime: Runtime, db: Database, case_ids: list[UUID], reads: int, concurrency: int
) -> tuple[Latencies, CpuUse]:
    """`get_case_summary` then `get_timeline`, as the case page needs them."""

    async def read(case_id: UUID) -> None:
        summary = await get_case_summary(runtime.pool, case_id)
        if summary is None:
            raise LookupError(f"case {case_id} missing from the read model")
        await get_timeline(runtime.pool, case_id)

    return await _timed(read, case_ids, reads, concurrency, 200, db.watched)


async def http_reads(
    db: Database, case_ids: list[UUID], reads: int, concurrencies: tuple[int, ...]
) -> list[tuple[Latencies, CpuUse]]:
    """GET /dev/cases/{id} on the real application (dev mode) over a local socket,
    once per concurrency; the client runs in this process and loop too."""
    server = TestServer(create_app(db.settings(dev=True)))
    await server.start_server()
    try:
        connector = aiohttp.TCPConnector(limit=max(concurrencies))
        async with aiohttp.ClientSession(connector=connector) as session:

            async def read(case_id: UUID) -> None:
                async with session.get(server.make_url(f"/dev/cases/{case_id}")) as response:
                    await response.read()
                    if response.status != 200:
                        raise RuntimeError(f"GET case page: HTTP {response.status}")

            return [
                await _timed(read, case_ids, reads, concurrency, 100, db.watched)
                for concurrency in concurrencies
            ]
    finally:
        await server.close()

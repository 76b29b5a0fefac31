"""Benchmark: the Merkle tree's follower beside the appends, and proofs over a large log.

`python -m bench.transparency [options]` (see --help). On a fresh `bench_<random>` database:

1. Appends with N writers for S seconds (the append benchmark's workload, one event per
   append), first alone, then with `immportal worker transparency` running as its own
   process, as deployed; the follower's tree size is polled from the database. Does the
   tree keep up, and what does it cost the appends?
2. A log of `--events` events (default 1,000,000) seeded through the store; the follower
   builds its tree from zero (catch-up rate); then inclusion and consistency proofs
   from `TransparencyLog` (random positions and sizes), the root from stored subtrees
   against the root from every stored leaf, the tables' size, and `audit verify
   --checkpoint`'s check over the whole log.

Prints a markdown section and, unless --no-write, puts it into bench/RESULTS.md between
its own markers (the main run's block is left alone).
"""

import argparse
import asyncio
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import asyncpg
import psutil

from bench import appends
from bench.db import DEFAULT_SERVER, Database, bench_database, clear_log, server_version
from bench.measure import Latencies, Throughput, latencies
from bench.report import RESULTS, machine_lines
from bench.run import wait_for_quiet
from bench.seed import Seeded, seed
from immportal.adapters.postgres.event_leaves import PostgresEventLeaves
from immportal.adapters.postgres.merkle_tree import PostgresTreeNodes, tree_size
from immportal.adapters.signing.keyring import generate_key
from immportal.app.checkpoint_keys import add_key
from immportal.app.container import Runtime, open_runtime
from immportal.app.logging_setup import configure_logging
from immportal.app.transparency import transparency_log
from immportal.domain.transparency.merkle import root_of
from immportal.processes.tree_follower import TREE_LOCK_CLASS
from immportal.services.transparency.log_check import check_log

BEGIN, END = "<!-- bench:transparency:begin -->", "<!-- bench:transparency:end -->"
CATCH_UP_LIMIT = 900.0


@dataclass(frozen=True)
class FollowerRun:
    """The follower in its own process: how far it got, how fast, on how much CPU."""

    added: Throughput
    cpu_cores: float
    lag_at_end: int
    catch_up_seconds: float
    checkpoints: int


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m bench.transparency", description=__doc__)
    add = parser.add_argument
    add("--database-url", default=DEFAULT_SERVER)
    add("--writers", type=int, default=64, help="append writers beside the follower")
    add("--append-seconds", type=float, default=10.0)
    add("--events", type=int, default=1_000_000, help="log size for the proofs")
    add("--proofs", type=int, default=2000, help="proofs of each kind timed")
    add("--every-events", type=int, default=1000, help="IMMPORTAL_CHECKPOINT_EVERY_EVENTS")
    add("--wait-quiet", type=float, default=0.0, help="wait up to N s for an idle machine")
    add("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    return parser.parse_args(argv)


async def reset_tree(db: Database) -> None:
    """Empty the tree's tables as their owner (between sections, never in the portal)."""
    conn = await asyncpg.connect(db.url)
    try:
        await conn.execute("TRUNCATE merkle_nodes, transparency_checkpoints")
    finally:
        await conn.close()


async def count_checkpoints(runtime: Runtime) -> int:
    """Checkpoints signed so far."""
    return int(await runtime.pool.fetchval("SELECT count(*) FROM transparency_checkpoints"))


@asynccontextmanager
async def follower_process(env: dict[str, str]) -> AsyncIterator[psutil.Process]:
    """`immportal worker transparency` as its own process until the block ends."""
    errors = Path(env["IMMPORTAL_DATA_DIR"]) / "follower.err"
    with errors.open("wb") as stderr:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "immportal",
            "worker",
            "transparency",
            env={**os.environ, **env},
            stdout=asyncio.subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        yield psutil.Process(proc.pid)
    except TimeoutError:
        print(errors.read_text(errors="replace")[-3000:], file=sys.stderr)
        raise
    finally:
        if proc.returncode is None:
            proc.terminate()
        await proc.wait()


def _cpu(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


async def wait_for_leader(runtime: Runtime, limit: float = 120.0) -> None:
    """Until the follower process holds its leader lock (it has started and leads)."""
    started = time.perf_counter()
    query = (
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
        " AND classid = $1 AND database = (SELECT oid FROM pg_database"
        " WHERE datname = current_database())"
    )
    while not await runtime.pool.fetchval(query, TREE_LOCK_CLASS):
        if time.perf_counter() - started > limit:
            raise TimeoutError("the follower never led")
        await asyncio.sleep(0.02)


async def wait_for_tree(runtime: Runtime, size: int, limit: float) -> float:
    """Seconds until the stored tree has `size` leaves."""
    started = time.perf_counter()
    while await tree_size(runtime.pool) < size:
        if time.perf_counter() - started > limit:
            raise TimeoutError(f"tree stuck below {size}")
        await asyncio.sleep(0.02)
    return time.perf_counter() - started


async def beside_appends(
    runtime: Runtime, db: Database, env: dict[str, str], writers: int, seconds: float
) -> tuple[appends.Measured, appends.Measured, FollowerRun]:
    """Appends alone, then appends with the follower running in its own process."""
    await clear_log(db.url)
    alone = await appends.ours(runtime.store, db, writers, seconds, 20)
    await clear_log(db.url)
    await reset_tree(db)
    async with follower_process(env) as follower:
        await wait_for_leader(runtime)
        await asyncio.sleep(0.5)  # past its start-up checks, waiting on the log
        cpu_before = _cpu(follower)
        started_at = await tree_size(runtime.pool)
        beside = await appends.ours(runtime.store, db, writers, seconds, 20)
        at_end, head = await tree_size(runtime.pool), await runtime.store.head()
        cpu_window = _cpu(follower) - cpu_before
        catch_up = await wait_for_tree(runtime, head, CATCH_UP_LIMIT)
    window = beside.throughput.seconds
    run = FollowerRun(
        Throughput(at_end - started_at, window),
        cpu_window / window,
        head - at_end,
        catch_up,
        await count_checkpoints(runtime),
    )
    return alone, beside, run


async def build_large(
    runtime: Runtime, db: Database, env: dict[str, str], events: int
) -> tuple[Seeded, FollowerRun]:
    """Seed `events` events, then time the follower building the tree from zero."""
    await clear_log(db.url)
    await reset_tree(db)
    seeded = Seeded()
    await seed(runtime.store, events, seeded)
    head = await runtime.store.head()
    async with follower_process(env) as follower:
        # Timed from the moment it leads: the process's start-up is not the tree's work.
        await wait_for_leader(runtime)
        cpu_before, started = _cpu(follower), time.perf_counter()
        first = await tree_size(runtime.pool)
        await wait_for_tree(runtime, head, CATCH_UP_LIMIT)
        elapsed, cpu = time.perf_counter() - started, _cpu(follower) - cpu_before
        await asyncio.sleep(1.0)  # the last checkpoint
    run = FollowerRun(
        Throughput(head - first, elapsed), cpu / elapsed, 0, 0.0, await count_checkpoints(runtime)
    )
    return seeded, run


async def timed(calls: list[Callable[[], Awaitable[object]]], count: int) -> Latencies:
    """Latencies of awaiting each call (coroutine factories), one at a time."""
    samples = []
    started = time.perf_counter()
    for call in calls[:count]:
        began = time.perf_counter()
        await call()
        samples.append(time.perf_counter() - began)
    return latencies(samples, time.perf_counter() - started)


@dataclass(frozen=True)
class ProofRun:
    """Proof and root timings over the large log, and what the tables take."""

    inclusion: Latencies
    consistency: Latencies
    root: Latencies
    root_from_leaves: float
    check_seconds: float
    tree_bytes: int
    events_bytes: int
    nodes: int


async def proofs(runtime: Runtime, size: int, count: int) -> ProofRun:
    """Proofs at random positions and sizes, roots, and the full check against the root."""
    log = transparency_log(runtime, with_keys=False)
    rng = random.Random(11)
    positions = [rng.randint(1, size) for _ in range(count)]
    pairs = [sorted((rng.randint(1, size), rng.randint(1, size))) for _ in range(count)]
    inclusion = await timed([partial(log.inclusion, p, size) for p in positions], count)
    consistency = await timed([partial(log.consistency, a, b) for a, b in pairs], count)
    root = await timed([partial(log.root, a) for a, _ in pairs], count)
    started = time.perf_counter()
    rows = await runtime.pool.fetch("SELECT hash FROM merkle_nodes WHERE level = 0 ORDER BY idx")
    assert root_of([bytes(r["hash"]) for r in rows]) == await log.root(size)
    from_leaves = time.perf_counter() - started
    leaves, tree = PostgresEventLeaves(runtime.store), PostgresTreeNodes(runtime.pool)
    started = time.perf_counter()
    checked = await check_log(leaves, tree, size, await log.root(size))
    check_seconds = time.perf_counter() - started
    assert checked.intact
    sizes = await runtime.pool.fetchrow(
        "SELECT pg_total_relation_size('merkle_nodes') AS tree,"
        " pg_total_relation_size('events') AS events,"
        " (SELECT count(*) FROM merkle_nodes) AS nodes"
    )
    assert sizes is not None
    return ProofRun(
        inclusion,
        consistency,
        root,
        from_leaves,
        check_seconds,
        sizes["tree"],
        sizes["events"],
        sizes["nodes"],
    )


def _ms(lat: Latencies) -> str:
    return f"p50 {lat.p50:.2f} ms, p99 {lat.p99:.2f} ms, max {lat.max:.1f} ms"


def render(
    header: list[str],
    side: tuple[appends.Measured, appends.Measured, FollowerRun],
    large: tuple[Seeded, FollowerRun],
    proof: ProofRun,
    args: argparse.Namespace,
) -> str:
    """The markdown section."""
    alone, beside, follower = side
    seeded, built = large
    mib = 1024 * 1024
    rows = [
        ("Appends alone, ours", f"{alone.throughput.rate:,.0f} ev/s", alone.describe()),
        (
            "Appends with the follower running (own process)",
            f"{beside.throughput.rate:,.0f} ev/s",
            beside.describe(),
        ),
        (
            "Follower beside those appends: leaves added",
            f"{follower.added.rate:,.0f} ev/s",
            f"{follower.added.count:,} in {follower.added.seconds:.1f} s; behind by"
            f" {follower.lag_at_end:,} events when appends stopped, level"
            f" {follower.catch_up_seconds:.2f} s later; {follower.checkpoints} checkpoints"
            f" signed; follower process {follower.cpu_cores:.2f} cores",
        ),
        (
            f"Follower building the tree from zero, {built.added.count:,} events",
            f"{built.added.rate:,.0f} ev/s",
            f"{built.added.seconds:.1f} s; {built.checkpoints} checkpoints;"
            f" follower process {built.cpu_cores:.2f} cores",
        ),
        (
            f"Inclusion proof at {seeded.events:,} events (random positions)",
            _ms(proof.inclusion),
            f"{proof.inclusion.count:,} proofs, one at a time, leaf read from events",
        ),
        (
            f"Consistency proof at {seeded.events:,} events (random size pairs)",
            _ms(proof.consistency),
            f"{proof.consistency.count:,} proofs",
        ),
        ("Root of any size from stored subtrees", _ms(proof.root), "O(log n) rows"),
        (
            "Root from every stored leaf instead (the alternative to storing subtrees)",
            f"{proof.root_from_leaves:.2f} s",
            f"{seeded.events:,} leaf hashes read and hashed up",
        ),
        (
            "audit verify --checkpoint over the whole log",
            f"{proof.check_seconds:.1f} s",
            f"{seeded.events / proof.check_seconds:,.0f} ev/s: leaves recomputed from events",
        ),
        (
            "Tree tables (merkle_nodes)",
            f"{proof.tree_bytes / mib:,.0f} MiB",
            f"{proof.nodes:,} rows ({proof.nodes / seeded.events:.2f} per event);"
            f" {proof.tree_bytes / seeded.events:.0f} B/event; events table"
            f" {proof.events_bytes / mib:,.0f} MiB",
        ),
    ]
    lines = [*header, "", "| Benchmark | Result | Details |", "|---|--:|---|"]
    lines += [f"| {a} | {b} | {c.replace('|', '/')} |" for a, b, c in rows]
    lines += [
        "",
        f"Appends: {args.writers} writers for {args.append_seconds:.0f} s, one event per"
        " append, a new case every 20 events (the append benchmark's workload), events"
        " encrypted. The follower is `immportal worker transparency` in its own process"
        f" (batch 2000, a checkpoint every {args.every_events} events or 60 s, keys file"
        " on local disk, blobs on local disk); its tree size is polled from the database.",
    ]
    return "\n".join(lines)


def write_section(text: str) -> None:
    """Replace (or add) this benchmark's block in RESULTS.md, leaving the rest alone."""
    block = f"{BEGIN}\n{text.rstrip()}\n{END}"
    current = RESULTS.read_text(encoding="utf-8")
    if BEGIN in current and END in current:
        pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
        RESULTS.write_text(pattern.sub(lambda _m: block, current, count=1), encoding="utf-8")
        return
    RESULTS.write_text(current.rstrip() + "\n\n" + block + "\n", encoding="utf-8")


async def run(args: argparse.Namespace) -> str:
    """Both sections on one fresh database."""
    background = wait_for_quiet(args.wait_quiet)
    began, started = datetime.now(UTC), time.monotonic()
    server = await server_version(args.database_url)
    with tempfile.TemporaryDirectory() as scratch:
        keys = Path(scratch) / "checkpoint-keys"
        add_key(keys, generate_key("bench.immportal.example/log", began))
        async with bench_database(args.database_url) as db:
            settings = db.settings(checkpoint_key_file=keys, data_dir=Path(scratch))
            env = {
                "IMMPORTAL_DATABASE_URL": db.url,
                "IMMPORTAL_CIPHER_KEY": db.cipher_key,
                "IMMPORTAL_CHECKPOINT_KEY_FILE": str(keys),
                "IMMPORTAL_CHECKPOINT_EVERY_EVENTS": str(args.every_events),
                "IMMPORTAL_DATA_DIR": scratch,
                "IMMPORTAL_LOG_LEVEL": "warning",
                "IMMPORTAL_AUTO_MIGRATE": "false",
            }
            async with open_runtime(settings) as runtime:
                side = await beside_appends(runtime, db, env, args.writers, args.append_seconds)
                print(f"appends alone {side[0].throughput.rate:,.0f}, beside follower"
                      f" {side[1].throughput.rate:,.0f} ev/s; follower lag {side[2].lag_at_end}",
                      flush=True)  # fmt: skip
                large = await build_large(runtime, db, env, args.events)
                print(f"tree of {args.events:,}: {large[1].added.rate:,.0f} ev/s", flush=True)
                proof = await proofs(runtime, await runtime.store.head(), args.proofs)
    command = "python -m bench.transparency" + "".join(f" {a}" for a in sys.argv[1:])
    header = [
        f"## Transparency log, run of {began:%Y-%m-%d %H:%M} UTC",
        "",
        f"- Command: `{command}` ({time.monotonic() - started:.0f} s)",
        *machine_lines(server, background),
    ]
    return render(header, side, large, proof, args)


def main(argv: list[str] | None = None) -> None:
    """Entry point."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    configure_logging("warning", json=False)
    text = asyncio.run(run(args))
    print()
    print(text)
    if not args.no_write:
        write_section(text)
        print("\nwritten to bench/RESULTS.md")


if __name__ == "__main__":
    main()

"""The CLI's commands other than `serve`, each opening only what it needs."""

import argparse
from collections.abc import Callable, Coroutine
from typing import Any

import structlog
from aiohttp import web

from immportal.adapters.postgres.chain_verifier import verify_chain
from immportal.adapters.postgres.migrations import migrate
from immportal.projections.rebuild import rebuild
from immportal.projections.status import projection_statuses
from immportal.runtime import all_projections, database_url, open_runtime, running_projections
from immportal.services.demo import seed_demo_cases
from immportal.settings import Settings
from immportal.web.keys import RUNTIME

log = structlog.get_logger(__name__)

Command = Callable[[Settings, argparse.Namespace], Coroutine[Any, Any, int]]


async def run_worker(settings: Settings, _args: argparse.Namespace) -> int:
    """Run every projection until interrupted (leader or standby per projection)."""
    import asyncio

    async with open_runtime(settings) as runtime, running_projections(runtime):
        log.info("worker_started", projections=[p.name for p in all_projections()])
        await asyncio.Event().wait()
    return 0


async def run_migrate(settings: Settings, _args: argparse.Namespace) -> int:
    """Apply pending migrations and list them."""
    async with database_url(settings) as dsn:
        applied = await migrate(dsn, settings.database_app_role)
    print("\n".join(applied) if applied else "Database is up to date.")
    return 0


async def show_status(settings: Settings, _args: argparse.Namespace) -> int:
    """Print each projection's generation, position and lag."""
    async with open_runtime(settings) as runtime:
        statuses = await projection_statuses(runtime.pool)
    print(f"{'projection':<16} {'gen':>4} {'position':>10} {'head':>10} {'lag':>8}  leader")
    for s in statuses:
        leader = "running" if s.leader_running else "none"
        if s.rebuilding:
            leader += " (rebuilding)"
        print(f"{s.name:<16} {s.generation:>4} {s.position:>10} {s.head:>10} {s.lag:>8}  {leader}")
    return 0


async def rebuild_projection(settings: Settings, args: argparse.Namespace) -> int:
    """Rebuild one projection into a new generation and switch to it."""
    by_name = {p.name: p for p in all_projections()}
    if args.name not in by_name:
        print(f"Unknown projection {args.name!r}; choose from: {', '.join(sorted(by_name))}")
        return 2
    async with open_runtime(settings) as runtime:
        generation = await rebuild(
            dsn=runtime.dsn,
            role=settings.database_app_role,
            store=runtime.store,
            projection=by_name[args.name],
        )
    print(f"{args.name} rebuilt; now serving generation {generation}.")
    return 0


async def audit_verify(settings: Settings, _args: argparse.Namespace) -> int:
    """Recompute the hash chain; exit 1 and name the first broken position if any."""
    async with open_runtime(settings) as runtime:
        report = await verify_chain(runtime.store)
    if report.intact:
        print(f"Hash chain intact: {report.checked} events verified.")
        return 0
    print(
        f"Hash chain BROKEN at position {report.first_broken}: {report.problem} "
        f"({report.checked} events verified before it)."
    )
    return 1


async def demo_seed(settings: Settings, _args: argparse.Namespace) -> int:
    """Create demonstration cases."""
    async with open_runtime(settings) as runtime:
        ids = await seed_demo_cases(runtime.cases)
    print(f"Created {len(ids)} demonstration cases.")
    return 0


async def seed_on_start(app: web.Application) -> None:
    """In dev mode, seed demo cases once, when the database has none."""
    runtime = app[RUNTIME]
    if await runtime.store.head() == 0:
        await seed_demo_cases(runtime.cases)


COMMANDS: dict[tuple[str, str | None], Command] = {
    ("worker", None): run_worker,
    ("migrate", None): run_migrate,
    ("projections", "status"): show_status,
    ("projections", "rebuild"): rebuild_projection,
    ("audit", "verify"): audit_verify,
    ("demo", "seed"): demo_seed,
}

"""The CLI's commands other than `serve`, each opening only what it needs."""

import argparse
import asyncio
import getpass
import signal
import sys
import time
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import structlog
from aiohttp import web

from immportal.adapters.identity.argon2_hasher import Argon2Hasher
from immportal.adapters.identity.tokens import RandomTokens
from immportal.adapters.postgres.accounts import PostgresEmailIndex
from immportal.adapters.postgres.chain_verifier import verify_chain
from immportal.adapters.postgres.migrations import migrate
from immportal.adapters.postgres.receipts import PostgresReceiptNumbers
from immportal.app.cli.appointments import generate_appointments
from immportal.app.cli.audit import audit_export
from immportal.app.cli.blobs import sweep_blobs
from immportal.app.container import Runtime, all_projections, database_url, open_runtime
from immportal.app.workers import ALL_KINDS, running, worker_jobs
from immportal.dev.demo.accounts import (
    NotADemoAccount,
    credential_lines,
    current_code,
    demo_owners,
    seed_demo_accounts,
)
from immportal.dev.demo.cases import seed_demo_cases
from immportal.dev.demo.history_events import seed_demo_history
from immportal.dev.payments_sandbox.command import run_sandbox
from immportal.domain.actor import Actor, Role
from immportal.domain.errors import InvalidArgument
from immportal.domain.identity.errors import EmailTaken
from immportal.integration.schema_docs import write_documents
from immportal.projections.rebuild import rebuild
from immportal.projections.status import projection_statuses
from immportal.services.identity.staff import StaffAccountService
from immportal.services.notifications.ports import MailUnavailable
from immportal.services.repository import Repository
from immportal.settings import Settings
from immportal.web.keys import RUNTIME

log = structlog.get_logger(__name__)

Command = Callable[[Settings, argparse.Namespace], Coroutine[Any, Any, int]]


async def run_worker(settings: Settings, args: argparse.Namespace) -> int:
    """Run the chosen workers until interrupted (each leads or stands by)."""
    kinds = list(dict.fromkeys(args.kinds or ["projections"]))
    unknown = [k for k in kinds if k not in ALL_KINDS]
    if unknown:
        print(f"Unknown worker {', '.join(unknown)}; choose from {', '.join(ALL_KINDS)}.")
        return 2
    if settings.rabbitmq_url is None and ("relay" in kinds) != ("notifications" in kinds):
        print(
            "The relay and the notification consumer share an in-process bus unless "
            "IMMPORTAL_RABBITMQ_URL is set: run them together "
            "(immportal worker relay notifications) or configure RabbitMQ."
        )
        return 2
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGTERM, signal.SIGINT):
        # Stop cleanly (finish in-flight work, release leadership) instead of dying.
        loop.add_signal_handler(signal_number, stop.set)
    async with open_runtime(settings) as runtime, running(worker_jobs(runtime, kinds)):
        log.info("worker_started", kinds=kinds)
        await stop.wait()
    log.info("worker_stopped", kinds=kinds)
    return 0


async def list_dead_letters(settings: Settings, args: argparse.Namespace) -> int:
    """Print the messages a consumer parked after its last attempt."""
    if not _needs_broker(settings):
        return 2
    async with open_runtime(settings) as runtime:
        parked = await runtime.bus.dead_letters(args.consumer)
    print(f"{len(parked)} dead-lettered message(s) for {args.consumer}.")
    for message in parked:
        error = message.headers.get("x-last-error", "unknown error")
        print(f"{message.message_id}  {message.routing_key}  {error}")
    return 0


async def replay_dead_letters(settings: Settings, args: argparse.Namespace) -> int:
    """Send a consumer's parked messages back for a fresh set of attempts."""
    if not _needs_broker(settings):
        return 2
    async with open_runtime(settings) as runtime:
        count = await runtime.bus.replay_dead_letters(args.consumer)
    print(f"Replayed {count} message(s) to {args.consumer}.")
    return 0


async def write_schemas(_settings: Settings, args: argparse.Namespace) -> int:
    """Write the integration events' schemas and index."""
    for path in write_documents(Path(args.out)):
        print(path)
    return 0


def _needs_broker(settings: Settings) -> bool:
    if settings.rabbitmq_url is None:
        print(
            "Dead letters are kept by RabbitMQ; set IMMPORTAL_RABBITMQ_URL. (The in-process "
            "bus of the embedded mode keeps them in the serving process's memory.)"
        )
        return False
    return True


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
            # Built again with the runtime: the notices projection writes to its blob store.
            projection={p.name: p for p in all_projections(runtime)}[args.name],
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


def _staff(runtime: Runtime) -> StaffAccountService:
    return StaffAccountService(
        Repository(runtime.store), Argon2Hasher(), RandomTokens(), PostgresEmailIndex(runtime.pool)
    )


def _cli_actor() -> Actor:
    # Events record who ran the command: the operating-system user at the console.
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return Actor(f"cli:{user}", Role.ADMIN)


def _show(lines: list[str]) -> None:
    # Straight to the console, never through structlog: these lines hold passwords.
    sys.stdout.write("".join(f"{line}\n" for line in lines))
    sys.stdout.flush()


async def _seed_accounts(runtime: Runtime) -> None:
    """Create the demo accounts and show how to sign in to them; development only."""
    created = await seed_demo_accounts(
        _staff(runtime), runtime.accounts, PostgresEmailIndex(runtime.pool), datetime.now(UTC)
    )
    _show(credential_lines(created))


async def demo_seed(settings: Settings, args: argparse.Namespace) -> int:
    """Create demonstration cases and, in dev mode, one account per role."""
    async with open_runtime(settings) as runtime:
        # Accounts first, so that the demo cases can belong to the demo applicant.
        if settings.dev:
            await _seed_accounts(runtime)
        else:
            # Accounts with printed passwords have no place outside development.
            print(_DEV_ONLY.format(what="Demo accounts are made"), file=sys.stderr)
        owners = await demo_owners(PostgresEmailIndex(runtime.pool))
        ids = await seed_demo_cases(runtime.cases, owners)
        print(f"Created {len(ids)} demonstration cases.")
        if args.history:
            history = await _seed_history(runtime)
            print(f"Created {len(history)} synthetic cases with a year of history.")
    return 0


async def _seed_history(runtime: Runtime) -> list[UUID]:
    """Write the synthetic cases in every status; log how long it took."""
    started = time.perf_counter()
    ids = await seed_demo_history(runtime.store, PostgresReceiptNumbers(runtime.pool))
    log.info("demo_history_seeded", cases=len(ids), seconds=round(time.perf_counter() - started, 2))
    return ids


_DEV_ONLY = "{what} only in development mode (IMMPORTAL_DEV=true)."


async def demo_otp(settings: Settings, args: argparse.Namespace) -> int:
    """Print the current authenticator code of a demo account (dev mode only)."""
    if not settings.dev:
        print(_DEV_ONLY.format(what="Demo codes are shown"))
        return 2
    async with open_runtime(settings) as runtime:
        try:
            code = await current_code(
                runtime.accounts, PostgresEmailIndex(runtime.pool), args.email, datetime.now(UTC)
            )
        except (NotADemoAccount, InvalidArgument) as refused:
            print(refused)
            return 2
    _show([code])
    return 0


async def create_user(settings: Settings, args: argparse.Namespace) -> int:
    """Create an account in a role and email its one-time enrolment link."""
    async with open_runtime(settings) as runtime:
        try:
            account_id = await _staff(runtime).open_account(
                email=args.email,
                names=[args.name],
                role=Role(args.role),
                actor=_cli_actor(),
                office=args.office,
            )
        except (EmailTaken, InvalidArgument) as refused:
            print(f"{str(refused).rstrip('.')}. Nothing was created.")
            return 2
        try:
            await runtime.email_links.send_enrolment(account_id, datetime.now(UTC))
        except MailUnavailable:
            print(
                f"Created {args.role} account for {args.email}, but the enrolment email could"
                " not be sent. Check the mail settings; an admin can send a new link later."
            )
            return 1
    print(f"Created {args.role} account for {args.email}; an enrolment link was emailed.")
    return 0


async def seed_on_start(app: web.Application) -> None:
    """In dev mode, seed demo cases once (on an empty log) and any missing demo accounts."""
    runtime = app[RUNTIME]
    if not runtime.settings.dev:
        return
    empty = await runtime.store.head() == 0
    await _seed_accounts(runtime)
    if empty:
        # The accounts came first, so that the demo cases belong to the demo applicant.
        await seed_demo_cases(runtime.cases, await demo_owners(PostgresEmailIndex(runtime.pool)))
        await _seed_history(runtime)


COMMANDS: dict[tuple[str, str | None], Command] = {
    ("worker", None): run_worker,
    ("migrate", None): run_migrate,
    ("projections", "status"): show_status,
    ("projections", "rebuild"): rebuild_projection,
    ("audit", "verify"): audit_verify,
    ("audit", "export"): audit_export,
    ("demo", "seed"): demo_seed,
    ("demo", "otp"): demo_otp,
    ("users", "create"): create_user,
    ("integration", "schemas"): write_schemas,
    ("deadletters", "list"): list_dead_letters,
    ("deadletters", "replay"): replay_dead_letters,
    ("blobs", "sweep"): sweep_blobs,
    ("appointments", "generate"): generate_appointments,
    ("sandbox-payments", None): run_sandbox,
}

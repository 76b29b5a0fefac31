"""`immportal demo seed|otp`, and seeding a dev portal when it starts; development only."""

import time
from datetime import UTC, datetime
from uuid import UUID

import click
import structlog
from aiohttp import web

from immportal.adapters.postgres.accounts import PostgresEmailIndex
from immportal.adapters.postgres.receipts import PostgresReceiptNumbers
from immportal.app.cli.context import CommandGroup, pass_settings, run
from immportal.app.cli.users import staff_accounts
from immportal.app.container import RUNTIME, Runtime, open_runtime
from immportal.dev.demo.accounts import (
    NotADemoAccount,
    credential_lines,
    current_code,
    demo_owners,
    demo_staff,
    seed_demo_accounts,
)
from immportal.dev.demo.cases import DemoOwners, seed_demo_cases
from immportal.dev.demo.history_events import seed_demo_history
from immportal.domain.errors import InvalidArgument
from immportal.settings import Settings

log = structlog.get_logger(__name__)

_DEV_ONLY = "{what} only in development mode (IMMPORTAL_DEV=true)."


@click.group(cls=CommandGroup, help="demonstration data")
def demo() -> None:
    """The demonstration data's commands."""


@demo.command(help="create realistic cases (and, in dev mode, accounts)")
@click.option("--history", is_flag=True, help="also ~150 synthetic cases over the past year")
@pass_settings
def seed(settings: Settings, history: bool) -> None:
    """Create the demonstration cases (and accounts in dev mode)."""
    run(demo_seed(settings, history))


@demo.command(help="print a demo account's current code (dev mode)")
@click.argument("email")
@pass_settings
def otp(settings: Settings, email: str) -> None:
    """Print a demo account's current authenticator code."""
    run(demo_otp(settings, email))


async def demo_seed(settings: Settings, history: bool) -> int:
    """Create demonstration cases and, in dev mode, one account per role."""
    async with open_runtime(settings) as runtime:
        # Accounts first, so that the demo cases can belong to the demo applicant.
        if settings.dev:
            _show(await _seed_accounts(runtime))
        else:
            # Accounts with printed passwords have no place outside development.
            click.echo(_DEV_ONLY.format(what="Demo accounts are made"), err=True)
        owners = await demo_owners(PostgresEmailIndex(runtime.pool))
        ids = await seed_demo_cases(runtime.cases, owners)
        click.echo(f"Created {len(ids)} demonstration cases.")
        if history:
            synthetic = await _seed_history(runtime, owners)
            click.echo(f"Created {len(synthetic)} synthetic cases with a year of history.")
    return 0


async def demo_otp(settings: Settings, email: str) -> int:
    """Print the current authenticator code of a demo account (dev mode only)."""
    if not settings.dev:
        click.echo(_DEV_ONLY.format(what="Demo codes are shown"))
        return 2
    async with open_runtime(settings) as runtime:
        try:
            code = await current_code(
                runtime.accounts, PostgresEmailIndex(runtime.pool), email, datetime.now(UTC)
            )
        except (NotADemoAccount, InvalidArgument) as refused:
            click.echo(str(refused))
            return 2
    _show([code])
    return 0


async def seed_on_start(app: web.Application) -> None:
    """In dev mode, seed demo cases once (on an empty log) and any missing demo accounts."""
    runtime = app[RUNTIME]
    if not runtime.settings.dev:
        return
    empty = await runtime.store.head() == 0
    # Shown after the "serving at" line (see serve.py), where a newcomer looks last.
    app[DEMO_SIGN_INS] = await _seed_accounts(runtime)
    if empty:
        # The accounts came first, so that the demo cases belong to the demo applicant and
        # are worked by the offices' demo staff.
        owners = await demo_owners(PostgresEmailIndex(runtime.pool))
        await seed_demo_cases(runtime.cases, owners)
        await _seed_history(runtime, owners)


async def _seed_accounts(runtime: Runtime) -> list[str]:
    """Create the demo accounts; the lines that say how to sign in to them (development only)."""
    created = await seed_demo_accounts(
        staff_accounts(runtime),
        runtime.accounts,
        PostgresEmailIndex(runtime.pool),
        datetime.now(UTC),
    )
    return credential_lines(created)


async def _seed_history(runtime: Runtime, owners: DemoOwners | None) -> list[UUID]:
    """Write the synthetic cases in every status (worked by the offices' demo staff if any)."""
    started = time.perf_counter()
    staff = owners.staff if owners else await demo_staff(PostgresEmailIndex(runtime.pool))
    ids = await seed_demo_history(runtime.store, PostgresReceiptNumbers(runtime.pool), staff=staff)
    log.info("demo_history_seeded", cases=len(ids), seconds=round(time.perf_counter() - started, 2))
    return ids


DEMO_SIGN_INS = web.AppKey("demo_sign_ins", list[str])
"""How to sign in to the demo accounts, for the announcement once the portal serves."""


def show_sign_ins(app: web.Application) -> None:
    """Print how to sign in to the demo accounts, if this start made or found any."""
    _show(app.get(DEMO_SIGN_INS, []))


def _show(lines: list[str]) -> None:
    # Straight to the console, never through structlog: these lines hold passwords.
    click.echo("".join(f"{line}\n" for line in lines), nl=False)

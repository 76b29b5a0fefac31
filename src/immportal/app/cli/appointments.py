"""`immportal appointments generate`, and filling the calendars when a dev portal starts."""

from datetime import UTC, datetime

import click
import structlog
from aiohttp import web

from immportal.adapters.postgres.appointments import PostgresAppointmentBook
from immportal.adapters.postgres.connection import create_pool
from immportal.adapters.postgres.migrations import migrate
from immportal.app.cli.context import CommandGroup, pass_settings, run
from immportal.app.container import RUNTIME, close_pool, database_url
from immportal.services.appointments.slots import DEFAULT_DAYS, generate_slots
from immportal.settings import Settings

log = structlog.get_logger(__name__)


@click.group(cls=CommandGroup, help="appointment calendars")
def appointments() -> None:
    """The appointment calendars' commands."""


@appointments.command(help="add the slots of the coming days to every calendar (idempotent)")
@click.option("--days", type=int, default=DEFAULT_DAYS)
@pass_settings
def generate(settings: Settings, days: int) -> None:
    """Add the missing slots of the coming days."""
    run(generate_appointments(settings, days))


async def generate_appointments(settings: Settings, days: int) -> int:
    """Add the missing slots of the next `days` days, starting today."""
    if days < 1:
        click.echo("--days must be at least 1.")
        return 2
    async with database_url(settings) as dsn:
        if settings.auto_migrate:
            await migrate(dsn, settings.database_app_role)
        pool = await create_pool(dsn, role=settings.database_app_role, size=2)
        try:
            added = await generate_slots(
                PostgresAppointmentBook(pool), datetime.now(UTC).date(), days
            )
        finally:
            await close_pool(pool)
    click.echo(f"Added {added} appointment slots for the next {days} days.")
    return 0


async def generate_on_start(app: web.Application) -> None:
    """Fill the calendars when the portal starts in dev mode or on its embedded database."""
    runtime = app[RUNTIME]
    book = PostgresAppointmentBook(runtime.pool)
    added = await generate_slots(book, datetime.now(UTC).date(), DEFAULT_DAYS)
    log.info("appointment_slots_generated", added=added)

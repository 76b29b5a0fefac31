"""The `immportal appointments` commands, and filling the calendars at a dev start."""

import argparse
from datetime import UTC, datetime

import structlog
from aiohttp import web

from immportal.adapters.postgres.appointments import PostgresAppointmentBook
from immportal.adapters.postgres.connection import create_pool
from immportal.adapters.postgres.migrations import migrate
from immportal.app.container import close_pool, database_url
from immportal.services.appointments.slots import DEFAULT_DAYS, generate_slots
from immportal.settings import Settings
from immportal.web.keys import RUNTIME

log = structlog.get_logger(__name__)


def add_appointment_commands(
    commands: "argparse._SubParsersAction[argparse.ArgumentParser]",
) -> None:
    """Declare `appointments generate [--days N]`."""
    appointments = commands.add_parser("appointments", help="appointment calendars")
    generate = appointments.add_subparsers(dest="action", required=True).add_parser(
        "generate", help="add the slots of the coming days to every calendar (idempotent)"
    )
    generate.add_argument("--days", type=int, default=DEFAULT_DAYS)


async def generate_appointments(settings: Settings, args: argparse.Namespace) -> int:
    """Add the missing slots of the next --days days, starting today."""
    if args.days < 1:
        print("--days must be at least 1.")
        return 2
    async with database_url(settings) as dsn:
        if settings.auto_migrate:
            await migrate(dsn, settings.database_app_role)
        pool = await create_pool(dsn, role=settings.database_app_role, size=2)
        try:
            added = await generate_slots(
                PostgresAppointmentBook(pool), datetime.now(UTC).date(), args.days
            )
        finally:
            await close_pool(pool)
    print(f"Added {added} appointment slots for the next {args.days} days.")
    return 0


async def generate_on_start(app: web.Application) -> None:
    """Fill the calendars when the portal starts in dev mode or on its embedded database."""
    runtime = app[RUNTIME]
    book = PostgresAppointmentBook(runtime.pool)
    added = await generate_slots(book, datetime.now(UTC).date(), DEFAULT_DAYS)
    log.info("appointment_slots_generated", added=added)

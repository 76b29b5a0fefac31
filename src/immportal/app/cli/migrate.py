"""`immportal migrate`: apply the database migrations that are still pending."""

import click

from immportal.adapters.postgres.migrations import migrate
from immportal.app.cli.context import pass_settings, run
from immportal.app.container import database_url
from immportal.settings import Settings


@click.command(name="migrate", help="apply database migrations")
@pass_settings
def migrate_command(settings: Settings) -> None:
    """Apply pending migrations and list them."""
    run(run_migrate(settings))


async def run_migrate(settings: Settings) -> int:
    """Apply pending migrations and list them."""
    async with database_url(settings) as dsn:
        applied = await migrate(dsn, settings.database_app_role)
    click.echo("\n".join(applied) if applied else "Database is up to date.")
    return 0

"""`immportal maintenance purge`: remove expired sessions, tokens, counters and inbox records."""

import click

from immportal.app.cli.context import CommandGroup, pass_settings, run
from immportal.app.container import open_runtime
from immportal.app.housekeeping import purge_now
from immportal.settings import Settings


@click.group(cls=CommandGroup, help="housekeeping of working state (never events)")
def maintenance() -> None:
    """The operators' housekeeping commands."""


@maintenance.command(help="delete working state past its retention, in bounded batches")
@click.option("--batch-size", default=1000, show_default=True, type=click.IntRange(min=1))
@pass_settings
def purge(settings: Settings, batch_size: int) -> None:
    """Purge once and print how many rows went from each table."""
    run(_purge(settings, batch_size))


async def _purge(settings: Settings, batch_size: int) -> int:
    async with open_runtime(settings) as runtime:
        removed = await purge_now(runtime, batch_size)
    for table, count in removed.items():
        click.echo(f"{table}\t{count}")
    return 0

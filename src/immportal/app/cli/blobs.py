"""`immportal blobs sweep`: delete blobs whose upload was never recorded."""

import re
from datetime import timedelta

import click

from immportal.adapters.postgres.connection import create_pool
from immportal.adapters.postgres.recorded_aggregates import PostgresRecordedAggregates
from immportal.app.blob_store import open_blob_store
from immportal.app.cli.context import CommandGroup, pass_settings, run
from immportal.app.container import close_pool, database_url
from immportal.services.evidence.sweep import MIN_AGE, sweep_orphan_blobs
from immportal.settings import Settings

_AGE = re.compile(r"(\d+)\s*([smhd])")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def parse_age(_ctx: click.Context, _param: click.Parameter, text: str) -> timedelta:
    """An age such as '90m', '1h' or '2d'."""
    match = _AGE.fullmatch(text.strip().lower())
    if match is None:
        raise click.BadParameter(f"not an age like 30m, 1h or 2d: {text!r}")
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


@click.group(cls=CommandGroup, help="uploaded files in the blob store")
def blobs() -> None:
    """The commands over the blob store."""


@blobs.command(help="delete blobs whose upload event never arrived")
@click.option("--older-than", metavar="AGE", default="1h", callback=parse_age)
@click.option("--dry-run", is_flag=True, help="list them, delete nothing")
@pass_settings
def sweep(settings: Settings, older_than: timedelta, dry_run: bool) -> None:
    """Delete (or list) orphan blobs."""
    if older_than < MIN_AGE:
        # Younger blobs may belong to uploads still under way.
        raise click.BadParameter(f"must be at least {MIN_AGE}", param_hint="'--older-than'")
    run(sweep_blobs(settings, older_than, dry_run))


async def sweep_blobs(settings: Settings, older_than: timedelta, dry_run: bool) -> int:
    """Delete (or with --dry-run, list) orphan blobs older than --older-than."""
    async with database_url(settings) as dsn, open_blob_store(settings) as store:
        pool = await create_pool(dsn, role=settings.database_app_role, size=2)
        try:
            report = await sweep_orphan_blobs(
                store, PostgresRecordedAggregates(pool), older_than=older_than, dry_run=dry_run
            )
        finally:
            await close_pool(pool)
    for key in report.deleted:
        click.echo(("would delete " if dry_run else "deleted ") + key)
    for key in report.aborted:
        click.echo(("would abort " if dry_run else "aborted ") + f"the unfinished upload of {key}")
    click.echo(f"{len(report.deleted)} orphan blobs of {report.examined} examined.")
    return 0

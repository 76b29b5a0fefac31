"""The `immportal blobs` commands: sweep away blobs whose upload was never recorded."""

import argparse
import re
from datetime import timedelta

from immportal.adapters.postgres.connection import create_pool
from immportal.adapters.postgres.recorded_aggregates import PostgresRecordedAggregates
from immportal.app.blob_store import open_blob_store
from immportal.app.container import close_pool, database_url
from immportal.services.evidence.sweep import sweep_orphan_blobs
from immportal.settings import Settings

_AGE = re.compile(r"(\d+)\s*([smhd])")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def parse_age(text: str) -> timedelta:
    """An age such as '90m', '1h' or '2d'."""
    match = _AGE.fullmatch(text.strip().lower())
    if match is None:
        raise argparse.ArgumentTypeError(f"not an age like 30m, 1h or 2d: {text!r}")
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


def add_blob_commands(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Declare `blobs sweep --older-than AGE [--dry-run]`."""
    blobs = commands.add_parser("blobs", help="uploaded files in the blob store")
    sweep = blobs.add_subparsers(dest="action", required=True).add_parser(
        "sweep", help="delete blobs whose upload event never arrived"
    )
    sweep.add_argument("--older-than", type=parse_age, default=timedelta(hours=1))
    sweep.add_argument("--dry-run", action="store_true", help="list them, delete nothing")


async def sweep_blobs(settings: Settings, args: argparse.Namespace) -> int:
    """Delete (or with --dry-run, list) orphan blobs older than --older-than."""
    async with database_url(settings) as dsn, open_blob_store(settings) as blobs:
        pool = await create_pool(dsn, role=settings.database_app_role, size=2)
        try:
            report = await sweep_orphan_blobs(
                blobs,
                PostgresRecordedAggregates(pool),
                older_than=args.older_than,
                dry_run=args.dry_run,
            )
        finally:
            await close_pool(pool)
    for key in report.deleted:
        print(("would delete " if args.dry_run else "deleted ") + key)
    for key in report.aborted:
        print(("would abort " if args.dry_run else "aborted ") + f"the unfinished upload of {key}")
    print(f"{len(report.deleted)} orphan blobs of {report.examined} examined.")
    return 0

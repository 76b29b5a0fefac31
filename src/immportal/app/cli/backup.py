"""`immportal backup verify`: the restore drill that proves a backup complete."""

from pathlib import Path

import click

from immportal.app.backup_drill import DrillFailed, run_drill
from immportal.app.cli.context import CommandGroup, pass_settings, run
from immportal.settings import Settings


@click.group(cls=CommandGroup, help="backups of the database")
def backup() -> None:
    """The operators' backup commands."""


@backup.command(help="restore a pg_dump into a new database and prove it complete")
@click.option(
    "--dump",
    "dump_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="a custom-format pg_dump to check (default: take one of the configured database now)",
)
@click.option(
    "--tools",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="folder of pg_dump and pg_restore (default: PATH, else the embedded server's)",
)
@pass_settings
def verify(settings: Settings, dump_file: Path | None, tools: Path | None) -> None:
    """Restore, verify the chain and the log, rebuild every read model; exit 1 on a difference."""
    run(_verify(settings, dump_file, tools))


async def _verify(settings: Settings, dump_file: Path | None, tools: Path | None) -> int:
    try:
        report = await run_drill(settings, dump_file=dump_file, tools=tools)
    except DrillFailed as failure:
        click.echo(f"immportal: {failure}", err=True)
        return 2
    click.echo(f"events restored: {report.events} (head {report.head})")
    click.echo(f"hash chain: {'intact' if report.chain_intact else 'BROKEN'}")
    click.echo(f"log equals the source's: {'yes' if report.log_matches_source else 'NO'}")
    for name, equal in report.read_models.items():
        click.echo(f"read model {name}: {'equal to a rebuild' if equal else 'DIFFERS'}")
    for difference in report.differences:
        click.echo(f"difference: {difference}")
    click.echo("backup complete" if report.complete else "backup NOT complete")
    return 0 if report.complete else 1

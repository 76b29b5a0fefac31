"""`immportal audit verify|export`: check the hash chain, write one case's history."""

from uuid import UUID

import click

from immportal.adapters.postgres.audit_queries import PostgresAuditLog
from immportal.adapters.postgres.chain_verifier import verify_chain
from immportal.app.cli.context import CommandGroup, pass_settings, run
from immportal.app.container import open_runtime
from immportal.errors import NotFound
from immportal.services.audit.export import HISTORY_FIELDS, csv_lines, history_row, json_lines
from immportal.services.audit.history import case_history
from immportal.settings import Settings


@click.group(cls=CommandGroup, help="audit tools")
def audit() -> None:
    """The auditors' commands."""


@audit.command(help="recompute the event hash chain")
@pass_settings
def verify(settings: Settings) -> None:
    """Recompute the hash chain; exit 1 if it is broken."""
    run(audit_verify(settings))


@audit.command(help="write one case's history to standard output")
@click.option("--case", "case_id", required=True, type=click.UUID, help="the case id")
@click.option("--format", "output", type=click.Choice(["jsonl", "csv"]), default="jsonl")
@pass_settings
def export(settings: Settings, case_id: UUID, output: str) -> None:
    """Write one case's history as JSON Lines or CSV."""
    run(audit_export(settings, case_id, output))


async def audit_verify(settings: Settings) -> int:
    """Recompute the hash chain; exit 1 and name the first broken position if any."""
    async with open_runtime(settings) as runtime:
        report = await verify_chain(runtime.store)
    if report.intact:
        click.echo(f"Hash chain intact: {report.checked} events verified.")
        return 0
    click.echo(
        f"Hash chain BROKEN at position {report.first_broken}: {report.problem} "
        f"({report.checked} events verified before it)."
    )
    return 1


async def audit_export(settings: Settings, case_id: UUID, output: str) -> int:
    """Print the case's history (the same rows as the auditor page's downloads)."""
    async with open_runtime(settings) as runtime:
        log = PostgresAuditLog(runtime.pool, runtime.store.mapper)
        try:
            entries = await case_history(log, case_id)
        except NotFound:
            click.echo(f"immportal: no case {case_id}", err=True)
            return 1
    rows = [history_row(entry) for entry in entries]
    if output == "csv":
        click.echo(csv_lines(rows, HISTORY_FIELDS, header=True), nl=False)
    else:
        click.echo(json_lines(rows), nl=False)
    return 0

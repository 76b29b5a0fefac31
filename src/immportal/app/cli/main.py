"""The `immportal` command: serve, worker, migrate, projections, audit, demo, users."""

from collections.abc import Sequence
from typing import Any

import click

from immportal.app.checkpoint_keys import SigningKeyProblem
from immportal.app.cipher_key import CipherKeyProblem
from immportal.app.cli.appointments import appointments
from immportal.app.cli.audit import audit
from immportal.app.cli.backup import backup
from immportal.app.cli.blobs import blobs
from immportal.app.cli.case_file import cases
from immportal.app.cli.context import CommandGroup
from immportal.app.cli.demo import demo
from immportal.app.cli.maintenance import maintenance
from immportal.app.cli.messaging import deadletters, integration
from immportal.app.cli.migrate import migrate_command
from immportal.app.cli.projections import projections
from immportal.app.cli.sandbox import sandbox_payments
from immportal.app.cli.serve import serve
from immportal.app.cli.users import users
from immportal.app.cli.workers import worker
from immportal.app.logging_setup import configure_logging
from immportal.app.production_checks import ProductionDefaultsProblem
from immportal.settings import Settings


class PortalGroup(CommandGroup):
    """The root group: a configuration mistake ends with what to do, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the chosen command; a key or a missing production service exits 2, saying why."""
        try:
            return super().invoke(ctx)
        except (CipherKeyProblem, SigningKeyProblem, ProductionDefaultsProblem) as problem:
            click.echo(f"immportal: {problem}", err=True)
            ctx.exit(2)


@click.group(name="immportal", cls=PortalGroup, help=__doc__)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Read the settings once, set up logging, and hand the settings to the command."""
    settings = Settings()
    configure_logging(settings.log_level, json=settings.log_json)
    ctx.obj = settings


for _command in (
    serve,
    worker,
    migrate_command,
    projections,
    audit,
    integration,
    deadletters,
    demo,
    users,
    blobs,
    appointments,
    sandbox_payments,
    maintenance,
    backup,
    cases,
):
    cli.add_command(_command)


def main(argv: Sequence[str] | None = None) -> None:
    """Run one command and exit the process with its code."""
    cli.main(args=argv, prog_name="immportal")

"""`immportal sandbox-payments`: the development payment provider on its own."""

from __future__ import annotations

import click

from immportal.app.cli.context import pass_settings, run
from immportal.dev.payments_sandbox.command import DEFAULT_PORT, run_sandbox
from immportal.settings import Settings

_HELP = "run the sandbox payment provider (set IMMPORTAL_PAYMENTS_URL to reach it)"


# The short help too, so that the list of commands shows it whole rather than cut.
@click.command(name="sandbox-payments", help=_HELP, short_help=_HELP)
@click.option("--host")
@click.option("--port", type=int, help=f"default {DEFAULT_PORT}")
@pass_settings
def sandbox_payments(settings: Settings, host: str | None, port: int | None) -> None:
    """Serve the sandbox until interrupted."""
    run(run_sandbox(settings, host, port))

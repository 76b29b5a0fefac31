"""`immportal worker`: the background workers, each leading or standing by, until stopped."""

import asyncio
import signal

import click
import structlog

from immportal.app.checkpoint_keys import checkpoint_keyring
from immportal.app.cli.context import pass_settings, run
from immportal.app.container import open_runtime
from immportal.app.metrics_server import metrics_listener
from immportal.app.production_checks import check_production_services, warn_about_login_role
from immportal.app.tracing import start_tracing
from immportal.app.workers import ALL_KINDS, Kind, running, worker_jobs
from immportal.settings import Settings

log = structlog.get_logger(__name__)


@click.command(
    help="background workers (projections by default)\n\n"
    f"Arguments: which workers to run, of {', '.join(ALL_KINDS)} (default: projections)"
)
# The kinds are listed in the help: in the usage line they no longer fit a terminal's width.
@click.argument("kinds", nargs=-1, metavar="[KIND]...")
@pass_settings
def worker(settings: Settings, kinds: tuple[str, ...]) -> None:
    """Run the chosen workers until interrupted."""
    run(run_worker(settings, list(kinds)))


async def run_worker(settings: Settings, names: list[str]) -> int:
    """Run the chosen workers until interrupted (each leads or stands by)."""
    names = list(dict.fromkeys(names or ["projections"]))
    unknown = [name for name in names if name not in ALL_KINDS]
    if unknown:
        click.echo(f"Unknown worker {', '.join(unknown)}; choose from {', '.join(ALL_KINDS)}.")
        return 2
    known: dict[str, Kind] = {kind: kind for kind in ALL_KINDS}
    kinds = [known[name] for name in names]
    if settings.rabbitmq_url is None and ("relay" in kinds) != ("notifications" in kinds):
        click.echo(
            "The relay and the notification consumer share an in-process bus unless "
            "IMMPORTAL_RABBITMQ_URL is set: run them together "
            "(immportal worker relay notifications) or configure RabbitMQ."
        )
        return 2
    if "transparency" in kinds:
        # Before anything opens: without a key that can sign, refuse to start at all.
        checkpoint_keyring(settings, signing=True)
    if "notifications" in kinds:
        # The consumer sends the mail: outside development it needs SMTP (or the opt-out).
        check_production_services(settings, frozenset({"mail"}))
    start_tracing("immportal-worker")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGTERM, signal.SIGINT):
        # Stop cleanly (finish in-flight work, release leadership) instead of dying.
        loop.add_signal_handler(signal_number, stop.set)
    async with (
        metrics_listener(settings),
        open_runtime(settings) as runtime,
        running(worker_jobs(runtime, kinds)),
    ):
        if not settings.dev:
            await warn_about_login_role(runtime.pool)
        log.info("worker_started", kinds=kinds)
        await stop.wait()
    log.info("worker_stopped", kinds=kinds)
    return 0

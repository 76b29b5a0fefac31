"""`immportal serve`: the web portal, and its projection workers unless told otherwise."""

import sys
from collections.abc import Callable

import click
from aiohttp import web

from immportal.app.cli.appointments import generate_on_start
from immportal.app.cli.context import pass_settings
from immportal.app.cli.demo import seed_on_start, show_sign_ins
from immportal.app.production_checks import check_production_services, warn_about_login_role
from immportal.app.web_processes import default_processes, supervise
from immportal.settings import Settings


@click.command(help="web portal (and projection workers)")
@click.option("--host")
@click.option("--port", type=int)
@click.option("--dev", is_flag=True, help="dev pages and demo data")
@click.option("--no-workers", is_flag=True, help="web only")
@click.option(
    "--processes",
    type=click.IntRange(min=1),
    help="web processes sharing the port (default: one per core; one in dev mode)",
)
@pass_settings
def serve(
    settings: Settings,
    host: str | None,
    port: int | None,
    dev: bool,
    no_workers: bool,
    processes: int | None,
) -> None:
    """Serve the portal until interrupted, the options taking precedence over the environment."""
    overrides: dict[str, object] = {k: v for k, v in (("host", host), ("port", port)) if v}
    if dev:
        overrides["dev"] = True
    if no_workers:
        overrides["run_workers"] = False
    if processes:
        overrides["web_processes"] = processes
    if overrides:
        # Validated again, so that what follows from host and port (the public URL) follows them.
        values = settings.model_dump(include=settings.model_fields_set) | overrides
        settings = Settings.model_validate(values)
    serve_portal(settings)


def serve_portal(settings: Settings) -> None:
    """Serve with as many web processes as set (or one per core outside development)."""
    embedded = settings.database_url is None
    count = settings.web_processes or default_processes(settings.dev, embedded)
    if count == 1:
        serve_process(settings)
        return
    if embedded:
        raise click.UsageError(
            "Several web processes need IMMPORTAL_DATABASE_URL: the embedded PostgreSQL "
            "belongs to one process."
        )
    # Before any process starts: a missing key or service is said once, with exit code 2.
    from immportal.app.web_app import check_keys

    check_keys(settings)
    check_production_services(settings)
    sys.exit(supervise(settings, count))


def serve_process(settings: Settings) -> None:
    """Build the web application and run it, with the dev-mode start-up jobs."""
    index = settings.web_process_index or 0
    # Imported here: the web application's modules are for `serve` alone.
    from immportal.app.web_app import create_app

    if settings.metrics_port and index:
        # Each process has its own metrics listener, on the ports after the first one's.
        settings = settings.model_copy(update={"metrics_port": settings.metrics_port + index})
    app = create_app(settings)
    check_production_services(settings)
    if not settings.dev:
        # In development the embedded server's superuser is expected: no warning.
        app.on_startup.append(_check_login_role)
    if settings.dev and index == 0:
        app.on_startup.append(seed_on_start)
    if (settings.dev or settings.database_url is None) and index == 0:
        # After the demo cases, whose scripted steps must not race an automatic booking.
        app.on_startup.append(generate_on_start)
    # No aiohttp access log: it prints query strings (emailed link tokens); our request
    # middleware logs each request by path instead.
    web.run_app(
        app,
        host=settings.host,
        port=settings.port,
        print=_announce(settings, app) if index == 0 else None,
        access_log=None,
        # One of several processes sharing the port (app/web_processes.py).
        reuse_port=settings.web_process_index is not None,
    )


async def _check_login_role(app: web.Application) -> None:
    from immportal.app.container import RUNTIME

    await warn_about_login_role(app[RUNTIME].pool)


def _announce(settings: Settings, app: web.Application) -> Callable[..., None]:
    def announce(*_args: object) -> None:
        where = f"http://{settings.host}:{settings.port}/"
        sys.stderr.write(f"immportal is serving at {where}\n")
        sys.stderr.flush()
        show_sign_ins(app)

    return announce

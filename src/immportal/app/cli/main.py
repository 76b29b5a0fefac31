"""The `immportal` command: serve, worker, migrate, projections, audit, demo, users."""

import argparse
import asyncio
import sys
from collections.abc import Callable, Sequence

from aiohttp import web

from immportal.app.cipher_key import CipherKeyProblem
from immportal.app.cli.appointments import add_appointment_commands
from immportal.app.cli.audit import add_audit_export
from immportal.app.cli.blobs import add_blob_commands
from immportal.app.logging_setup import configure_logging
from immportal.dev.payments_sandbox.command import add_sandbox_command
from immportal.services.identity.staff import CREATABLE_ROLES
from immportal.settings import Settings


def build_parser() -> argparse.ArgumentParser:
    """The command line: every command and its options."""
    parser = argparse.ArgumentParser(prog="immportal", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="web portal (and projection workers)")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--dev", action="store_true", help="dev pages and demo data")
    serve.add_argument("--no-workers", action="store_true", help="web only")
    worker = commands.add_parser("worker", help="background workers (projections by default)")
    worker.add_argument(
        "kinds",
        nargs="*",
        metavar="{projections,relay,notifications,appointments}",
        help="which workers to run (default: projections)",
    )
    commands.add_parser("migrate", help="apply database migrations")
    projections = commands.add_parser("projections", help="read-model projections")
    projection_commands = projections.add_subparsers(dest="action", required=True)
    projection_commands.add_parser("status", help="position and lag of each projection")
    rebuild = projection_commands.add_parser("rebuild", help="rebuild one from zero")
    rebuild.add_argument("name")
    audit = commands.add_parser("audit", help="audit tools")
    audit_actions = audit.add_subparsers(dest="action", required=True)
    audit_actions.add_parser("verify", help="recompute the event hash chain")
    add_audit_export(audit_actions)
    integration = commands.add_parser("integration", help="integration events")
    schemas = integration.add_subparsers(dest="action", required=True).add_parser(
        "schemas", help="write the JSON schemas of the integration events"
    )
    schemas.add_argument("--out", default="docs/integration-events")
    dead = commands.add_parser("deadletters", help="messages a consumer gave up on")
    dead_actions = dead.add_subparsers(dest="action", required=True)
    for action, text in (("list", "show parked messages"), ("replay", "retry them all")):
        dead_action = dead_actions.add_parser(action, help=text)
        dead_action.add_argument("--consumer", default="notifications")
    demo = commands.add_parser("demo", help="demonstration data")
    demo_actions = demo.add_subparsers(dest="action", required=True)
    seed = demo_actions.add_parser(
        "seed", help="create realistic cases (and, in dev mode, accounts)"
    )
    seed.add_argument(
        "--history", action="store_true", help="also ~150 synthetic cases over the past year"
    )
    otp = demo_actions.add_parser("otp", help="print a demo account's current code (dev mode)")
    otp.add_argument("email")
    users = commands.add_parser("users", help="accounts")
    create = users.add_subparsers(dest="action", required=True).add_parser(
        "create", help="create an account and email its one-time enrolment link"
    )
    create.add_argument("--role", required=True, choices=[r.value for r in CREATABLE_ROLES])
    create.add_argument("--email", required=True)
    create.add_argument("--name", required=True, help='full name, such as "Ana Ruiz"')
    create.add_argument("--office", help="office code of an officer or supervisor, such as NBC")
    add_blob_commands(commands)
    add_appointment_commands(commands)
    add_sandbox_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the process exit code."""
    args = build_parser().parse_args(argv)
    overrides: dict[str, object] = {}
    if args.command == "serve":
        overrides = {k: v for k, v in (("host", args.host), ("port", args.port)) if v}
        if args.dev:
            overrides["dev"] = True
        if args.no_workers:
            overrides["run_workers"] = False
    settings = Settings(**overrides)  # type: ignore[arg-type]
    configure_logging(settings.log_level, json=settings.log_json)
    try:
        if args.command == "serve":
            return _serve(settings)
        from immportal.app.cli import handlers as commands

        action = getattr(args, "action", None)
        handler = commands.COMMANDS[(args.command, action)]
        return asyncio.run(handler(settings, args))
    except CipherKeyProblem as problem:
        # A configuration mistake, not a crash: say what to do, without a traceback.
        sys.stderr.write(f"immportal: {problem}\n")
        return 2


def _serve(settings: Settings) -> int:
    from immportal.app.web_app import create_app

    app = create_app(settings)
    if settings.dev:
        from immportal.app.cli.handlers import seed_on_start

        app.on_startup.append(seed_on_start)
    if settings.dev or settings.database_url is None:
        # After the demo cases, whose scripted steps must not race an automatic booking.
        from immportal.app.cli.appointments import generate_on_start

        app.on_startup.append(generate_on_start)
    # No aiohttp access log: it prints query strings (emailed link tokens); our request
    # middleware logs each request by path instead.
    web.run_app(
        app, host=settings.host, port=settings.port, print=_announce(settings), access_log=None
    )
    return 0


def _announce(settings: Settings) -> Callable[..., None]:
    def announce(*_args: object) -> None:
        where = f"http://{settings.host}:{settings.port}/"
        sys.stderr.write(f"immportal is serving at {where}\n")
        sys.stderr.flush()

    return announce


if __name__ == "__main__":
    raise SystemExit(main())

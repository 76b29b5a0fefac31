"""The `immportal sandbox-payments` command: the sandbox provider on its own."""

from __future__ import annotations

import argparse
import asyncio
import sys

from immportal.dev.payments_sandbox.app import Sandbox
from immportal.dev.payments_sandbox.server import running_sandbox
from immportal.settings import Settings

WEBHOOK_PATH = "/payments/webhook"
DEFAULT_PORT = 8089
"""Where the sandbox listens on its own, so IMMPORTAL_PAYMENTS_URL can name it."""


def add_sandbox_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare `sandbox-payments [--host H] [--port P]`."""
    sandbox = commands.add_parser(
        "sandbox-payments",
        help="run the sandbox payment provider (set IMMPORTAL_PAYMENTS_URL to reach it)",
    )
    sandbox.add_argument("--host")
    sandbox.add_argument("--port", type=int, help=f"default {DEFAULT_PORT}")


async def run_sandbox(settings: Settings, args: argparse.Namespace) -> int:
    """Serve the sandbox until interrupted, with the portal's API key and webhook secret."""
    api_key, secret = settings.payments_api_key, settings.payments_webhook_secret
    if api_key is None or secret is None:
        sys.stderr.write(
            "immportal: set IMMPORTAL_PAYMENTS_API_KEY and IMMPORTAL_PAYMENTS_WEBHOOK_SECRET "
            "to the values the portal uses.\n"
        )
        return 2
    # In a container stack the browser and the portal reach the sandbox (and it the
    # portal) by different names than the ones it listens on.
    webhook_url = settings.payments_sandbox_webhook_url or (
        settings.public_url.rstrip("/") + WEBHOOK_PATH
    )
    sandbox = Sandbox(
        api_key.get_secret_value(),
        secret.get_secret_value().encode(),
        webhook_url=webhook_url,
        base_url=settings.payments_sandbox_public_url.rstrip("/"),
    )
    host = args.host or settings.payments_sandbox_host
    port = args.port if args.port is not None else settings.payments_sandbox_port or DEFAULT_PORT
    async with running_sandbox(sandbox, host, port) as url:
        sys.stderr.write(
            f"sandbox payments serving at {url}/ (webhooks to {sandbox.webhook_url})\n"
        )
        sys.stderr.flush()
        await asyncio.Event().wait()
    return 0

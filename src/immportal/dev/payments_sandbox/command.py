"""The sandbox provider on its own, as `immportal sandbox-payments` runs it."""

from __future__ import annotations

import asyncio

import click

from immportal.dev.payments_sandbox.app import Sandbox
from immportal.dev.payments_sandbox.server import running_sandbox
from immportal.settings import Settings

WEBHOOK_PATH = "/payments/webhook"
DEFAULT_PORT = 8089
"""Where the sandbox listens on its own, so IMMPORTAL_PAYMENTS_URL can name it."""


async def run_sandbox(settings: Settings, host: str | None, port: int | None) -> int:
    """Serve the sandbox until interrupted, with the portal's API key and webhook secret."""
    api_key, secret = settings.payments_api_key, settings.payments_webhook_secret
    if api_key is None or secret is None:
        click.echo(
            "immportal: set IMMPORTAL_PAYMENTS_API_KEY and IMMPORTAL_PAYMENTS_WEBHOOK_SECRET "
            "to the values the portal uses.",
            err=True,
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
    host = host or settings.payments_sandbox_host
    port = port if port is not None else settings.payments_sandbox_port or DEFAULT_PORT
    async with running_sandbox(sandbox, host, port) as url:
        click.echo(
            f"sandbox payments serving at {url}/ (webhooks to {sandbox.webhook_url})", err=True
        )
        await asyncio.Event().wait()
    return 0

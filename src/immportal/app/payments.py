"""Payments in the web process: the provider's client, and the sandbox when none is set."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import TYPE_CHECKING

import aiohttp
import structlog
from aiohttp import web

from immportal.adapters.payments.gateway import HostedPaymentGateway
from immportal.settings import Settings
from immportal.web.payments.paths import RETURN_PATH, WEBHOOK_PATH

if TYPE_CHECKING:
    from immportal.dev.payments_sandbox.app import Sandbox

log = structlog.get_logger(__name__)
GATEWAY_TIMEOUT = aiohttp.ClientTimeout(total=15)


@dataclass(frozen=True)
class Payments:
    """The provider's client, and the in-process sandbox if the portal runs one."""

    gateway: HostedPaymentGateway
    sandbox: Sandbox | None


PAYMENTS = web.AppKey("payments", Payments)


def payments_ctx(settings: Settings) -> Callable[[web.Application], AsyncIterator[None]]:
    """A cleanup context: the configured provider, or the sandbox started on its own port."""

    async def ctx(app: web.Application) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            api_key, secret = _secrets(settings)
            sandbox, url = None, settings.payments_url
            if url is None:
                # Development only: the sandbox is imported when no provider is configured.
                from immportal.dev.payments_sandbox.app import Sandbox
                from immportal.dev.payments_sandbox.server import running_sandbox

                sandbox = Sandbox(api_key, secret, webhook_url=settings.public_url + WEBHOOK_PATH)
                where = running_sandbox(
                    sandbox, settings.payments_sandbox_host, settings.payments_sandbox_port
                )
                url = await stack.enter_async_context(where)
                log.info("payments_sandbox_started", url=url)
            http = await stack.enter_async_context(aiohttp.ClientSession(timeout=GATEWAY_TIMEOUT))
            gateway = HostedPaymentGateway(http, url, api_key=api_key, webhook_secret=secret)
            app[PAYMENTS] = Payments(gateway, sandbox)
            yield

    return ctx


def _secrets(settings: Settings) -> tuple[str, bytes]:
    api_key, secret = settings.payments_api_key, settings.payments_webhook_secret
    if settings.payments_url is not None and (api_key is None or secret is None):
        msg = "IMMPORTAL_PAYMENTS_URL needs IMMPORTAL_PAYMENTS_API_KEY and _WEBHOOK_SECRET"
        raise RuntimeError(msg)
    # The in-process sandbox and the portal share fresh secrets unless configured.
    key = api_key.get_secret_value() if api_key else secrets.token_urlsafe(32)
    shared = secret.get_secret_value() if secret else secrets.token_urlsafe(32)
    return key, shared.encode()


__all__ = ["PAYMENTS", "RETURN_PATH", "WEBHOOK_PATH", "Payments", "payments_ctx"]

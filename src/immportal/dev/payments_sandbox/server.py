"""Run the sandbox provider: inside the portal's process, or on its own."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp import web

from immportal.dev.payments_sandbox.app import Sandbox, create_sandbox_app


@asynccontextmanager
async def running_sandbox(sandbox: Sandbox, host: str, port: int) -> AsyncIterator[str]:
    """Serve the sandbox on host:port (0 picks a free port); yield its base URL."""
    # No access log: request lines are all it would add, and they are not needed.
    runner = web.AppRunner(create_sandbox_app(sandbox), access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
        bound = runner.addresses[0][1]
        sandbox.base_url = sandbox.base_url or f"http://{host}:{bound}"
        yield sandbox.base_url
    finally:
        await runner.cleanup()


async def serve_forever(sandbox: Sandbox, host: str, port: int) -> None:
    """Serve until cancelled (the `immportal sandbox-payments` command)."""
    async with running_sandbox(sandbox, host, port):
        await asyncio.Event().wait()

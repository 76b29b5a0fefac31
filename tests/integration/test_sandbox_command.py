"""`immportal sandbox-payments` on its own, as a container stack runs it: the browser and
the portal reach it by other names than the one it listens on."""

import asyncio
import os
import sys
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web

from immportal.adapters.payments.gateway import HostedPaymentGateway
from immportal.services.payments.ports import ProviderEvent, SessionRequest
from testkit.flow_support import free_port

API_KEY = "sandbox-command-test-key"
SECRET = "sandbox-command-test-secret"
PUBLIC = "http://payments.example.test:8089"


@pytest.fixture
async def webhooks() -> AsyncIterator[tuple[str, asyncio.Queue[tuple[bytes, dict[str, str]]]]]:
    """A small server standing in for the portal's webhook endpoint."""
    received: asyncio.Queue[tuple[bytes, dict[str, str]]] = asyncio.Queue()

    async def take(request: web.Request) -> web.Response:
        await received.put((await request.read(), dict(request.headers)))
        return web.Response(status=204)

    app = web.Application()
    app.router.add_post("/payments/webhook", take)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield f"http://127.0.0.1:{port}/payments/webhook", received
    finally:
        await runner.cleanup()


@pytest.fixture
async def sandbox_url(webhooks: tuple[str, object]) -> AsyncIterator[str]:
    """The sandbox started as its own process."""
    port = free_port()
    env = {
        **os.environ,
        "IMMPORTAL_PAYMENTS_API_KEY": API_KEY,
        "IMMPORTAL_PAYMENTS_WEBHOOK_SECRET": SECRET,
        "IMMPORTAL_PAYMENTS_SANDBOX_PUBLIC_URL": PUBLIC,
        "IMMPORTAL_PAYMENTS_SANDBOX_WEBHOOK_URL": webhooks[0],
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "immportal",
        "sandbox-payments",
        "--port",
        str(port),
        env=env,
        stderr=asyncio.subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(200):
                try:
                    async with http.get(f"{url}/api/sessions/none"):
                        break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        await proc.wait()


class TestSandboxOnItsOwn:
    """Hosted pages carry the public address; webhooks go where they are told, signed."""

    async def test_public_address_and_webhook_target(
        self,
        sandbox_url: str,
        webhooks: tuple[str, asyncio.Queue[tuple[bytes, dict[str, str]]]],
    ) -> None:
        """A session's page is under the public URL; closing it posts a verifiable webhook."""
        async with aiohttp.ClientSession() as http:
            gateway = HostedPaymentGateway(
                http, sandbox_url, api_key=API_KEY, webhook_secret=SECRET.encode()
            )
            hosted = await gateway.create_session(
                SessionRequest(
                    "ref-1", 47_000, "USD", "Form I-765 filing fee", "http://x/", "k" * 20
                )
            )
            local_page = hosted.url.replace(PUBLIC, sandbox_url)
            async with http.get(local_page) as page:
                shown = page.status
            await gateway.expire_session(hosted.session_id)
            body, headers = await asyncio.wait_for(webhooks[1].get(), timeout=10)
            event = gateway.verify_webhook(body, headers)

        assert hosted.url.startswith(f"{PUBLIC}/pay/")
        assert 200 == shown
        assert isinstance(event, ProviderEvent)
        assert "ref-1" == event.state.reference

"""The metrics listener: Prometheus's text format on its own port, apart from the pages."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import structlog
from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest

from immportal.settings import Settings

log = structlog.get_logger(__name__)

METRICS_PORT = web.AppKey("metrics_port", int)
"""Set on the web application when its metrics listener runs (0 in settings picks a port)."""


async def _metrics(_request: web.Request) -> web.Response:
    # Rendering the registry is a few milliseconds of CPU at most; scrapes come every 15 s.
    return web.Response(
        body=generate_latest(REGISTRY), headers={"Content-Type": CONTENT_TYPE_LATEST}
    )


def metrics_app() -> web.Application:
    """A one-route application answering GET /metrics."""
    app = web.Application()
    app.router.add_get("/metrics", _metrics)
    return app


@asynccontextmanager
async def metrics_listener(settings: Settings) -> AsyncIterator[int | None]:
    """Serve /metrics on IMMPORTAL_METRICS_HOST:PORT while the block runs; yield the port.

    Off (yields None) when no port is set. A separate listener, on loopback by default,
    so the metrics are never reachable through the public site or its load balancer.
    """
    if settings.metrics_port is None:
        yield None
        return
    runner = web.AppRunner(metrics_app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, settings.metrics_host, settings.metrics_port)
    await site.start()
    port = runner.addresses[0][1]
    log.info("metrics_listening", host=settings.metrics_host, port=port)
    try:
        yield port
    finally:
        await runner.cleanup()

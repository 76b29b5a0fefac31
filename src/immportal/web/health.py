"""Liveness and readiness for load balancers and orchestrators."""

import asyncio

from aiohttp import web

from immportal.errors import DatabaseUnavailable
from immportal.projections.status import projection_statuses
from immportal.web.keys import SETTINGS
from immportal.web.policy import PUBLIC, allow
from immportal.web.portal import PORTAL


@allow(PUBLIC)
async def healthz(_request: web.Request) -> web.Response:
    """The process is alive and serving."""
    return web.json_response({"status": "alive"})


@allow(PUBLIC)
async def readyz(request: web.Request) -> web.Response:
    """Ready: the database answers and every projection is within the allowed lag."""
    runtime = request.app[PORTAL]
    max_lag = request.app[SETTINGS].readiness_max_lag
    try:
        async with asyncio.timeout(3):
            await runtime.pool.fetchval("SELECT 1")
            statuses = await projection_statuses(runtime.pool)
    except (DatabaseUnavailable, OSError, TimeoutError, ConnectionError) as exc:
        body: dict[str, object] = {
            "status": "unavailable",
            "database": "unreachable",
            "error": type(exc).__name__,
        }
        return web.json_response(body, status=503)
    except Exception as exc:  # any driver failure means "not ready", never a 500
        body = {"status": "unavailable", "database": "error", "error": type(exc).__name__}
        return web.json_response(body, status=503)
    lags = {s.name: s.lag for s in statuses}
    ready = bool(lags) and all(lag <= max_lag for lag in lags.values())
    body = {"status": "ready" if ready else "lagging", "database": "ok", "projections": lags}
    return web.json_response(body, status=200 if ready else 503)

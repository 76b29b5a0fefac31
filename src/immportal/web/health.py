"""Liveness and readiness for load balancers and orchestrators."""

import asyncio

from aiohttp import web

from immportal.errors import DatabaseUnavailable
from immportal.projections.status import projection_statuses
from immportal.web.keys import SETTINGS
from immportal.web.policy import PUBLIC, allow
from immportal.web.portal import PORTAL

BACKGROUND_READ_MODELS = frozenset({"notices"})
"""Read models no page waits on to be served: their lag is reported, never counted.

The notices read model renders and signs a PDF per notice, so it falls behind first under a
burst of work; the inbox says a notice is on its way until it is there. Counting it would take
healthy web nodes out of the load balancer for work that is not theirs.
"""


@allow(PUBLIC)
async def healthz(_request: web.Request) -> web.Response:
    """The process is alive and serving."""
    return web.json_response({"status": "alive"})


@allow(PUBLIC)
async def readyz(request: web.Request) -> web.Response:
    """Ready: the database answers and every read model pages need is within the allowed lag."""
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
    counted = [lag for name, lag in lags.items() if name not in BACKGROUND_READ_MODELS]
    ready = bool(counted) and all(lag <= max_lag for lag in counted)
    body = {"status": "ready" if ready else "lagging", "database": "ok", "projections": lags}
    return web.json_response(body, status=200 if ready else 503)

"""Time every request by its route template (never its path, which may hold an id)."""

import time

from aiohttp import web
from aiohttp.typedefs import Handler

from immportal.metrics import http_request_seconds


def route_template(request: web.Request) -> str:
    """The matched route's template, e.g. '/cases/{case_id}'; 'unmatched' for a 404 path."""
    resource = request.match_info.route.resource
    return resource.canonical if resource is not None else "unmatched"


@web.middleware
async def request_metrics(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Observe the time to answer, labelled with route template, method and status."""
    started = time.perf_counter()
    status = 500
    try:
        response = await handler(request)
        status = response.status
        return response
    except web.HTTPException as exc:  # redirects and 405s are raised, not returned
        status = exc.status
        raise
    finally:
        http_request_seconds.labels(route_template(request), request.method, str(status)).observe(
            time.perf_counter() - started
        )

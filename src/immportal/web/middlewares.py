"""Request context, security headers, and one place that turns errors into pages."""

import secrets
import uuid

import structlog
from aiohttp import web
from aiohttp.typedefs import Handler

from immportal.domain.errors import DomainError
from immportal.errors import ConcurrencyConflict, DatabaseUnavailable, NotFound
from immportal.web.csrf import CsrfRefused
from immportal.web.keys import SETTINGS
from immportal.web.rendering import NONCE, REQUEST_ID, render
from immportal.web.sessions import over_https

log = structlog.get_logger(__name__)

HSTS = "max-age=31536000; includeSubDomains"
SERVER_NAME = "immportal"
"""The Server header: the name only, never the versions of aiohttp and Python."""


@web.middleware
async def request_context(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Give each request an id and a CSP nonce; bind the id to every log line."""
    request_id = uuid.uuid4().hex[:12]
    request[REQUEST_ID] = request_id
    request[NONCE] = secrets.token_urlsafe(16)
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(request_id=request_id)
    try:
        response = await handler(request)
    except web.HTTPException as exc:  # redirects and 405s are raised, not returned
        exc.headers["X-Request-Id"] = request_id
        log.info("request", method=request.method, path=request.path, status=exc.status)
        raise
    response.headers["X-Request-Id"] = request_id
    log.info("request", method=request.method, path=request.path, status=response.status)
    return response


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Strict CSP with a per-response nonce, the usual hardening headers, HSTS over HTTPS."""
    settings = request.app.get(SETTINGS)
    https = settings is not None and over_https(settings)
    try:
        response = await handler(request)
    except web.HTTPException as exc:  # redirects and 405s are raised, not returned
        _harden(exc, request.get(NONCE, ""), request.path, https=https)
        raise
    _harden(response, request.get(NONCE, ""), request.path, https=https)
    return response


async def prepared_headers(request: web.Request, response: web.StreamResponse) -> None:
    """Just before any response's headers leave: no versions, and streamed ones hardened too.

    A response its handler prepares itself (a streamed download, an export) has sent its
    headers before security_headers sees it, so they are added here when missing.
    """
    response.headers["Server"] = SERVER_NAME
    if "Content-Security-Policy" not in response.headers:
        settings = request.app.get(SETTINGS)
        https = settings is not None and over_https(settings)
        _harden(response, request.get(NONCE, ""), request.path, https=https)


def _harden(response: web.StreamResponse, nonce: str, path: str, *, https: bool) -> None:
    response.headers["Content-Security-Policy"] = (
        f"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
        "form-action 'self'"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    if https:
        # Only over HTTPS: browsers ignore it on plain HTTP, and a local http:// portal
        # would otherwise teach the browser to refuse that host's plain HTTP for a year.
        response.headers["Strict-Transport-Security"] = HSTS
    if path.startswith("/static/"):
        response.headers.setdefault("Cache-Control", "public, max-age=3600")
    else:
        response.headers.setdefault("Cache-Control", "no-store")


@web.middleware
async def error_pages(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Map the portal's errors to status codes and pages that say what to do next."""
    try:
        return await handler(request)
    except web.HTTPNotFound:
        return render("errors/404.html", request, {}, status=404)
    except web.HTTPException:
        raise
    except NotFound:
        return render("errors/404.html", request, {}, status=404)
    except CsrfRefused:
        return render("errors/403.html", request, {}, status=403)
    except ConcurrencyConflict:
        log.info("conflict")
        return render("errors/409.html", request, {}, status=409)
    except DomainError as exc:
        # A rule refused the command; "someone else changed this case" would mislead.
        log.info("not_allowed", error=type(exc).__name__)
        return render("errors/not_allowed.html", request, {"message": str(exc)}, status=409)
    except DatabaseUnavailable:
        log.warning("database_unavailable")
        return render("errors/503.html", request, {}, status=503)
    except Exception:
        log.exception("unhandled_error")
        return render("errors/500.html", request, {}, status=500)

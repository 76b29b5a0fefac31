"""Render templates with what every page needs (nonce, request id, dev flag, CSRF token)."""

from datetime import datetime
from typing import Any

import aiohttp_jinja2
from aiohttp import web

from immportal.web.keys import SETTINGS
from immportal.web.read_your_writes import still_updating
from immportal.web.sessions import PageToken

NONCE = web.RequestKey("csp_nonce", str)
REQUEST_ID = web.RequestKey("request_id", str)


def format_datetime(value: datetime | None) -> str:
    """'26 November 2026, 14:05 UTC' — unambiguous for readers anywhere."""
    if value is None:
        return ""
    return value.strftime("%-d %B %Y, %H:%M UTC")


def render(
    template: str, request: web.Request, context: dict[str, Any], *, status: int = 200
) -> web.Response:
    """Render a page with the shared context filled in."""
    shared = {
        "csp_nonce": request.get(NONCE, ""),
        "request_id": request.get(REQUEST_ID, ""),
        "dev_mode": request.app[SETTINGS].dev,
        # Lazy: only a page that prints it (a form) starts an anonymous session.
        "csrf_token": PageToken(request),
        "still_updating": still_updating(request),
    }
    return aiohttp_jinja2.render_template(template, request, shared | context, status=status)

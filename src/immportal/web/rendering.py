"""Render templates with what every page needs (nonce, request id, dev flag, CSRF token), and the
filters that print dates, times and money for the person reading."""

from datetime import date, datetime
from typing import Any

import aiohttp_jinja2
from aiohttp import web

from immportal import formatting
from immportal.web.keys import SETTINGS
from immportal.web.language import PageLanguage
from immportal.web.person_zone import person_locale, person_zone
from immportal.web.read_your_writes import still_updating
from immportal.web.sessions import PageToken

NONCE = web.RequestKey("csp_nonce", str)
REQUEST_ID = web.RequestKey("request_id", str)


def format_datetime(value: datetime | None) -> str:
    """'December 6, 2026, 3:17 PM EST': a moment in the zone of the person reading the page.

    The zone is the signed-in person's (set per request by web.person_zone); signed out,
    the agency's. A naive datetime is shown as UTC, which is how the read models store them.
    """
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=formatting.zone("UTC"))
    return formatting.moment(value, person_zone(), person_locale())


def format_date(value: date | None) -> str:
    """'December 6, 2026': a calendar day (a deadline, a date of birth) in the page's language."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        # A moment's day is the day it was where the reader is.
        return formatting.long_date(formatting.local_day(value, person_zone()), person_locale())
    return formatting.long_date(value, person_locale())


def format_money(cents: int | None) -> str:
    """'$470.00' for an amount in cents; '' when there is none."""
    return "" if cents is None else formatting.money(int(cents), person_locale())


def format_number(value: int | float | None) -> str:
    """'1,234' with the page language's separators."""
    return "" if value is None else formatting.number(value, person_locale())


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
        "page_language": PageLanguage(request),
    }
    return aiohttp_jinja2.render_template(template, request, shared | context, status=status)

"""The time zone and language the person reading this request's page gets dates in.

Held in context variables so every way a page prints a moment (the `datetime` filter, a
handler's own sentence) uses the same zone without threading it through each call. aiohttp
runs each request in its own task, so a value set for one request never leaks into another.
"""

from contextvars import ContextVar

from aiohttp import web
from aiohttp.typedefs import Handler

from immportal import formatting
from immportal.projections.account_profiles import get_time_zone
from immportal.web.portal import portal
from immportal.web.sessions import current_session

_ZONE: ContextVar[str] = ContextVar("person_zone", default=formatting.AGENCY_ZONE)
_LOCALE: ContextVar[str] = ContextVar("person_locale", default=formatting.DEFAULT_LOCALE)


def person_zone() -> str:
    """The IANA zone of the person this request serves (the agency's when unknown)."""
    return _ZONE.get()


def person_locale() -> str:
    """The Babel locale of the person this request serves."""
    return _LOCALE.get()


def use_person_zone(zone: str) -> None:
    """Show this request's moments in `zone` (an unknown name falls back to the agency's)."""
    _ZONE.set(zone if formatting.is_known_zone(zone) else formatting.AGENCY_ZONE)


def use_person_locale(locale: str) -> None:
    """Print this request's dates and amounts for `locale` (set by the language layer)."""
    _LOCALE.set(locale)


@web.middleware
async def person_zone_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Show a signed-in person's moments in their zone; everyone else's in the agency's.

    One primary-key read of `account_profiles` per signed-in request: a cache would show a
    newly chosen zone late on every other web process.
    """
    session = current_session(request)
    if session is not None and session.signed_in and session.account_id is not None:
        use_person_zone(await get_time_zone(portal(request).pool, session.account_id))
    return await handler(request)

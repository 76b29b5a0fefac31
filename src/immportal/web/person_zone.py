"""The time zone and language the person reading this request's page gets dates in.

Held in context variables so every way a page prints a moment (the `datetime` filter, a
handler's own sentence) uses the same zone without threading it through each call. aiohttp
runs each request in its own task, so a value set for one request never leaks into another.
"""

from contextvars import ContextVar

from immportal import formatting

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

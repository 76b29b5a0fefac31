"""Cross-site request forgery: an unsafe request needs our origin and the session's token.

The origin compared against is the configured `public_url` only, never the Host
header: Host is whatever the client (or a proxy) says, so accepting it would let a
request vouch for itself.
"""

import hmac
from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

import structlog
from aiohttp import web
from aiohttp.typedefs import Handler
from aiohttp.web_urldispatcher import MatchInfoError
from yarl import URL

from immportal.errors import PortalError
from immportal.web.keys import SETTINGS
from immportal.web.sessions import current_session

log = structlog.get_logger(__name__)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# The only exemption: the payment provider's webhook has no session or token; its handler
# verifies an HMAC signature over the raw body instead (web/payments/provider.py).
SIGNATURE_CHECKED_PATHS = frozenset({"/payments/webhook"})
TOKEN_FIELD = "csrf_token"  # noqa: S105 - a form field name, not a secret
TOKEN_HEADER = "X-CSRF-Token"  # noqa: S105 - a header name, not a secret
FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})
# The JSON API (web/api) takes its token from the X-CSRF-Token header only, never a form
# field; its Origin is checked like every other path's.
API_PATH_PREFIX = "/api/v1/"
STREAMED_FORM_ATTRIBUTE = "__immportal_streamed_form__"
BEARER_AUTHENTICATED = web.RequestKey("bearer_authenticated", bool)
"""Set on a request the API's bearer middleware authenticated by a personal access token."""
F = TypeVar("F", bound=Callable[..., Any])

Origin = tuple[str, str, int | None]


class CsrfRefused(PortalError):
    """An unsafe request came from elsewhere or without the session's token; nothing ran."""


@lru_cache(maxsize=16)
def origin_of(url: str) -> Origin | None:
    """Scheme, host and port (default ports filled in) of an absolute URL; else None."""
    try:
        parsed = URL(url)
    except (ValueError, TypeError):
        return None
    if not parsed.absolute or not parsed.host:
        return None  # includes the "null" origin of sandboxed and privacy-sensitive requests
    return parsed.scheme.lower(), parsed.host.lower(), parsed.port


LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def same_origin(request: web.Request, expected: Origin | None, *, dev: bool = False) -> bool:
    """Origin, or when a browser sent none, Referer, names the portal's own origin.

    In development only, the loopback names of the same port count as one origin, so
    opening http://localhost:8080 instead of http://127.0.0.1:8080 does not break forms.
    """
    origin = request.headers.get("Origin")
    sender = origin if origin is not None else request.headers.get("Referer")
    if expected is None or sender is None:
        return False
    found = origin_of(sender)
    if found == expected:
        return True
    return (
        dev
        and found is not None
        and (found[0], found[2]) == (expected[0], expected[2])
        and {found[1], expected[1]} <= LOOPBACK_HOSTS
    )


async def sent_token(request: web.Request) -> str:
    """The token in the X-CSRF-Token header, else in the form's csrf_token field."""
    header = request.headers.get(TOKEN_HEADER)
    if header is not None:
        return header
    if request.path.startswith(API_PATH_PREFIX) or request.content_type not in FORM_TYPES:
        return ""
    # aiohttp keeps the parsed form, so the handler's own request.post() reads it again.
    value = (await request.post()).get(TOKEN_FIELD)
    return value if isinstance(value, str) else ""


def streamed_form(handler: F) -> F:
    """Mark a handler that reads its multipart body as a stream and checks the token itself.

    Reading the form here would buffer the whole body (an upload, up to the upload limit)
    and meet client_max_size; such a handler instead calls `check_token` on the form's
    first field, before it reads anything else. The origin is still checked here.
    """
    setattr(handler, STREAMED_FORM_ATTRIBUTE, True)
    return handler


def streams_form(request: web.Request) -> bool:
    """Whether the request's route reads its form as a stream (see `streamed_form`)."""
    return bool(getattr(request.match_info.handler, STREAMED_FORM_ATTRIBUTE, False))


def check_token(request: web.Request, token: str) -> None:
    """Raise CsrfRefused unless the token is the session's CSRF token."""
    session = current_session(request)
    expected = session.csrf_token if session is not None else ""
    token = token.split(".", 1)[0]  # a form's copy carries its own nonce after a dot
    # Constant time, so the token cannot be guessed a character at a time.
    if not expected or not hmac.compare_digest(token.encode(), expected.encode()):
        log.info("csrf_refused", reason="token", has_session=session is not None)
        raise CsrfRefused("missing or wrong CSRF token")


@web.middleware
async def csrf_protect(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Refuse unsafe requests without our origin and the session's token."""
    if request.method in SAFE_METHODS or request.path in SIGNATURE_CHECKED_PATHS:
        return await handler(request)
    if isinstance(request.match_info, MatchInfoError):
        # No route takes this path and method: the router answers 404 or 405 and nothing
        # runs, so there is nothing to protect (and a 403 would hide the right answer).
        return await handler(request)
    if request.get(BEARER_AUTHENTICATED, False):
        # A personal access token (web/api/bearer.py): browsers never attach one by
        # themselves, and such a request carries no cookie, so it cannot be forged.
        return await handler(request)
    settings = request.app[SETTINGS]
    if not same_origin(request, origin_of(settings.public_url), dev=settings.dev):
        log.info("csrf_refused", reason="origin", origin=request.headers.get("Origin"))
        raise CsrfRefused("request from another origin")
    if streams_form(request):
        return await handler(request)
    check_token(request, await sent_token(request))
    return await handler(request)

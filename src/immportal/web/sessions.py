"""The session cookie: load the session it names, start one when a form needs a token.

The cookie carries nothing but the opaque session id. Anonymous sessions are started
only when a page prints a CSRF token (a form), so reading pages costs no writes.
"""

import secrets
from dataclasses import dataclass, replace
from datetime import datetime
from uuid import UUID

from aiohttp import web
from aiohttp.typedefs import Handler
from yarl import URL

from immportal.domain.actor import Role
from immportal.services.identity.sessions import Session, SessionStore, new_session
from immportal.settings import Settings
from immportal.web.client_address import client_address
from immportal.web.keys import SETTINGS
from immportal.web.portal import PORTAL

COOKIE_NAME = "immportal_session"
# Browsers accept a __Host- cookie only when Secure, Path=/ and without Domain: it
# cannot be planted by a sibling subdomain or over plain HTTP.
SECURE_COOKIE_NAME = "__Host-immportal_session"
# The browser cookie (see identity/browser_key.py), by whether the site is on HTTPS.
BROWSER_COOKIE_NAMES = {False: "immportal_browser", True: "__Host-immportal_browser"}
# Browsers cap cookie lifetimes at 400 days.
BROWSER_COOKIE_MAX_AGE = 400 * 24 * 3600
# token_urlsafe(32) is 43 characters; anything much longer was not made by us.
_MAX_ID_LENGTH = 128


@dataclass
class SessionState:
    """This request's session, and what the response must do with the cookie."""

    session: Session | None = None
    unsaved: bool = False
    send_cookie: bool = False
    clear_cookie: bool = False
    open: bool = True
    browser_cookie: str | None = None
    """A new browser cookie to hand out (see identity/browser_key.py)."""


SESSION_STATE = web.RequestKey("session_state", SessionState)


def over_https(settings: Settings) -> bool:
    """Whether people reach the portal over HTTPS (so cookies are Secure)."""
    return URL(settings.public_url).scheme == "https"


def cookie_name(settings: Settings) -> str:
    """`__Host-immportal_session` over HTTPS, else `immportal_session`."""
    return SECURE_COOKIE_NAME if over_https(settings) else COOKIE_NAME


def session_store(request: web.Request) -> SessionStore:
    """The session store on the application's pool."""
    return request.app[PORTAL].sessions


def current_session(request: web.Request) -> Session | None:
    """The session of this request, if it has one."""
    state: SessionState | None = request.get(SESSION_STATE)
    return None if state is None else state.session


def csrf_token(request: web.Request) -> str:
    """The session's CSRF token, starting an anonymous session if there is none.

    Outside the middleware (error pages) a new session could not be stored, so
    without one the answer is "" and the page carries no token.
    """
    state: SessionState | None = request.get(SESSION_STATE)
    if state is None:
        return ""
    if state.session is None and state.open:
        state.session = new_session(
            user_agent=request.headers.get("User-Agent", ""), client_address=client_address(request)
        )
        state.unsaved = state.send_cookie = True
    if state.session is None or (state.unsaved and not state.open):
        return ""
    return state.session.csrf_token


class PageToken:
    """A page's CSRF token, fetched (and a session started) only if the page prints it."""

    __slots__ = ("_request",)

    def __init__(self, request: web.Request) -> None:
        self._request = request

    def __str__(self) -> str:
        # Each printed copy (each form) gets a nonce of its own after the token: it names that
        # form's submission, so a double submit is recognised (web/idempotency.py).
        token = csrf_token(self._request)
        return f"{token}.{secrets.token_urlsafe(12)}" if token else ""

    def __html__(self) -> str:
        # URL-safe base64: nothing in it needs escaping.
        return str(self)

    def __bool__(self) -> bool:
        return bool(str(self))


async def rotate_session(
    request: web.Request,
    *,
    account_id: UUID,
    role: Role,
    password_checked_at: datetime | None = None,
    second_factor_at: datetime | None = None,
) -> Session:
    """Give the session a new id for this account and sign-in progress (password, code)."""
    state = request[SESSION_STATE]
    store = session_store(request)
    if state.session is not None and state.unsaved:
        await store.insert(state.session)
    rotated = None
    if state.session is not None:
        rotated = await store.rotate(
            state.session.id,
            account_id=account_id,
            role=role,
            password_checked_at=password_checked_at,
            second_factor_at=second_factor_at,
        )
    if rotated is None:
        fresh = new_session(
            account_id=account_id,
            role=role,
            user_agent=request.headers.get("User-Agent", ""),
            client_address=client_address(request),
        )
        rotated = replace(
            fresh, password_checked_at=password_checked_at, second_factor_at=second_factor_at
        )
        await store.insert(rotated)
    state.session, state.unsaved, state.send_cookie = rotated, False, True
    return rotated


async def end_session(request: web.Request) -> None:
    """Sign out: end the session and clear its cookie."""
    state = request[SESSION_STATE]
    if state.session is not None and not state.unsaved:
        await session_store(request).revoke(state.session.id)
    state.session, state.unsaved, state.send_cookie, state.clear_cookie = None, False, False, True


@web.middleware
async def sessions(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Load the session the cookie names; store a new one and set or clear the cookie."""
    if isinstance(request.match_info.route.resource, web.StaticResource):
        return await handler(request)  # assets need no session, and must not touch one
    state = SessionState()
    request[SESSION_STATE] = state
    cookie = request.cookies.get(cookie_name(request.app[SETTINGS]))
    if cookie:
        state.session = await _load(request, cookie)
        state.clear_cookie = state.session is None
    try:
        response = await handler(request)
    except web.HTTPException as exc:  # redirects are raised, and may carry a new session
        await _finish(request, state, exc)
        raise
    finally:
        state.open = False
    await _finish(request, state, response)
    return response


async def _load(request: web.Request, cookie: str) -> Session | None:
    if len(cookie) > _MAX_ID_LENGTH:
        return None
    return await session_store(request).load(cookie)


async def _finish(request: web.Request, state: SessionState, response: web.StreamResponse) -> None:
    if response.prepared:
        return  # streamed: headers are gone; a streaming page never starts a session
    settings = request.app[SETTINGS]
    name, secure = cookie_name(settings), over_https(settings) or None
    if state.unsaved and state.session is not None:
        await session_store(request).insert(state.session)
        state.unsaved = False
    if state.send_cookie and state.session is not None:
        response.set_cookie(
            name, state.session.id, path="/", httponly=True, samesite="Lax", secure=secure
        )
    elif state.clear_cookie:
        response.del_cookie(name, path="/", httponly=True, samesite="Lax", secure=secure)
    if state.browser_cookie is not None:
        response.set_cookie(
            BROWSER_COOKIE_NAMES[bool(secure)],
            state.browser_cookie,
            path="/",
            max_age=BROWSER_COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=secure,
        )

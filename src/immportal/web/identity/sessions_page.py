"""The sessions page: where the account is signed in, signing one out, staying signed in."""

import re

import aiohttp_jinja2
import structlog
from aiohttp import web
from aiohttp.typedefs import Handler

from immportal.i18n import N_, _
from immportal.services.identity.sessions import Network, digest
from immportal.web.identity.common import (
    ACCOUNT_PATH,
    account_id_of,
    done_notice,
    posted,
    session_of,
)
from immportal.web.policy import SIGNED_IN, allow
from immportal.web.rendering import render
from immportal.web.sessions import current_session, session_store

log = structlog.get_logger(__name__)

SESSIONS_PATH = f"{ACCOUNT_PATH}/sessions"
SIGN_OUT_ONE_PATH = f"{SESSIONS_PATH}/sign-out"
STAY_SIGNED_IN_PATH = f"{ACCOUNT_PATH}/stay-signed-in"
NOTICES = {"signed-out-one": N_("That session is now signed out.")}
_DIGEST_HEX = re.compile(r"[0-9a-f]{64}")
# First match wins: Edge and Opera also say "Chrome", Chrome also says "Safari".
_BROWSERS = (
    ("Edg", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("Windows", "Windows"),
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("CrOS", "ChromeOS"),
    ("Mac OS X", "Mac"),
    ("Linux", "Linux"),
)


def browser_label(user_agent: str) -> str:
    """A short name for a browser, such as "Chrome on Windows", from its user agent."""
    browser = next((name for mark, name in _BROWSERS if mark in user_agent), None)
    system = next((name for mark, name in _SYSTEMS if mark in user_agent), None)
    if browser and system:
        return _("%(browser)s on %(system)s", browser=browser, system=system)
    if browser:
        return browser
    return _("A browser on %(system)s", system=system) if system else _("An unknown browser")


def place_label(network: Network | None) -> str:
    """Where a session was started, as far as the stored network tells."""
    return _("near %(network)s", network=str(network)) if network is not None else _("Unknown")


@allow(SIGNED_IN)
async def sessions_page(request: web.Request) -> web.Response:
    """Every live session of the account, this device first marked."""
    this = digest(session_of(request).id).hex()
    listed = await session_store(request).list_for_account(account_id_of(request))
    rows = [
        {
            "ref": info.digest,
            "browser": browser_label(info.user_agent),
            "place": place_label(info.approximate_place),
            "last_seen": info.last_seen_at,
            "signed_in_at": info.created_at,
            "this_device": info.digest == this,
        }
        for info in listed
    ]
    context = {
        "title": _("Where you are signed in"),
        "sessions": rows,
        "others": sum(not row["this_device"] for row in rows),
        "notice": done_notice(request, NOTICES),
    }
    return render("identity/sessions.html", request, context)


@allow(SIGNED_IN)
async def sign_out_one(request: web.Request) -> web.Response:
    """End one other session of this account, named by its reference on the sessions page."""
    ref = (await posted(request)).get("session", "")
    account_id = account_id_of(request)
    if not _DIGEST_HEX.fullmatch(ref) or ref == digest(session_of(request).id).hex():
        raise web.HTTPSeeOther(SESSIONS_PATH)  # to end this one, there is "Sign out"
    ended = await session_store(request).revoke_listed(account_id, bytes.fromhex(ref))
    log.info("signed_out_one", account_id=str(account_id), ended=ended)
    raise web.HTTPSeeOther(f"{SESSIONS_PATH}?done=signed-out-one" if ended else SESSIONS_PATH)


@allow(SIGNED_IN)
async def stay_signed_in(request: web.Request) -> web.Response:
    """Nothing to do: loading the session for this request already marked it as seen."""
    return web.Response(status=204)


class IdleLimit:
    """The idle timeout the page frame's warning counts down from; read when rendered."""

    __slots__ = ("_request",)

    def __init__(self, request: web.Request) -> None:
        self._request = request

    @property
    def seconds(self) -> int:
        """Seconds without a request before a signed-in session ends; 0 when not signed in."""
        session = current_session(self._request)
        if session is None or not session.signed_in:
            return 0
        return int(session.idle_timeout.total_seconds())


@web.middleware
async def idle_limit(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Give every rendered page the idle limit its timeout warning needs."""
    request.setdefault(aiohttp_jinja2.REQUEST_CONTEXT_KEY, {})
    request[aiohttp_jinja2.REQUEST_CONTEXT_KEY]["idle_limit"] = IdleLimit(request)
    return await handler(request)


def add_routes(app: web.Application) -> None:
    """Register the sessions page, its sign-out button and the stay-signed-in endpoint."""
    app.router.add_get(SESSIONS_PATH, sessions_page)
    app.router.add_post(SIGN_OUT_ONE_PATH, sign_out_one)
    app.router.add_post(STAY_SIGNED_IN_PATH, stay_signed_in)

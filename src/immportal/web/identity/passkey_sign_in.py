"""Signing in with a passkey: alone (it is both factors), or as the second step.

The browser part is /static/js/passkeys.js: it asks for the options (a challenge bound
to this session), lets the device sign it, and posts the answer. Without JavaScript the
password and authenticator code pages work as before.
"""

from __future__ import annotations

from typing import Any

import orjson
import structlog
from aiohttp import web

from immportal.i18n import _
from immportal.metrics import sign_ins
from immportal.services.identity.passkeys import (
    NOT_ACCEPTED,
    SECOND_FACTOR,
    SIGN_IN,
    PasskeyRefused,
)
from immportal.services.identity.sessions import digest
from immportal.web.identity.browser_key import browser_key
from immportal.web.identity.common import account_id_of, finish_sign_in, next_path, utc_now
from immportal.web.identity.sign_in import CODE_PATH
from immportal.web.navigation import home_path
from immportal.web.policy import PASSWORD_CHECKED, PUBLIC, SIGN_IN_PATH, allow
from immportal.web.portal import portal
from immportal.web.sessions import csrf_token, current_session, rotate_session

log = structlog.get_logger(__name__)

PASSKEY_SIGN_IN_PATH = f"{SIGN_IN_PATH}/passkey"
PASSKEY_CODE_PATH = f"{CODE_PATH}/passkey"
OPTIONS = "/options"
MAX_BODY = 64 * 1024


def session_ref(request: web.Request) -> bytes:
    """What ties a ceremony to this browser: the digest of its session id."""
    csrf_token(request)  # starts (and so names) a session if there is none yet
    session = current_session(request)
    if session is None:
        raise web.HTTPBadRequest(text="No session.")
    return digest(session.id)


async def credential_of(request: web.Request) -> dict[str, Any]:
    """The JSON object the browser posted (the credential, perhaps with a name)."""
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise web.HTTPRequestEntityTooLarge(max_size=MAX_BODY, actual_size=request.content_length)
    try:
        found = orjson.loads(await request.read())
    except orjson.JSONDecodeError:
        found = None
    if not isinstance(found, dict):
        raise web.HTTPBadRequest(text="Send a JSON object.")
    return found


def options_response(options: str) -> web.Response:
    """The ceremony's options, as JSON."""
    return web.Response(text=options, content_type="application/json")


def refused() -> web.Response:
    """A plain message the page shows next to the button."""
    sign_ins.labels("passkey_refused").inc()
    return web.json_response({"message": _(NOT_ACCEPTED)}, status=422)


@allow(PUBLIC)
async def sign_in_options(request: web.Request) -> web.Response:
    """A challenge any of the person's passkeys may answer (user verification required)."""
    found = await portal(request).passkeys.authentication_options(
        session_ref(request), SIGN_IN, None, utc_now()
    )
    return options_response(found)


@allow(PUBLIC)
async def sign_in_with_passkey(request: web.Request) -> web.Response:
    """Both factors at once: the passkey's signature with the person verified on the device."""
    credential = await credential_of(request)
    services, now = portal(request), utc_now()
    try:
        passkey = await services.passkeys.authenticate(
            session_ref(request), SIGN_IN, credential, now
        )
    except PasskeyRefused as exc:
        log.info("passkey_sign_in_refused", reason=str(exc)[:100])
        return refused()
    account = await services.accounts.get(passkey.account_id)
    session = await rotate_session(
        request,
        account_id=account.id,
        role=account.role,
        password_checked_at=now,
        second_factor_at=now,
    )
    browser = request.headers.get("User-Agent", "")[:256]
    await services.accounts.record_sign_in(
        account.id, digest(session.id).hex(), browser, now, browser_key(request)
    )
    log.info("signed_in", account_id=str(account.id), method="passkey")
    sign_ins.labels("passkey").inc()
    return web.json_response({"location": next_path(request) or home_path(account.role)})


@allow(PASSWORD_CHECKED)
async def second_factor_options(request: web.Request) -> web.Response:
    """A challenge one of this account's passkeys must answer."""
    found = await portal(request).passkeys.authentication_options(
        session_ref(request), SECOND_FACTOR, account_id_of(request), utc_now()
    )
    return options_response(found)


@allow(PASSWORD_CHECKED)
async def second_factor_with_passkey(request: web.Request) -> web.Response:
    """The password was right; a passkey of the account is the second factor."""
    credential = await credential_of(request)
    services, now = portal(request), utc_now()
    try:
        passkey = await services.passkeys.authenticate(
            session_ref(request), SECOND_FACTOR, credential, now
        )
    except PasskeyRefused as exc:
        log.info("passkey_second_factor_refused", reason=str(exc)[:100])
        return refused()
    if passkey.account_id != account_id_of(request):
        return refused()
    account = await services.accounts.get(passkey.account_id)
    await finish_sign_in(request, account, now)
    sign_ins.labels("passkey_second_factor").inc()
    return web.json_response({"location": next_path(request) or home_path(account.role)})


def add_routes(app: web.Application) -> None:
    """Register the passkey sign-in endpoints (JSON, for passkeys.js)."""
    app.router.add_post(PASSKEY_SIGN_IN_PATH + OPTIONS, sign_in_options)
    app.router.add_post(PASSKEY_SIGN_IN_PATH, sign_in_with_passkey)
    app.router.add_post(PASSKEY_CODE_PATH + OPTIONS, second_factor_options)
    app.router.add_post(PASSKEY_CODE_PATH, second_factor_with_passkey)

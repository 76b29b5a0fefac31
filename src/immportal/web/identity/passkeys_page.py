"""`/account/passkeys`: add passkeys or security keys, name them, see when used, remove."""

from __future__ import annotations

import base64
import binascii

import structlog
from aiohttp import web

from immportal.domain.errors import InvalidArgument
from immportal.i18n import _
from immportal.services.identity.passkeys import NOT_ACCEPTED, PasskeyRefused, clean_name
from immportal.web.identity.common import ACCOUNT_PATH, account_id_of, posted, utc_now
from immportal.web.identity.passkey_sign_in import (
    OPTIONS,
    credential_of,
    options_response,
    session_ref,
)
from immportal.web.policy import SIGNED_IN, allow
from immportal.web.portal import portal
from immportal.web.rendering import render

log = structlog.get_logger(__name__)

PASSKEYS_PATH = f"{ACCOUNT_PATH}/passkeys"
RENAME_PATH = f"{PASSKEYS_PATH}/rename"
REMOVE_PATH = f"{PASSKEYS_PATH}/remove"
DONE = {"added", "renamed", "removed"}


def key_ref(credential_id: bytes) -> str:
    """A credential id as forms carry it."""
    return base64.urlsafe_b64encode(credential_id).decode().rstrip("=")


def key_of(ref: str) -> bytes | None:
    """The credential id a form names; None if it cannot be one."""
    try:
        found = base64.urlsafe_b64decode(ref + "=" * (-len(ref) % 4))
    except (binascii.Error, ValueError):
        return None
    return found if 16 <= len(found) <= 1023 else None


@allow(SIGNED_IN)
async def passkeys_page(request: web.Request) -> web.Response:
    """The account's passkeys, and the button that adds one (with JavaScript)."""
    done = request.query.get("done", "")
    return await _render(request, done=done if done in DONE else "")


@allow(SIGNED_IN)
async def registration_options(request: web.Request) -> web.Response:
    """The options for the browser to make a new passkey (JSON, for passkeys.js)."""
    services = portal(request)
    account = await services.accounts.get(account_id_of(request))
    return options_response(
        await services.passkeys.registration_options(session_ref(request), account, utc_now())
    )


@allow(SIGNED_IN)
async def add_passkey(request: web.Request) -> web.Response:
    """Keep the passkey the browser made (JSON in, JSON out)."""
    sent = await credential_of(request)
    credential, name = sent.get("credential"), sent.get("name", "")
    if not isinstance(credential, dict) or not isinstance(name, str):
        raise web.HTTPBadRequest(text="Send the credential and its name.")
    try:
        await portal(request).passkeys.register(
            session_ref(request), account_id_of(request), credential, name, utc_now()
        )
    except InvalidArgument as exc:
        return web.json_response({"message": _(str(exc))}, status=422)
    except PasskeyRefused as exc:
        log.info("passkey_registration_refused", reason=str(exc)[:100])
        return web.json_response({"message": _(NOT_ACCEPTED)}, status=422)
    return web.json_response({"location": f"{PASSKEYS_PATH}?done=added"})


@allow(SIGNED_IN)
async def rename_passkey(request: web.Request) -> web.Response:
    """Give a passkey a new name (a plain form)."""
    form = await posted(request)
    key = key_of(form.get("key", ""))
    if key is None:
        raise web.HTTPSeeOther(PASSKEYS_PATH)
    try:
        clean_name(form.get("name", ""))
    except InvalidArgument as exc:
        return await _render(request, error=str(exc), status=422)
    await portal(request).passkeys.rename(account_id_of(request), key, form.get("name", ""))
    raise web.HTTPSeeOther(f"{PASSKEYS_PATH}?done=renamed")


@allow(SIGNED_IN)
async def remove_passkey(request: web.Request) -> web.Response:
    """Remove a passkey, unless it is the last way to prove it is the holder."""
    key = key_of((await posted(request)).get("key", ""))
    if key is None:
        raise web.HTTPSeeOther(PASSKEYS_PATH)
    try:
        await portal(request).passkeys.remove(account_id_of(request), key)
    except InvalidArgument as exc:
        return await _render(request, error=str(exc), status=422)
    raise web.HTTPSeeOther(f"{PASSKEYS_PATH}?done=removed")


async def _render(
    request: web.Request, *, error: str = "", done: str = "", status: int = 200
) -> web.Response:
    keys = await portal(request).passkeys.of_account(account_id_of(request))
    context = {
        "title": _("Passkeys and security keys"),
        "keys": [(key_ref(key.credential_id), key) for key in keys],
        "rename_action": RENAME_PATH,
        "remove_action": REMOVE_PATH,
        "error": error,
        "done": done,
    }
    return render("identity/passkeys.html", request, context, status=status)


def add_routes(app: web.Application) -> None:
    """Register the passkeys page and its forms."""
    app.router.add_get(PASSKEYS_PATH, passkeys_page)
    app.router.add_post(PASSKEYS_PATH + OPTIONS, registration_options)
    app.router.add_post(PASSKEYS_PATH, add_passkey)
    app.router.add_post(RENAME_PATH, rename_passkey)
    app.router.add_post(REMOVE_PATH, remove_passkey)

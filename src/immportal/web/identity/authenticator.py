"""Set up an authenticator app: scan the QR code (or type the key), then enter a code."""

from aiohttp import web

from immportal.domain.identity.errors import CodePaused, TotpNotSetUp, WrongCode
from immportal.i18n import N_, _
from immportal.services.identity.accounts import TotpSetup
from immportal.web.identity.common import (
    ACCOUNT_PATH,
    Errors,
    account_id_of,
    finish_sign_in,
    next_path,
    posted,
    session_of,
    utc_now,
    with_next,
)
from immportal.web.identity.recovery_codes import RECOVERY_CODES_PATH, hold_codes
from immportal.web.identity.sign_in import AUTHENTICATOR_PATH, CODE_PATH
from immportal.web.policy import PASSWORD_CHECKED, allow
from immportal.web.portal import portal
from immportal.web.read_your_writes import account_caught_up
from immportal.web.rendering import render

START_PATH = f"{AUTHENTICATOR_PATH}/start"
KEY_GROUP = 4


def key_groups(secret: str) -> list[str]:
    """The key in groups of four characters, easier to copy by hand."""
    return [secret[i : i + KEY_GROUP] for i in range(0, len(secret), KEY_GROUP)]


def setup_context(setup: TotpSetup | None) -> dict[str, object]:
    """What the steps of identity/_totp_steps.html show: the QR code and the key, if any."""
    return {
        "qr_svg": setup.svg if setup else "",
        "key_groups": key_groups(setup.secret) if setup else [],
    }


def _page(
    request: web.Request, setup: TotpSetup | None, errors: Errors, return_to: str | None
) -> web.Response:
    context = {
        "title": _("Set up your authenticator app"),
        "errors": errors,
        "next": return_to or "",
        **setup_context(setup),
    }
    return render("identity/authenticator.html", request, context, status=422 if errors else 200)


async def _setup_or_leave(request: web.Request, return_to: str | None) -> TotpSetup | None:
    """The app being set up; whoever has an app already is sent to the code step instead."""
    if session_of(request).signed_in:
        # Replacing an app needs the password and a code again: see replace_authenticator.
        raise web.HTTPSeeOther(return_to or ACCOUNT_PATH)
    accounts = portal(request).accounts
    account_id = account_id_of(request)
    if (await accounts.get(account_id)).totp_active:
        raise web.HTTPSeeOther(with_next(CODE_PATH, return_to))
    return await accounts.pending_totp(account_id)


@allow(PASSWORD_CHECKED)
async def setup_page(request: web.Request) -> web.Response:
    """The QR code, the key written out and the code field (reading only)."""
    return_to = next_path(request)
    return _page(request, await _setup_or_leave(request, return_to), {}, return_to)


@allow(PASSWORD_CHECKED)
async def start(request: web.Request) -> web.Response:
    """Make a new key when none is being set up."""
    values = await posted(request)
    return_to = next_path(request, values)
    if await _setup_or_leave(request, return_to) is None:
        await portal(request).accounts.begin_totp(account_id_of(request))
    raise web.HTTPSeeOther(with_next(AUTHENTICATOR_PATH, return_to))


@allow(PASSWORD_CHECKED)
async def activate(request: web.Request) -> web.Response:
    """Switch the app on once its code is right; sign in; show new recovery codes."""
    values = await posted(request)
    return_to = next_path(request, values)
    setup = await _setup_or_leave(request, return_to)
    code = values.get("code", "").strip()
    if not code:
        return _page(request, setup, {"code": [N_("Enter the code from your app")]}, return_to)
    accounts, now = portal(request).accounts, utc_now()
    account_id = account_id_of(request)
    try:
        await accounts.activate_totp(account_id, code, now)
    except (WrongCode, CodePaused, TotpNotSetUp) as exc:
        return _page(request, setup, {"code": [str(exc)]}, return_to)
    codes = await accounts.new_recovery_codes(account_id)
    session = await finish_sign_in(request, await accounts.get(account_id), now)
    await hold_codes(request, session, codes)
    await account_caught_up(portal(request))
    raise web.HTTPSeeOther(with_next(RECOVERY_CODES_PATH, return_to))


def add_routes(app: web.Application) -> None:
    """Register the authenticator set-up pages."""
    app.router.add_get(AUTHENTICATOR_PATH, setup_page)
    app.router.add_post(AUTHENTICATOR_PATH, activate)
    app.router.add_post(START_PATH, start)

"""Sign in, step two: a code from the authenticator app, or a recovery code."""

import structlog
from aiohttp import web

from immportal.domain.identity.errors import WRONG_CODE, CodePaused, WrongCode
from immportal.i18n import N_, _
from immportal.metrics import sign_ins
from immportal.web.client_address import client_address
from immportal.web.identity.common import (
    Errors,
    account_id_of,
    finish_sign_in,
    next_path,
    posted,
    session_of,
    utc_now,
    with_next,
)
from immportal.web.identity.sign_in import AUTHENTICATOR_PATH, CODE_PATH
from immportal.web.navigation import home_path
from immportal.web.policy import PASSWORD_CHECKED, allow
from immportal.web.portal import portal
from immportal.web.queries.profiles import read_profile
from immportal.web.rendering import render

log = structlog.get_logger(__name__)


def _page(request: web.Request, errors: Errors, return_to: str | None) -> web.Response:
    context = {"title": _("Enter your security code"), "errors": errors, "next": return_to or ""}
    return render("identity/enter_code.html", request, context, status=422 if errors else 200)


async def _go_elsewhere(request: web.Request, return_to: str | None) -> None:
    """Send on whoever has no code to enter here: signed in already, or no app yet."""
    session = session_of(request)
    if session.signed_in:
        raise web.HTTPSeeOther(return_to or home_path(session.role))
    account = await portal(request).accounts.get(account_id_of(request))
    if not account.totp_active:
        raise web.HTTPSeeOther(with_next(AUTHENTICATOR_PATH, return_to))


@allow(PASSWORD_CHECKED)
async def code_form(request: web.Request) -> web.Response:
    """The code field."""
    return_to, session = next_path(request), session_of(request)
    if session.signed_in:
        raise web.HTTPSeeOther(return_to or home_path(session.role))
    # The profile, not the account's events: a page only. Whoever it sends on to set up
    # an app is sent back by the set-up page, which checks the account itself.
    profile = await read_profile(portal(request), account_id_of(request))
    if not profile.totp_active:
        raise web.HTTPSeeOther(with_next(AUTHENTICATOR_PATH, return_to))
    return _page(request, {}, return_to)


@allow(PASSWORD_CHECKED)
async def check_code(request: web.Request) -> web.Response:
    """Spend the code; on success the session gets a new id and is signed in."""
    values = await posted(request)
    return_to = next_path(request, values)
    await _go_elsewhere(request, return_to)
    code = values.get("code", "").strip()
    if not code:
        return _page(request, {"code": [N_("Enter your security code")]}, return_to)
    services, now = portal(request), utc_now()
    account_id = account_id_of(request)
    # Wrong codes count towards the network's limit as wrong passwords do: someone
    # holding many passwords could otherwise guess codes across accounts unhindered.
    limits, client = services.sign_in_limits, client_address(request)
    if await limits.blocked(client, now):
        log.info("code_network_limited", account_id=str(account_id))
        return _page(request, {"code": [WRONG_CODE]}, return_to)
    try:
        await services.accounts.verify_code(account_id, code, now)
    except (WrongCode, CodePaused) as exc:
        sign_ins.labels("wrong_code" if isinstance(exc, WrongCode) else "code_paused").inc()
        await limits.record_failure(client, now)
        return _page(request, {"code": [str(exc)]}, return_to)
    account = await services.accounts.get(account_id)
    await finish_sign_in(request, account, now)
    # Each role lands on its work: cases, queue, review queue, audit, analytics, admin.
    raise web.HTTPSeeOther(return_to or home_path(account.role))


def add_routes(app: web.Application) -> None:
    """Register the code page."""
    app.router.add_get(CODE_PATH, code_form)
    app.router.add_post(CODE_PATH, check_code)

"""Confirm it is you: the password and a code again, before changing what protects the account."""

from datetime import datetime, timedelta

import structlog
from aiohttp import web

from immportal.domain.identity.errors import WRONG_CODE, CodePaused, WrongCode, WrongPassword
from immportal.i18n import N_, _
from immportal.services.identity.sessions import Session
from immportal.web.identity.common import (
    ACCOUNT_PATH,
    Errors,
    account_id_of,
    next_path,
    posted,
    session_of,
    utc_now,
    with_next,
)
from immportal.web.policy import SIGNED_IN, allow
from immportal.web.portal import portal
from immportal.web.rendering import render
from immportal.web.sessions import session_store

log = structlog.get_logger(__name__)

CONFIRM_PATH = f"{ACCOUNT_PATH}/confirm-it-is-you"
RECENT_CHECK = timedelta(minutes=10)
"""How long a password and code check lets a person change their password or codes."""
WRONG_CURRENT_PASSWORD = N_("Your password is not right. Check it and try again")


def recently_checked(session: Session, now: datetime) -> bool:
    """Whether both the password and a code were checked within the last 10 minutes."""
    checks = (session.password_checked_at, session.second_factor_at)
    return all(at is not None and now - at < RECENT_CHECK for at in checks)


def require_recent_checks(request: web.Request, return_to: str) -> None:
    """Send the person to confirm it is them unless their last checks are recent enough."""
    if not recently_checked(session_of(request), utc_now()):
        raise web.HTTPSeeOther(with_next(CONFIRM_PATH, return_to))


def _page(request: web.Request, errors: Errors, return_to: str | None) -> web.Response:
    context = {"title": _("Confirm it is you"), "errors": errors, "next": return_to or ""}
    status = 422 if errors else 200
    return render("identity/confirm_it_is_you.html", request, context, status=status)


@allow(SIGNED_IN)
async def confirm_form(request: web.Request) -> web.Response:
    """The password and code fields."""
    return _page(request, {}, next_path(request))


@allow(SIGNED_IN)
async def confirm(request: web.Request) -> web.Response:
    """Check the password, then spend a code; on success the checks count from now."""
    values = await posted(request)
    return_to = next_path(request, values)
    password, code = values.get("password", ""), values.get("code", "").strip()
    errors: Errors = {}
    if not password:
        errors["password"] = [N_("Enter your password")]
    if not code:
        errors["code"] = [N_("Enter your security code")]
    if errors:
        return _page(request, errors, return_to)
    services, now = portal(request), utc_now()
    account_id = account_id_of(request)
    try:
        await services.accounts.verify_password(account_id, password, now)
    except WrongPassword:
        # A delayed account reads like a wrong password, as on the sign-in page.
        return _page(request, {"password": [WRONG_CURRENT_PASSWORD]}, return_to)
    try:
        await services.accounts.verify_code(account_id, code, now)
    except CodePaused as exc:
        return _page(request, {"code": [str(exc)]}, return_to)
    except WrongCode as exc:
        return _page(request, {"code": [str(exc) or WRONG_CODE]}, return_to)
    await session_store(request).mark_reauthenticated(session_of(request).id, now=now)
    log.info("reauthenticated", account_id=str(account_id))
    raise web.HTTPSeeOther(return_to or ACCOUNT_PATH)


def add_routes(app: web.Application) -> None:
    """Register the confirm-it-is-you page."""
    app.router.add_get(CONFIRM_PATH, confirm_form)
    app.router.add_post(CONFIRM_PATH, confirm)

"""Change the password while signed in (after a recent password and code check)."""

import structlog
from aiohttp import web

from immportal.domain.identity.errors import PasswordRejected, WrongPassword
from immportal.i18n import N_, _
from immportal.services.identity.changes import PasswordChangeService
from immportal.web.identity.common import (
    ACCOUNT_PATH,
    Errors,
    account_id_of,
    posted,
    session_of,
    utc_now,
)
from immportal.web.identity.reauth import WRONG_CURRENT_PASSWORD, require_recent_checks
from immportal.web.identity_reset import PASSWORDS_DIFFER
from immportal.web.policy import SIGNED_IN, allow
from immportal.web.portal import portal
from immportal.web.read_your_writes import account_caught_up, shown_after
from immportal.web.rendering import render
from immportal.web.sessions import session_store

log = structlog.get_logger(__name__)

PASSWORD_PATH = f"{ACCOUNT_PATH}/password"


def _page(request: web.Request, errors: Errors) -> web.Response:
    context = {"title": _("Change your password"), "errors": errors}
    return render("identity/change_password.html", request, context, status=422 if errors else 200)


def _service(request: web.Request) -> PasswordChangeService:
    return portal(request).password_change


@allow(SIGNED_IN)
async def password_form(request: web.Request) -> web.Response:
    """The current password and the new one twice."""
    require_recent_checks(request, PASSWORD_PATH)
    return _page(request, {})


@allow(SIGNED_IN)
async def change(request: web.Request) -> web.Response:
    """Change the password, sign out every other session and email a notice."""
    require_recent_checks(request, PASSWORD_PATH)
    values = await posted(request)
    current, new = values.get("current_password", ""), values.get("password", "")
    errors: Errors = {}
    if not current:
        errors["current_password"] = [N_("Enter your current password")]
    if not new:
        errors["password"] = [N_("Enter a new password")]
    elif new != values.get("password_confirm", ""):
        errors["password_confirm"] = [PASSWORDS_DIFFER]
    if errors:
        return _page(request, errors)
    account_id, session = account_id_of(request), session_of(request)
    try:
        await _service(request).change_password(account_id, current, new, utc_now())
    except WrongPassword:
        return _page(request, {"current_password": [WRONG_CURRENT_PASSWORD]})
    except PasswordRejected as exc:
        return _page(request, {"password": exc.reasons})
    ended = await session_store(request).revoke_all_for_account(account_id, except_id=session.id)
    log.info("signed_out_others", account_id=str(account_id), sessions=ended)
    shown = await account_caught_up(portal(request))
    raise web.HTTPSeeOther(shown_after(f"{ACCOUNT_PATH}?done=password-changed", shown))


def add_routes(app: web.Application) -> None:
    """Register the change-password page."""
    app.router.add_get(PASSWORD_PATH, password_form)
    app.router.add_post(PASSWORD_PATH, change)

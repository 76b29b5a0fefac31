"""Forgot password and reset password pages: ask for a link, then choose a new password."""

from collections.abc import Mapping
from datetime import UTC, datetime

import structlog
from aiohttp import web

from immportal.domain.errors import InvalidArgument
from immportal.domain.identity.emails import normalise_email
from immportal.domain.identity.errors import LinkInvalid, PasswordRejected
from immportal.i18n import N_, _
from immportal.web.client_address import client_address
from immportal.web.policy import PUBLIC, allow
from immportal.web.portal import PORTAL
from immportal.web.rendering import render

log = structlog.get_logger(__name__)

FORGOT_PATH = "/account/forgot"
RESET_PATH = "/account/reset"
ENTER_EMAIL = N_("Enter your email address")
PASSWORDS_DIFFER = N_("The passwords do not match. Type the same password in both boxes")
ENTER_PASSWORD = N_("Enter a new password")


def _text(form: Mapping[str, object], name: str) -> str:
    value = form.get(name, "")
    return value if isinstance(value, str) else ""


def _email_problem(email: str) -> str | None:
    """What is wrong with the typed address, if anything (this reveals no account)."""
    if not email:
        return ENTER_EMAIL
    try:
        normalise_email(email)
    except InvalidArgument as exc:
        return str(exc)
    return None


@allow(PUBLIC)
async def forgot_form(request: web.Request) -> web.Response:
    """The form asking for the account's email address."""
    return render("identity/forgot.html", request, {"title": _("Reset your password")})


@allow(PUBLIC)
async def forgot_submit(request: web.Request) -> web.Response:
    """Email a reset link if an account uses the address; the answer is the same either way."""
    email = _text(await request.post(), "email").strip()
    problem = _email_problem(email)
    if problem is not None:
        return _forgot_error(request, email, problem)
    await request.app[PORTAL].email_links.request_password_reset(
        email, datetime.now(UTC), client=client_address(request)
    )
    return render("identity/forgot_sent.html", request, {"title": _("Check your email")})


def _forgot_error(request: web.Request, email: str, message: str) -> web.Response:
    context = {"title": _("Reset your password"), "errors": {"email": message}, "email": email}
    return render("identity/forgot.html", request, context, status=422)


@allow(PUBLIC)
async def reset_form(request: web.Request) -> web.Response:
    """The form to choose a new password, if the link still works (nothing is spent here)."""
    token = request.query.get("token", "")
    try:
        await request.app[PORTAL].email_links.check_reset_link(token, datetime.now(UTC))
    except LinkInvalid:
        return _link_dead(request)
    return _reset_page(request, token, {})


@allow(PUBLIC)
async def reset_submit(request: web.Request) -> web.Response:
    """Set the new password; end every session of the account; never sign anyone in."""
    form = await request.post()
    token, password = _text(form, "token"), _text(form, "password")
    links, now = request.app[PORTAL].email_links, datetime.now(UTC)
    try:
        await links.check_reset_link(token, now)
        if not password:
            return _reset_page(request, token, {"password": ENTER_PASSWORD}, status=422)
        if password != _text(form, "password_confirm"):
            return _reset_page(request, token, {"password_confirm": PASSWORDS_DIFFER}, status=422)
        account_id = await links.reset_password(token, password, now)
    except LinkInvalid:
        return _link_dead(request)
    except PasswordRejected as exc:
        return _reset_page(request, token, {"password": exc.reasons}, status=422)
    ended = await request.app[PORTAL].sessions.revoke_all_for_account(account_id)
    log.info("sessions_ended_after_reset", account_id=str(account_id), sessions=ended)
    return render("identity/reset_done.html", request, {"title": _("Your password was changed")})


def _reset_page(
    request: web.Request, token: str, errors: dict[str, str | list[str]], *, status: int = 200
) -> web.Response:
    # One list of messages per field, so a password broken several ways shows every reason.
    listed = {field: [m] if isinstance(m, str) else m for field, m in errors.items()}
    context = {"title": _("Choose a new password"), "token": token, "errors": listed}
    return render("identity/reset.html", request, context, status=status)


def _link_dead(request: web.Request) -> web.Response:
    context = {"title": _("This link has stopped working")}
    return render("identity/reset_expired.html", request, context, status=410)


def add_reset_routes(app: web.Application) -> None:
    """Register the forgot-password and reset-password pages."""
    app.router.add_get(FORGOT_PATH, forgot_form)
    app.router.add_post(FORGOT_PATH, forgot_submit)
    app.router.add_get(RESET_PATH, reset_form)
    app.router.add_post(RESET_PATH, reset_submit)

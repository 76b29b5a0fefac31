"""Change the email address: ask (after a recent check), then open the link sent to the new one."""

import structlog
from aiohttp import web

from immportal.domain.errors import InvalidArgument
from immportal.domain.identity.errors import LINK_INVALID, EmailTaken, LinkInvalid
from immportal.i18n import N_, _
from immportal.services.identity.email_change import EmailChangeService
from immportal.services.identity.link_emails import CHANGE_EMAIL_PATH
from immportal.services.identity.ports import MAX_TOKEN_LENGTH
from immportal.services.notifications.ports import MailUnavailable
from immportal.web.identity.common import (
    ACCOUNT_PATH,
    Errors,
    account_id_of,
    posted,
    utc_now,
)
from immportal.web.identity.reauth import require_recent_checks
from immportal.web.policy import PUBLIC, SIGNED_IN, allow
from immportal.web.portal import portal
from immportal.web.rendering import render
from immportal.web.sessions import current_session

log = structlog.get_logger(__name__)

EMAIL_PATH = f"{ACCOUNT_PATH}/email"
CHANGED_PATH = f"{EMAIL_PATH}/done"
MAIL_FAILED = N_("We could not send the email just now. Try again in a few minutes")


def email_change_service(request: web.Request) -> EmailChangeService:
    """The email change use cases on the application's pool and event store."""
    return portal(request).email_change


def _form(request: web.Request, errors: Errors, email: str = "") -> web.Response:
    context = {"title": _("Change your email address"), "errors": errors, "email": email}
    status = 422 if errors else 200
    return render("identity/change_email.html", request, context, status=status)


def _link_invalid(request: web.Request) -> web.Response:
    context = {"title": _("This link does not work"), "message": LINK_INVALID}
    return render("identity/change_email_link_invalid.html", request, context, status=400)


@allow(SIGNED_IN)
async def email_form(request: web.Request) -> web.Response:
    """The current address and a field for the new one."""
    require_recent_checks(request, EMAIL_PATH)
    return _form(request, {})


@allow(SIGNED_IN)
async def request_change(request: web.Request) -> web.Response:
    """Reserve the new address and email it a link; the account keeps the old one till then."""
    require_recent_checks(request, EMAIL_PATH)
    email = (await posted(request)).get("email", "").strip()
    if not email:
        return _form(request, {"email": [N_("Enter your new email address")]})
    try:
        address = await email_change_service(request).request_change(
            account_id_of(request), email, utc_now()
        )
    except (InvalidArgument, EmailTaken) as exc:
        return _form(request, {"email": [str(exc)]}, email)
    except MailUnavailable:
        return _form(request, {"email": [MAIL_FAILED]}, email)
    context = {"title": _("Check your new email"), "email": address}
    return render("identity/change_email_sent.html", request, context)


@allow(PUBLIC)
async def confirm_form(request: web.Request) -> web.Response:
    """A button to switch to the new address; opening the link alone changes nothing."""
    token = request.query.get("token", "")
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return _link_invalid(request)
    try:
        change = await email_change_service(request).check_link(token, utc_now())
    except LinkInvalid:
        return _link_invalid(request)
    context = {"title": _("Confirm your new email address"), "token": token, "email": change.email}
    return render("identity/change_email_confirm.html", request, context)


@allow(PUBLIC)
async def confirm(request: web.Request) -> web.Response:
    """Spend the link and move the account to the new address."""
    token = (await posted(request)).get("token", "")
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return _link_invalid(request)
    try:
        await email_change_service(request).confirm_change(token, utc_now())
    except LinkInvalid:
        return _link_invalid(request)
    raise web.HTTPSeeOther(CHANGED_PATH)


@allow(PUBLIC)
async def changed(request: web.Request) -> web.Response:
    """The address is changed; sign in with the new one from now on."""
    session = current_session(request)
    context = {
        "title": _("Your email address is changed"),
        "signed_in": session is not None and session.signed_in,
    }
    return render("identity/change_email_done.html", request, context)


def add_routes(app: web.Application) -> None:
    """Register the change-email pages."""
    app.router.add_get(EMAIL_PATH, email_form)
    app.router.add_post(EMAIL_PATH, request_change)
    app.router.add_get(CHANGE_EMAIL_PATH, confirm_form)
    app.router.add_post(CHANGE_EMAIL_PATH, confirm)
    app.router.add_get(CHANGED_PATH, changed)

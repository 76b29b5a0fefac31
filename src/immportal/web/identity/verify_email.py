"""Confirm an email address: the emailed link opens a page whose button spends the token."""

from aiohttp import web

from immportal.domain.identity.errors import LINK_INVALID, LinkInvalid
from immportal.i18n import _
from immportal.services.notifications.ports import MailUnavailable
from immportal.web.identity.common import (
    ACCOUNT_PATH,
    account_id_of,
    posted,
    utc_now,
)
from immportal.web.policy import PUBLIC, SIGNED_IN, allow
from immportal.web.portal import portal
from immportal.web.read_your_writes import account_caught_up
from immportal.web.rendering import render
from immportal.web.sessions import current_session

VERIFY_PATH = "/account/verify"
VERIFIED_PATH = "/account/verify/done"
RESEND_PATH = "/account/verify/resend"
MAX_TOKEN_LENGTH = 128


def _invalid(request: web.Request) -> web.Response:
    context = {"title": _("This link does not work"), "message": LINK_INVALID}
    return render("identity/link_invalid.html", request, context, status=400)


@allow(PUBLIC)
async def confirm_form(request: web.Request) -> web.Response:
    """A button to confirm the address; opening the link alone changes nothing."""
    token = request.query.get("token", "")
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return _invalid(request)
    context = {"title": _("Confirm your email address"), "token": token}
    return render("identity/verify_email.html", request, context)


@allow(PUBLIC)
async def confirm(request: web.Request) -> web.Response:
    """Spend the link's token and mark the address confirmed."""
    token = (await posted(request)).get("token", "")
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return _invalid(request)
    try:
        await portal(request).email_links.verify_email(token, utc_now())
    except LinkInvalid:
        return _invalid(request)
    await account_caught_up(portal(request))
    raise web.HTTPSeeOther(VERIFIED_PATH)


@allow(PUBLIC)
async def confirmed(request: web.Request) -> web.Response:
    """The address is confirmed; where to go next."""
    session = current_session(request)
    context = {
        "title": _("Your email address is confirmed"),
        "signed_in": session is not None and session.signed_in,
    }
    return render("identity/verified.html", request, context)


@allow(SIGNED_IN)
async def resend(request: web.Request) -> web.Response:
    """Email a new confirmation link to the signed-in account."""
    try:
        await portal(request).email_links.send_verification(account_id_of(request), utc_now())
    except MailUnavailable:
        raise web.HTTPSeeOther(f"{ACCOUNT_PATH}?done=mail-failed") from None
    raise web.HTTPSeeOther(f"{ACCOUNT_PATH}?done=link-sent")


def add_routes(app: web.Application) -> None:
    """Register the email confirmation pages."""
    app.router.add_get(VERIFY_PATH, confirm_form)
    app.router.add_post(VERIFY_PATH, confirm)
    app.router.add_get(VERIFIED_PATH, confirmed)
    app.router.add_post(RESEND_PATH, resend)

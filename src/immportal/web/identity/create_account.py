"""Create an account: name, email and password; then "check your email" either way."""

import structlog
from aiohttp import web

from immportal.domain.errors import InvalidArgument
from immportal.domain.identity.emails import normalise_email
from immportal.domain.identity.errors import EmailTaken, PasswordRejected
from immportal.i18n import N_, _
from immportal.services.notifications.ports import MailUnavailable
from immportal.web.client_address import client_address
from immportal.web.identity.common import Errors, posted, utc_now
from immportal.web.policy import PUBLIC, allow
from immportal.web.portal import portal
from immportal.web.rendering import render

log = structlog.get_logger(__name__)

CREATE_PATH = "/account/create"
CHECK_EMAIL_PATH = "/account/create/check-email"
MAX_NAME_LENGTH = 200


def _check(values: dict[str, str]) -> Errors:
    """Plain messages for what is missing or malformed, in the order of the form."""
    errors: Errors = {}
    name = values.get("full_name", "").strip()
    if not name:
        errors["full_name"] = [N_("Enter your full name")]
    elif len(name) > MAX_NAME_LENGTH:
        errors["full_name"] = [
            _("Enter a name of %(num)d characters or fewer", num=MAX_NAME_LENGTH)
        ]
    if not values.get("email", "").strip():
        errors["email"] = [N_("Enter your email address")]
    else:
        try:
            normalise_email(values["email"])
        except InvalidArgument as exc:
            errors["email"] = [str(exc)]
    if not values.get("password"):
        errors["password"] = [N_("Enter a password")]
    return errors


def _page(request: web.Request, errors: Errors, values: dict[str, str]) -> web.Response:
    kept = {k: v for k, v in values.items() if k in ("full_name", "email")}
    context = {"title": _("Create an account"), "errors": errors, "values": kept}
    return render("identity/create_account.html", request, context, status=422 if errors else 200)


@allow(PUBLIC)
async def create_form(request: web.Request) -> web.Response:
    """The empty form."""
    return _page(request, {}, {})


@allow(PUBLIC)
async def create(request: web.Request) -> web.Response:
    """Open the account and email a link; a taken address gets the same answer."""
    values = await posted(request)
    errors = _check(values)
    if errors:
        return _page(request, errors, values)
    services, now = portal(request), utc_now()
    try:
        account_id = await services.accounts.register(
            values["email"], values["password"], [values["full_name"].strip()]
        )
    except PasswordRejected as exc:
        return _page(request, {"password": exc.reasons}, values)
    except EmailTaken:
        address = normalise_email(values["email"])
        await services.email_links.tell_owner(address, now, client=client_address(request))
        log.info("account_create_for_taken_email")
    else:
        log.info("account_created", account_id=str(account_id))
        try:
            await services.email_links.send_verification(
                account_id, now, client=client_address(request)
            )
        except MailUnavailable:
            # The account exists; its page offers to send the link again.
            log.warning("verification_mail_failed", account_id=str(account_id))
    raise web.HTTPSeeOther(CHECK_EMAIL_PATH)


@allow(PUBLIC)
async def check_email(request: web.Request) -> web.Response:
    """What to do next: open the link we emailed."""
    return render("identity/check_email.html", request, {"title": _("Check your email")})


def add_routes(app: web.Application) -> None:
    """Register the create-account pages."""
    app.router.add_get(CREATE_PATH, create_form)
    app.router.add_post(CREATE_PATH, create)
    app.router.add_get(CHECK_EMAIL_PATH, check_email)

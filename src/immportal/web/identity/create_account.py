"""Create an account: name, email and password; then "check your email" either way."""

from uuid import uuid4

import structlog
from aiohttp import web

from immportal.domain.errors import InvalidArgument
from immportal.domain.identity.emails import normalise_email
from immportal.domain.identity.errors import EmailTaken, PasswordRejected
from immportal.services.notifications.ports import Email, MailUnavailable
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
        errors["full_name"] = ["Enter your full name"]
    elif len(name) > MAX_NAME_LENGTH:
        errors["full_name"] = [f"Enter a name of {MAX_NAME_LENGTH} characters or fewer"]
    if not values.get("email", "").strip():
        errors["email"] = ["Enter your email address"]
    else:
        try:
            normalise_email(values["email"])
        except InvalidArgument as exc:
            errors["email"] = [str(exc)]
    if not values.get("password"):
        errors["password"] = ["Enter a password"]
    return errors


def _page(request: web.Request, errors: Errors, values: dict[str, str]) -> web.Response:
    kept = {k: v for k, v in values.items() if k in ("full_name", "email")}
    context = {"title": "Create an account", "errors": errors, "values": kept}
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
        await _tell_owner(request, normalise_email(values["email"]))
    else:
        log.info("account_created", account_id=str(account_id))
        try:
            await services.email_links.send_verification(account_id, now)
        except MailUnavailable:
            # The account exists; its page offers to send the link again.
            log.warning("verification_mail_failed", account_id=str(account_id))
    raise web.HTTPSeeOther(CHECK_EMAIL_PATH)


async def _tell_owner(request: web.Request, address: str) -> None:
    """Tell the owner of a taken address that someone tried to register it."""
    public_url = portal(request).settings.public_url.rstrip("/")
    text = "\n".join(
        [
            "Hello,",
            "",
            "Someone tried to create an immportal account with this email address. You"
            " already have an account, so nothing was changed.",
            "",
            f"If it was you, sign in at {public_url}/sign-in. If you forgot your password,"
            " choose \u201cForgot your password?\u201d on that page.",
            "",
            "If it was not you, you do not need to do anything.",
            "",
            "Please do not reply to this email.",
        ]
    )
    mail = Email(
        message_id=f"account-exists-{uuid4().hex}",
        to=address,
        subject="Someone tried to create an account with your email",
        text=text + "\n",
    )
    try:
        await portal(request).mailer.send(mail)
    except MailUnavailable:
        log.warning("account_exists_mail_failed")
    log.info("account_create_for_taken_email")


@allow(PUBLIC)
async def check_email(request: web.Request) -> web.Response:
    """What to do next: open the link we emailed."""
    return render("identity/check_email.html", request, {"title": "Check your email"})


def add_routes(app: web.Application) -> None:
    """Register the create-account pages."""
    app.router.add_get(CREATE_PATH, create_form)
    app.router.add_post(CREATE_PATH, create)
    app.router.add_get(CHECK_EMAIL_PATH, check_email)

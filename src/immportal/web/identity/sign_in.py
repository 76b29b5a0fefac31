"""Sign in, step one: email and password. Sign out."""

from functools import partial

import structlog
from aiohttp import web

from immportal.domain.errors import InvalidArgument
from immportal.domain.identity.errors import WRONG_PASSWORD, SignInDelayed, WrongPassword
from immportal.formatting import time_of_day
from immportal.i18n import N_, _, babel_locale
from immportal.metrics import sign_ins
from immportal.web.client_address import client_address
from immportal.web.identity.browser_key import browser_key
from immportal.web.identity.common import (
    Errors,
    done_notice,
    next_path,
    posted,
    utc_now,
    with_next,
)
from immportal.web.navigation import home_path
from immportal.web.policy import PUBLIC, SIGN_IN_PATH, allow
from immportal.web.portal import portal
from immportal.web.rendering import render
from immportal.web.sessions import current_session, end_session, rotate_session

log = structlog.get_logger(__name__)

SIGN_OUT_PATH = "/sign-out"
CODE_PATH = "/sign-in/code"
AUTHENTICATOR_PATH = "/account/authenticator"
NOTICES = {"signed-out": N_("You have signed out.")}


def _page(request: web.Request, errors: Errors, email: str, return_to: str | None) -> web.Response:
    context = {
        "title": _("Sign in"),
        "errors": errors,
        "values": {"email": email},
        "next": return_to or "",
        "notice": done_notice(request, NOTICES),
    }
    return render("identity/sign_in.html", request, context, status=422 if errors else 200)


@allow(PUBLIC)
async def sign_in_form(request: web.Request) -> web.Response:
    """The sign-in form; someone already signed in goes on to their page."""
    return_to = next_path(request)
    session = current_session(request)
    if session is not None and session.signed_in:
        raise web.HTTPSeeOther(return_to or home_path(session.role))
    return _page(request, {}, "", return_to)


@allow(PUBLIC)
async def sign_in(request: web.Request) -> web.Response:
    """Check the password; then on to the code, or to set up an authenticator app."""
    values = await posted(request)
    email, password = values.get("email", "").strip(), values.get("password", "")
    return_to = next_path(request, values)
    errors: Errors = {}
    if not email:
        errors["email"] = [N_("Enter your email address")]
    if not password:
        errors["password"] = [N_("Enter your password")]
    if errors:
        return _page(request, errors, email, return_to)
    services, now = portal(request), utc_now()
    # A wrong password reads like an unknown address; a delay is said plainly, for it is
    # counted per typed address whether an account uses it or not (see domain throttle).
    try:
        account = await services.accounts.sign_in(
            email,
            password,
            now,
            client=client_address(request),
            browser_key=browser_key(request),
            # After the answer: if it started a delay, the holder hears of it by email.
            after_failure=partial(services.lock_notices.after_wrong_password, email, now),
        )
    except InvalidArgument as exc:
        sign_ins.labels("invalid").inc()
        return _page(request, {"email": [str(exc)]}, email, return_to)
    except SignInDelayed as delayed:
        log.info("sign_in_delayed")
        sign_ins.labels("delayed").inc()
        return _page(request, {"email": [delayed_message(delayed)]}, email, return_to)
    except WrongPassword:
        sign_ins.labels("wrong_password").inc()
        return _page(request, {"email": [WRONG_PASSWORD]}, email, return_to)
    await rotate_session(request, account_id=account.id, role=account.role, password_checked_at=now)
    log.info("password_checked", account_id=str(account.id))
    sign_ins.labels("password_checked").inc()
    if account.totp_active:
        raise web.HTTPSeeOther(with_next(CODE_PATH, return_to))
    if account.pending_totp_secret is None:
        await services.accounts.begin_totp(account.id)
    raise web.HTTPSeeOther(with_next(AUTHENTICATOR_PATH, return_to))


def delayed_message(delayed: SignInDelayed) -> str:
    """What the page says while wrong passwords make sign-in with an address wait."""
    return _(
        "Sign-in with this email address is paused because of several wrong passwords."
        " Try again after %(time)s, or reset your password. A browser you have signed in"
        " with before can still sign in",
        time=time_of_day(delayed.until, locale=babel_locale()),
    )


@allow(PUBLIC)
async def sign_out(request: web.Request) -> web.Response:
    """End this session."""
    session = current_session(request)
    if session is not None and session.account_id is not None:
        log.info("signed_out", account_id=str(session.account_id))
    await end_session(request)
    raise web.HTTPSeeOther(f"{SIGN_IN_PATH}?done=signed-out")


def add_routes(app: web.Application) -> None:
    """Register the sign-in and sign-out routes."""
    app.router.add_get(SIGN_IN_PATH, sign_in_form)
    app.router.add_post(SIGN_IN_PATH, sign_in)
    app.router.add_post(SIGN_OUT_PATH, sign_out)

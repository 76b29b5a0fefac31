"""The account page: who is signed in, their address, confirming the email, signing out."""

import structlog
from aiohttp import web

from immportal.domain.actor import Role
from immportal.i18n import N_, _
from immportal.web.identity.change_email import email_change_service
from immportal.web.identity.common import ACCOUNT_PATH, account_id_of, done_notice, session_of
from immportal.web.identity.time_zone_page import zone_context
from immportal.web.language import other_languages
from immportal.web.policy import SIGNED_IN, allow
from immportal.web.portal import portal
from immportal.web.queries.profiles import read_own_profile
from immportal.web.rendering import render
from immportal.web.sessions import session_store

log = structlog.get_logger(__name__)

SIGN_OUT_OTHERS_PATH = f"{ACCOUNT_PATH}/sign-out-others"
NOTICES = {
    "link-sent": N_("We sent a new link. Check your email."),
    "mail-failed": N_("We could not send the email just now. Try again in a few minutes."),
    "signed-out-others": N_("You are now signed out everywhere else."),
    "password-changed": N_("Your password was changed. You are signed out everywhere else."),
    "time-zone": N_("Your time zone was saved. Dates and times are now shown in it."),
    "authenticator-replaced": N_(
        "You switched to your new authenticator app. Codes from the old one no longer work."
    ),
}


@allow(SIGNED_IN)
async def account(request: web.Request) -> web.Response:
    """Name, email (with a banner until it is confirmed), and the sign-out buttons."""
    found = await read_own_profile(portal(request), account_id_of(request))
    await email_change_service(request).settle(found)
    context = {
        "title": _("Your account"),
        "name": " ".join(found.names),
        "email": found.email,
        "email_verified": found.email_verified,
        "recovery_codes_left": found.recovery_codes_left,
        "mailing_address": found.mailing_address,
        "keeps_address": found.role is Role.APPLICANT,
        "makes_tokens": found.role in (Role.APPLICANT, Role.REPRESENTATIVE),
        "chosen_language": found.language,
        "account_languages": other_languages(request, found.language),
        "notice": done_notice(request, NOTICES),
    } | zone_context(found)
    return render("identity/account.html", request, context)


@allow(SIGNED_IN)
async def sign_out_others(request: web.Request) -> web.Response:
    """End every other session of this account; this one stays."""
    session = session_of(request)
    account_id = account_id_of(request)
    ended = await session_store(request).revoke_all_for_account(account_id, except_id=session.id)
    log.info("signed_out_others", account_id=str(account_id), sessions=ended)
    raise web.HTTPSeeOther(f"{ACCOUNT_PATH}?done=signed-out-others")


def add_routes(app: web.Application) -> None:
    """Register the account page."""
    app.router.add_get(ACCOUNT_PATH, account)
    app.router.add_post(SIGN_OUT_OTHERS_PATH, sign_out_others)

"""The security page: the account's history from its events, and "this wasn't me"."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import structlog
from aiohttp import web

from immportal.domain.identity.account import WRONG_CODE_REASON, Account
from immportal.errors import NotFound
from immportal.i18n import N_, _
from immportal.web.identity.common import (
    ACCOUNT_PATH,
    account_id_of,
    posted,
    utc_now,
)
from immportal.web.identity.sessions_page import browser_label
from immportal.web.policy import PUBLIC, SIGNED_IN, allow
from immportal.web.portal import portal
from immportal.web.rendering import render
from immportal.web.sessions import end_session, session_store

log = structlog.get_logger(__name__)

SECURITY_PATH = f"{ACCOUNT_PATH}/security"
WASNT_ME_PATH = f"{SECURITY_PATH}/wasnt-me"
WASNT_ME_DONE_PATH = f"{WASNT_ME_PATH}/done"
# Events a person would recognise as something they did; the rest (rehashing, each
# code spent) are bookkeeping that would only confuse.
_WHAT = {
    "Registered": N_("Account created"),
    "EmailVerified": N_("Email address confirmed"),
    "EmailChanged": N_("Email address changed"),
    "PasswordChanged": N_("Password changed"),
    "TotpActivated": N_("Authenticator app set up"),
    "RecoveryCodesSet": N_("New recovery codes made"),
    "RecoveryCodeUsed": N_("Recovery code used to sign in"),
    "SignedIn": N_("Signed in"),
    "SignInFailed": N_("Failed sign-in"),
    "AccessTokenCreated": N_("Token for programs made"),
    "AccessTokenRevoked": N_("Token for programs revoked"),
    "AccessTokenUsedFromNewNetwork": N_("Token for programs used from a new network"),
    "PasskeyAdded": N_("Passkey added"),
    "PasskeyRenamed": N_("Passkey renamed"),
    "PasskeyRemoved": N_("Passkey removed"),
}


@dataclass(frozen=True)
class Entry:
    """One line of the account's history."""

    version: int
    what: str
    detail: str
    at: datetime


def entry_of(event: Any) -> Entry | None:
    """The history line for an account event, or None for bookkeeping events."""
    kind = type(event).__name__
    what = _WHAT.get(kind)
    if what is None:
        return None
    at: datetime = getattr(event, "at", None) or event.timestamp
    detail = ""
    if kind == "TotpActivated" and getattr(event, "replaced", False):
        what = N_("Authenticator app replaced")
    elif kind == "EmailChanged":
        detail = _("To %(email)s", email=event.email)
    elif kind == "SignedIn":
        detail = _("From %(browser)s", browser=browser_label(event.browser))
    elif kind.startswith(("AccessToken", "Passkey")):
        detail = f"“{event.name}”"
    elif kind == "SignInFailed":
        wrong_code = event.reason_code == WRONG_CODE_REASON
        detail = _("Wrong security code") if wrong_code else _("Wrong password")
    return Entry(event.originator_version, _(what), detail, at)


async def history(request: web.Request) -> list[Entry]:
    """The signed-in account's history, newest first."""
    events = await portal(request).events.read_stream(account_id_of(request))
    entries = (entry_of(event) for event in reversed(events))
    return [entry for entry in entries if entry is not None]


@allow(SIGNED_IN)
async def security_page(request: web.Request) -> web.Response:
    """Sign-ins, failed attempts and changes, each with "This wasn't me"."""
    context = {"title": _("Account security"), "entries": await history(request)}
    return render("identity/security.html", request, context)


@allow(SIGNED_IN)
async def wasnt_me(request: web.Request) -> web.Response:
    """Sign out everywhere and email a reset link: someone else may know the password."""
    sent = (await posted(request)).get("version", "")
    account_id = account_id_of(request)
    services = portal(request)
    account = await services.accounts.get(account_id)
    if not sent.isdigit() or not Account.INITIAL_VERSION <= int(sent) <= account.version:
        raise NotFound("no such account event")
    ended = await session_store(request).revoke_all_for_account(account_id)
    await end_session(request)
    await services.email_links.request_password_reset(account.email, utc_now())
    log.warning("wasnt_me_reported", account_id=str(account_id), version=int(sent), ended=ended)
    raise web.HTTPSeeOther(WASNT_ME_DONE_PATH)


@allow(PUBLIC)
async def wasnt_me_done(request: web.Request) -> web.Response:
    """What happened after "This wasn't me", and what to do next."""
    # Public: the report signed everyone out, this page included. It holds no details.
    return render("identity/wasnt_me_done.html", request, {"title": _("We signed you out")})


def add_routes(app: web.Application) -> None:
    """Register the security page and "this wasn't me"."""
    app.router.add_get(SECURITY_PATH, security_page)
    app.router.add_post(WASNT_ME_PATH, wasnt_me)
    app.router.add_get(WASNT_ME_DONE_PATH, wasnt_me_done)

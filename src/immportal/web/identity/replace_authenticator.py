"""Replace the authenticator app (after a recent password and code check).

The old app keeps working until a code from the new one switches over; the account's
last spent time step carries across, so no code works twice. The "second factor
changed" email comes from the notification consumer (TotpActivated, replaced=True).
"""

import structlog
from aiohttp import web

from immportal.domain.identity.errors import CodePaused, TotpNotSetUp, WrongCode
from immportal.i18n import N_, _
from immportal.services.identity.accounts import TotpSetup
from immportal.web.identity.authenticator import setup_context
from immportal.web.identity.common import (
    ACCOUNT_PATH,
    Errors,
    account_id_of,
    posted,
    utc_now,
)
from immportal.web.identity.reauth import require_recent_checks
from immportal.web.identity.sign_in import AUTHENTICATOR_PATH
from immportal.web.policy import SIGNED_IN, allow
from immportal.web.portal import portal
from immportal.web.read_your_writes import account_caught_up, shown_after
from immportal.web.rendering import render

log = structlog.get_logger(__name__)

REPLACE_PATH = f"{AUTHENTICATOR_PATH}/replace"
REPLACE_START_PATH = f"{REPLACE_PATH}/start"
REPLACED_NOTICE = "authenticator-replaced"


def _page(request: web.Request, setup: TotpSetup | None, errors: Errors) -> web.Response:
    context = {
        "title": _("Replace your authenticator app"),
        "errors": errors,
        **setup_context(setup),
    }
    status = 422 if errors else 200
    return render("identity/replace_authenticator.html", request, context, status=status)


@allow(SIGNED_IN)
async def replace_page(request: web.Request) -> web.Response:
    """What replacing means, then the new key and the code field once one is made."""
    require_recent_checks(request, REPLACE_PATH)
    return _page(request, await portal(request).accounts.pending_totp(account_id_of(request)), {})


@allow(SIGNED_IN)
async def start(request: web.Request) -> web.Response:
    """Make a new key for the new app; any key made before for it stops counting."""
    require_recent_checks(request, REPLACE_PATH)
    account_id = account_id_of(request)
    await portal(request).accounts.begin_totp(account_id)
    log.info("authenticator_replacement_started", account_id=str(account_id))
    raise web.HTTPSeeOther(REPLACE_PATH)


@allow(SIGNED_IN)
async def activate(request: web.Request) -> web.Response:
    """Switch to the new app once its code is right; until then the old one keeps working."""
    require_recent_checks(request, REPLACE_PATH)
    accounts, account_id = portal(request).accounts, account_id_of(request)
    code = (await posted(request)).get("code", "").strip()
    setup = await accounts.pending_totp(account_id)
    if not code:
        return _page(request, setup, {"code": [N_("Enter the code from your new app")]})
    try:
        await accounts.activate_totp(account_id, code, utc_now())
    except (WrongCode, CodePaused, TotpNotSetUp) as exc:
        return _page(request, setup, {"code": [str(exc)]})
    log.info("authenticator_replaced", account_id=str(account_id))
    shown = await account_caught_up(portal(request))
    raise web.HTTPSeeOther(shown_after(f"{ACCOUNT_PATH}?done={REPLACED_NOTICE}", shown))


def add_routes(app: web.Application) -> None:
    """Register the replace-authenticator pages."""
    app.router.add_get(REPLACE_PATH, replace_page)
    app.router.add_post(REPLACE_PATH, activate)
    app.router.add_post(REPLACE_START_PATH, start)

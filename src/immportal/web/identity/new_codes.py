"""New recovery codes on request (after a recent password and code check); the old ones die."""

import structlog
from aiohttp import web

from immportal.i18n import _
from immportal.web.identity.common import (
    ACCOUNT_PATH,
    account_id_of,
    session_of,
    with_next,
)
from immportal.web.identity.reauth import require_recent_checks
from immportal.web.identity.recovery_codes import RECOVERY_CODES_PATH, hold_codes
from immportal.web.policy import SIGNED_IN, allow
from immportal.web.portal import portal
from immportal.web.read_your_writes import account_caught_up
from immportal.web.rendering import render

log = structlog.get_logger(__name__)

NEW_CODES_PATH = f"{RECOVERY_CODES_PATH}/new"


@allow(SIGNED_IN)
async def new_codes_form(request: web.Request) -> web.Response:
    """What new codes mean (the old ones stop working), and the button to get them."""
    require_recent_checks(request, NEW_CODES_PATH)
    return render(
        "identity/new_recovery_codes.html", request, {"title": _("Get new recovery codes")}
    )


@allow(SIGNED_IN)
async def make_new_codes(request: web.Request) -> web.Response:
    """Replace the codes and show the new ones once, on the recovery codes page."""
    require_recent_checks(request, NEW_CODES_PATH)
    account_id = account_id_of(request)
    codes = await portal(request).accounts.new_recovery_codes(account_id)
    await hold_codes(request, session_of(request), codes)
    log.info("recovery_codes_replaced", account_id=str(account_id))
    # The codes page comes first; the account page after it must show the new set.
    await account_caught_up(portal(request))
    raise web.HTTPSeeOther(with_next(RECOVERY_CODES_PATH, ACCOUNT_PATH))


def add_routes(app: web.Application) -> None:
    """Register the new recovery codes page."""
    app.router.add_get(NEW_CODES_PATH, new_codes_form)
    app.router.add_post(NEW_CODES_PATH, make_new_codes)

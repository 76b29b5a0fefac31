"""Recovery without a receipt number: ask an administrator to check who the person is."""

import structlog
from aiohttp import web

from immportal.domain.identity.errors import LinkInvalid
from immportal.domain.identity.recovery_errors import (
    RecoveryClosed,
    RecoveryLocked,
    RecoveryUnderWay,
)
from immportal.i18n import N_, _
from immportal.web.identity.common import posted
from immportal.web.identity.recovery import pages
from immportal.web.policy import PUBLIC, allow
from immportal.web.portal import portal
from immportal.web.rendering import render

log = structlog.get_logger(__name__)

TITLE = N_("An administrator will check who you are")


@allow(PUBLIC)
async def ask_for_admin(request: web.Request) -> web.Response:
    """Spend the first link; the account's email is told and may stop it; nothing else changes."""
    token = (await posted(request)).get("token", "")
    try:
        await portal(request).recovery.ask_for_admin(token, pages.utc_now())
    except (RecoveryClosed, RecoveryUnderWay, RecoveryLocked) as exc:
        return pages.link_dead(request, str(exc))
    except LinkInvalid:
        return pages.link_dead(request)
    return render("identity/lost_help.html", request, {"title": _(TITLE)})


def add_routes(app: web.Application) -> None:
    """Register the "ask an administrator" action."""
    app.router.add_post(pages.HELP_PATH, ask_for_admin)

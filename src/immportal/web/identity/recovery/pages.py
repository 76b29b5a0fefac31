"""What the recovery pages share: paths, the clock, reading the form, the dead-link page."""

from datetime import UTC, datetime

from aiohttp import web

from immportal.i18n import _
from immportal.web.rendering import render

START_PATH = "/lost-authenticator"
PROOF_PATH = f"{START_PATH}/proof"
FINISH_PATH = f"{START_PATH}/finish"
CANCEL_PATH = f"{START_PATH}/cancel"
HELP_PATH = f"{START_PATH}/help"


def utc_now() -> datetime:
    """The current time; the one clock of these pages, so tests can move it."""
    return datetime.now(UTC)


def link_dead(request: web.Request, message: str = "") -> web.Response:
    """The page for a link that is unknown, expired, used, or whose recovery ended."""
    context = {"title": _("This link has stopped working"), "message": message}
    return render("identity/lost_link_dead.html", request, context, status=410)

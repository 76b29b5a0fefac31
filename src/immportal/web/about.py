"""The pages the footer links to: how to contact us, the privacy notice, accessibility."""

from aiohttp import web

from immportal.domain.appointments.rules import HELP_LINE, HELP_LINE_TTY
from immportal.i18n import _
from immportal.web.policy import PUBLIC, allow
from immportal.web.rendering import render


@allow(PUBLIC)
async def contact(request: web.Request) -> web.Response:
    """How to reach the office working your case: secure messages, then the help line."""
    context = {"title": _("Contact us"), "help_line": HELP_LINE, "help_line_tty": HELP_LINE_TTY}
    return render("about/contact.html", request, context)


@allow(PUBLIC)
async def privacy(request: web.Request) -> web.Response:
    """What the portal keeps about people, why, who sees it, and for how long."""
    return render("about/privacy.html", request, {"title": _("Privacy notice")})


@allow(PUBLIC)
async def accessibility(request: web.Request) -> web.Response:
    """The standard the pages meet, what we know falls short, and how to tell us."""
    return render("about/accessibility.html", request, {"title": _("Accessibility statement")})


def add_about_routes(app: web.Application) -> None:
    """Register the footer's pages (public)."""
    app.router.add_get("/contact", contact)
    app.router.add_get("/privacy", privacy)
    app.router.add_get("/accessibility", accessibility)

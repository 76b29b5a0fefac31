"""Lost authenticator and recovery codes: the pages of a person's own staged recovery."""

from aiohttp import web

from immportal.web.identity.recovery import ask_admin, finish, start


def add_routes(app: web.Application) -> None:
    """Register the recovery pages."""
    start.add_routes(app)
    ask_admin.add_routes(app)
    finish.add_routes(app)

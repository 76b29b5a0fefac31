"""Pages for staff with the admin role."""

from aiohttp import web

from immportal.web.admin import recoveries


def add_admin_routes(app: web.Application) -> None:
    """Register every admin page."""
    recoveries.add_routes(app)

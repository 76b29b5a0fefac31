"""Share codes: the holder's pages and the public check."""

from aiohttp import web

from immportal.web.sharing.check import add_check_routes
from immportal.web.sharing.holder import add_holder_routes


def add_sharing_routes(app: web.Application) -> None:
    """Register the holder's share-code pages and the public status check."""
    add_holder_routes(app)
    add_check_routes(app)

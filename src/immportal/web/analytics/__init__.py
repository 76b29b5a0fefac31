"""Pages for analysts: backlog, receipts and completions, and processing times as charts,
each with its table and CSV and Parquet downloads."""

from aiohttp import web

from immportal.services.analytics.tables import TABLE_NAMES
from immportal.web.analytics import pages


def add_analytics_routes(app: web.Application) -> None:
    """Register the analysts' dashboards and their downloads (all read-only)."""
    router = app.router
    router.add_get("/analytics", pages.dashboard)
    # One plain route per file, so that the router walks of the access tests see each one.
    for name in TABLE_NAMES:
        for suffix in pages.SUFFIXES:
            router.add_get(f"/analytics/{name}.{suffix}", pages.download)

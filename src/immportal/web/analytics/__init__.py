"""Pages for analysts: backlog, receipts and completions, and processing times as charts,
each with its table and CSV and Parquet downloads."""

from aiohttp import web

from immportal.services.analytics.tables import TABLE_NAMES
from immportal.web.analytics import pages


def add_analytics_routes(app: web.Application) -> None:
    """Register the analysts' dashboards and their downloads (all read-only)."""
    router = app.router
    router.add_get("/analytics", pages.dashboard)
    tables = "|".join(TABLE_NAMES)
    router.add_get(f"/analytics/{{table:{tables}}}.{{format:csv|parquet}}", pages.download)

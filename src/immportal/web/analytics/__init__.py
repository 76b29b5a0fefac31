"""Pages for analysts: backlog, weekly throughput and processing times, with CSV downloads."""

from aiohttp import web

from immportal.web.analytics import pages


def add_analytics_routes(app: web.Application) -> None:
    """Register the analysts' dashboard and its downloads (all read-only)."""
    router = app.router
    router.add_get("/analytics", pages.dashboard)
    router.add_get("/analytics/backlog.csv", pages.backlog_download)
    router.add_get("/analytics/throughput.csv", pages.throughput_download)
    router.add_get("/analytics/processing-times.csv", pages.processing_times_download)

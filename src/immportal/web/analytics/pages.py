"""The analysts' dashboard and its CSV downloads, read from the case_milestones read model."""

from datetime import UTC, datetime

from aiohttp import web

from immportal.domain.actor import Role
from immportal.domain.cases.status import CaseStatus, describe
from immportal.projections.processing_times import (
    THROUGHPUT_WEEKS,
    WINDOW_MONTHS,
    backlog,
    processing_times,
    throughput,
    window_start,
)
from immportal.services.analytics.export import (
    backlog_csv,
    processing_times_csv,
    throughput_csv,
)
from immportal.services.analytics.ports import MIN_DECISIONS
from immportal.web.policy import allow, roles
from immportal.web.portal import PORTAL
from immportal.web.rendering import render

ANALYSTS = roles(Role.ANALYST)


@allow(ANALYSTS)
async def dashboard(request: web.Request) -> web.Response:
    """Backlog, throughput per week and processing times, each with its download."""
    pool = request.app[PORTAL].pool
    now = datetime.now(UTC)
    open_cases = await backlog(pool)
    return render(
        "analytics/dashboard.html",
        request,
        {
            "title": "Analytics",
            "backlog": open_cases,
            "backlog_total": sum(r.cases for r in open_cases),
            "status_words": {s.value: describe(s) for s in CaseStatus},
            "weeks": await throughput(pool, now=now),
            "throughput_weeks": THROUGHPUT_WEEKS,
            "times": await processing_times(pool, now=now),
            "window_months": WINDOW_MONTHS,
            "window_start": window_start(now).date(),
            "min_decisions": MIN_DECISIONS,
        },
    )


def _csv(filename: str, text: str) -> web.Response:
    return web.Response(
        text=text,
        content_type="text/csv",
        charset="utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


@allow(ANALYSTS)
async def backlog_download(request: web.Request) -> web.Response:
    """The backlog table as CSV."""
    return _csv("backlog.csv", backlog_csv(await backlog(request.app[PORTAL].pool)))


@allow(ANALYSTS)
async def throughput_download(request: web.Request) -> web.Response:
    """Weekly throughput as CSV."""
    weeks = await throughput(request.app[PORTAL].pool, now=datetime.now(UTC))
    return _csv("throughput.csv", throughput_csv(weeks))


@allow(ANALYSTS)
async def processing_times_download(request: web.Request) -> web.Response:
    """Processing times per form and office as CSV."""
    times = await processing_times(request.app[PORTAL].pool, now=datetime.now(UTC))
    return _csv("processing-times.csv", processing_times_csv(times))

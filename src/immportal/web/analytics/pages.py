"""The analysts' dashboards and their downloads, read from the case_milestones read model."""

import re
from datetime import UTC, date, datetime

from aiohttp import web

from immportal.domain.actor import Role
from immportal.domain.cases.forms import FormType
from immportal.projections.analyst_dashboards import dashboard_series
from immportal.projections.processing_times import known_offices
from immportal.services.analytics.dashboard import DashboardFilter
from immportal.services.analytics.table_files import table_csv, table_parquet
from immportal.services.analytics.tables import dashboard_tables
from immportal.web.analytics.filters import DATE_EXAMPLE, FilterForm, parse_filter
from immportal.web.analytics.views import cell_text, describe_filter, panels
from immportal.web.policy import allow, roles
from immportal.web.portal import PORTAL
from immportal.web.rendering import render

ANALYSTS = roles(Role.ANALYST)
PARQUET = "application/vnd.apache.parquet"
SUFFIXES = ("csv", "parquet")


async def _filter(request: web.Request, today: date) -> tuple[FilterForm, list[str]]:
    offices = await known_offices(request.app[PORTAL].pool)
    return parse_filter(request.query, offices=offices, today=today), offices


@allow(ANALYSTS)
async def dashboard(request: web.Request) -> web.Response:
    """The filter form, then each chart beside its table, with downloads of each table."""
    today = datetime.now(UTC).date()
    form, offices = await _filter(request, today)
    context = {
        "title": "Analytics",
        "values": form.values,
        "errors": form.errors,
        "forms": [f.value for f in FormType],
        "offices": offices,
        "date_example": DATE_EXAMPLE,
        "cell_text": cell_text,
        "shown": dict(form.values),
    }
    if form.chosen is None:
        return render("analytics/dashboard.html", request, context, status=400)
    series = await dashboard_series(request.app[PORTAL].pool, form.chosen)
    context |= {
        "panels": panels(form.chosen, *series),
        "query": form.query(),
        "described": describe_filter(form.chosen),
        # Empty dates show what was counted: the first week's Monday, and today.
        "shown": {
            "from": form.values["from"] or form.chosen.first_week.isoformat(),
            "to": form.values["to"] or today.isoformat(),
        },
    }
    return render("analytics/dashboard.html", request, context)


def file_name(table: str, chosen: DashboardFilter, suffix: str) -> str:
    """The table and the filter: backlog-by-form_I-765_all-offices_2026-03-02_2026-05-24.csv."""
    parts = [
        f"{table}-by-{chosen.by}" if table == "backlog" else table,
        chosen.form_type or "all-forms",
        chosen.office or "all-offices",
        chosen.first_week.isoformat(),
        chosen.last_day.isoformat(),
    ]
    # Offices are codes; anything else is replaced so the header needs no quoting rules.
    return "_".join(re.sub(r"[^A-Za-z0-9-]", "-", part) for part in parts) + f".{suffix}"


@allow(ANALYSTS)
async def download(request: web.Request) -> web.Response:
    """One table of the dashboards, with the same filter, as CSV or Parquet."""
    form, _ = await _filter(request, datetime.now(UTC).date())
    if form.chosen is None:
        return web.Response(status=400, text="\n".join(form.errors.values()) + "\n")
    series = await dashboard_series(request.app[PORTAL].pool, form.chosen)
    name, suffix = request.path.rsplit("/", 1)[1].rsplit(".", 1)
    table = next(t for t in dashboard_tables(*series) if t.name == name)
    headers = {
        "Content-Disposition": f'attachment; filename="{file_name(name, form.chosen, suffix)}"',
        "Cache-Control": "no-store",
    }
    if suffix == "csv":
        return web.Response(
            text=table_csv(table), content_type="text/csv", charset="utf-8", headers=headers
        )
    return web.Response(body=table_parquet(table), content_type=PARQUET, headers=headers)

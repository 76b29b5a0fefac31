"""Queries over `case_milestones`: processing times, and the offices that have cases.

Processing time is counted as public processing-time pages count it: the days from
acceptance (the receipt date) to the first decision issued, over the decisions issued
in a recent window. The 80th percentile ("80% of cases are decided within N days")
and the median are PostgreSQL's `percentile_cont`, which interpolates between the two
nearest decisions: for n sorted values v1..vn the p-th percentile sits at position
1 + p * (n - 1). A reopened case's later decisions measure a motion or an appeal, not
the filing, so only each case's first decision counts.
"""

import calendar
from datetime import datetime

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.projections.base import view_name
from immportal.services.analytics.ports import ProcessingTime

WINDOW_MONTHS = 6
"""Decisions issued in this many months before today count."""

_DAYS = "extract(epoch FROM decided_at - accepted_at)::float8 / 86400"
# Rounded to a tenth of a day so that float noise (52.000000001) never rounds a day up.
_PERCENTILES = (
    f"round((percentile_cont(0.5) WITHIN GROUP (ORDER BY {_DAYS}))::numeric, 1) AS median_days,"
    f" round((percentile_cont(0.8) WITHIN GROUP (ORDER BY {_DAYS}))::numeric, 1) AS p80_days"
)
_FIRST_DECISIONS = (
    "ordinal = 1 AND accepted_at IS NOT NULL"
    " AND decided_at > $1::timestamptz - make_interval(months => $2) AND decided_at <= $1"
)


def window_start(now: datetime, months: int = WINDOW_MONTHS) -> datetime:
    """The start of the window, as PostgreSQL counts `now - n months` (end of month clamped)."""
    year, month = divmod(now.year * 12 + now.month - 1 - months, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return now.replace(year=year, month=month + 1, day=min(now.day, last_day))


def _time(row: asyncpg.Record, form_type: str | None, office: str | None) -> ProcessingTime:
    median, p80 = row["median_days"], row["p80_days"]
    return ProcessingTime(
        form_type,
        office,
        int(row["decisions"]),
        None if median is None else float(median),
        None if p80 is None else float(p80),
    )


async def processing_time(
    pool: asyncpg.Pool,
    *,
    form_type: str | None,
    office: str | None,
    now: datetime,
    months: int = WINDOW_MONTHS,
) -> ProcessingTime:
    """The median and 80th percentile of one form at one office (or every office)."""
    with map_db_errors():
        row = await pool.fetchrow(
            f"SELECT count(*) AS decisions, {_PERCENTILES}"
            f" FROM {view_name('milestone_decisions')} WHERE {_FIRST_DECISIONS}"
            " AND ($3::text IS NULL OR form_type = $3) AND ($4::text IS NULL OR office = $4)",
            now,
            months,
            form_type,
            office,
        )
    assert row is not None  # an aggregate without GROUP BY always answers one row
    return _time(row, form_type, office)


async def processing_times(
    pool: asyncpg.Pool, *, now: datetime, months: int = WINDOW_MONTHS
) -> list[ProcessingTime]:
    """Every form at every office, and each form over all offices (office None)."""
    with map_db_errors():
        rows = await pool.fetch(
            f"SELECT form_type, office, GROUPING(office) AS every_office,"
            f" count(*) AS decisions, {_PERCENTILES}"
            f" FROM {view_name('milestone_decisions')} WHERE {_FIRST_DECISIONS}"
            " GROUP BY GROUPING SETS ((form_type, office), (form_type))"
            " ORDER BY form_type, every_office DESC, office",
            now,
            months,
        )
    return [_time(r, r["form_type"], None if r["every_office"] else r["office"]) for r in rows]


async def known_offices(pool: asyncpg.Pool) -> list[str]:
    """The offices that have cases, for the choice of office."""
    with map_db_errors():
        rows = await pool.fetch(
            f"SELECT DISTINCT office FROM {view_name('case_milestones')}"
            " WHERE office IS NOT NULL ORDER BY office"
        )
    return [str(r["office"]) for r in rows]

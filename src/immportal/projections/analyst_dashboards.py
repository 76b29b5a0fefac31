"""Queries over `case_milestones` for the analysts' dashboards: weekly backlog and flows, and
how long first decisions took, for one filter.

A case joins the backlog when it is accepted and leaves it at its first decision,
withdrawal, rejection or closure, whichever comes first (never before its acceptance:
a case closed earlier leaves in the week it is accepted). So the cases open at the end
of a week are those accepted before the week ended minus those that left before then,
and each week's backlog is the last one's plus its receipts minus its completions:
one pass over the read model gives all three series. A reopened case is a motion or an
appeal, not the filing, so it does not rejoin, just as processing times count only
first decisions. The office is the case's present office (a transfer moves its whole
history); decisions count at the office that issued them, as in `analytics.decisions`.

Days to a decision are rounded to a tenth of a day exactly as `analytics.decisions`
rounds `days_to_decide`, so every number here equals a count over the analytics views.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from immportal.adapters.postgres.connection import map_db_errors
from immportal.projections.base import view_name
from immportal.services.analytics.dashboard import (
    Backlog,
    DashboardFilter,
    Distribution,
    WeekFlow,
    binned,
)

_GROUP_COLUMNS = {"form": "form_type", "office": "office"}
_LEFT = "least(first_decided_at, withdrawn_at, rejected_at, closed_at)"
# greatest() skips NULLs: a case that never left would leave when accepted, so test first.
_WENT = f"CASE WHEN {_LEFT} IS NOT NULL THEN greatest(accepted_at, {_LEFT}) END"
_DAYS = "round(extract(epoch FROM decided_at - accepted_at) / 86400, 1)"


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


async def weekly_moves(
    conn: PoolConnectionProxy[asyncpg.Record], chosen: DashboardFilter
) -> list[asyncpg.Record]:
    """Cases received and cases that left per group and week; earlier weeks sum into one row.

    That row (dated the week before the first) carries the backlog the range starts with.
    """
    group = _GROUP_COLUMNS[chosen.by]
    return await conn.fetch(
        f"""WITH cases AS (
              SELECT coalesce({group}, 'unknown') AS grp, accepted_at AS came,
                     {_WENT} AS went
                FROM {view_name("case_milestones")}
               WHERE accepted_at < $1
                 AND ($2::text IS NULL OR form_type = $2) AND ($3::text IS NULL OR office = $3)),
            moves AS (
              SELECT grp, came AS at, 1 AS received, 0 AS completed FROM cases
              UNION ALL
              SELECT grp, went, 0, 1 FROM cases WHERE went < $1)
            SELECT grp, greatest(date_trunc('week', at AT TIME ZONE 'UTC')::date, $4::date)
                     AS week_of,
                   sum(received)::int AS received, sum(completed)::int AS completed
              FROM moves GROUP BY 1, 2""",
        _midnight(chosen.ends),
        chosen.form_type,
        chosen.office,
        chosen.first_week - timedelta(days=7),
    )


def backlog_and_flows(
    chosen: DashboardFilter, rows: list[asyncpg.Record]
) -> tuple[Backlog, list[WeekFlow]]:
    """Running sums of the weekly moves: open cases per group, and the weeks' flows."""
    moves: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    received: dict[date, int] = defaultdict(int)
    completed: dict[date, int] = defaultdict(int)
    for row in rows:
        moves[row["grp"]][row["week_of"]] += row["received"] - row["completed"]
        received[row["week_of"]] += row["received"]
        completed[row["week_of"]] += row["completed"]
    counted = []
    for group, per_week in moves.items():
        running = per_week.get(chosen.first_week - timedelta(days=7), 0)
        for week in chosen.weeks:
            running += per_week.get(week, 0)
            counted.append((week, group, running))
    backlog = Backlog.from_counts(chosen.by, chosen.weeks, counted)
    flows = [WeekFlow(w, received[w], completed[w]) for w in chosen.weeks]
    return backlog, flows


async def decision_days(
    conn: PoolConnectionProxy[asyncpg.Record], chosen: DashboardFilter
) -> Distribution:
    """First decisions issued in the weeks: per bin of days, with the median and 80th percentile."""
    firsts = f"""SELECT {_DAYS} AS days FROM {view_name("milestone_decisions")}
                  WHERE ordinal = 1 AND accepted_at IS NOT NULL
                    AND decided_at >= $1 AND decided_at < $2
                    AND ($3::text IS NULL OR form_type = $3)
                    AND ($4::text IS NULL OR office = $4)"""
    args = (_midnight(chosen.first_week), _midnight(chosen.ends), chosen.form_type, chosen.office)
    per_day = await conn.fetch(
        f"SELECT floor(days)::int AS day, count(*)::int AS decisions FROM ({firsts}) f GROUP BY 1",
        *args,
    )
    summary = await conn.fetchrow(
        "SELECT count(*)::int AS decisions,"
        " round(percentile_cont(0.5) WITHIN GROUP (ORDER BY days::float8)::numeric, 1) AS median,"
        " round(percentile_cont(0.8) WITHIN GROUP (ORDER BY days::float8)::numeric, 1) AS p80"
        f" FROM ({firsts}) f",
        *args,
    )
    assert summary is not None  # an aggregate without GROUP BY always answers one row
    counts: dict[int, int] = defaultdict(int)
    for row in per_day:
        # A decision is never issued before its case is accepted; were one, it counts in bin 0.
        counts[max(row["day"], 0)] += row["decisions"]
    median, p80 = summary["median"], summary["p80"]
    return Distribution(
        binned(counts),
        summary["decisions"],
        None if median is None else float(median),
        None if p80 is None else float(p80),
    )


async def dashboard_series(
    pool: asyncpg.Pool, chosen: DashboardFilter
) -> tuple[Backlog, list[WeekFlow], Distribution]:
    """Every series of the dashboards, read in one snapshot so that they agree."""
    with map_db_errors():
        async with (
            pool.acquire() as conn,
            conn.transaction(isolation="repeatable_read", readonly=True),
        ):
            moves = await weekly_moves(conn, chosen)
            distribution = await decision_days(conn, chosen)
    backlog, flows = backlog_and_flows(chosen, moves)
    return backlog, flows, distribution

"""The dashboards' numbers counted again, directly over the `analytics` views, as an analyst's
SQL would: one plain query per week or bin, straight from the definitions on the page.

A case is open at a moment when it was accepted before it and was not decided, withdrawn,
rejected or closed before it; receipts are acceptances; completions are the cases that
left the backlog during the week. Times in the views are UTC days.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, timedelta

import asyncpg

ANALYST = "immportal_analyst"
_ENDED_BEFORE = "(first_decided_on < $1 OR withdrawn_on < $1 OR rejected_on < $1 OR closed_on < $1)"
_CHOSEN = "($2::text IS NULL OR form_type = $2) AND ($3::text IS NULL OR office = $3)"


@dataclass(frozen=True)
class Chosen:
    """A filter as the test states it: form and office (None: all), grouping, whole weeks."""

    form: str | None
    office: str | None
    by: str
    weeks: list[date]


def mondays(first_day: date, last_day: date) -> list[date]:
    """Every Monday from the week of `first_day` to the week of `last_day`."""
    monday = first_day - timedelta(days=first_day.weekday())
    weeks = []
    while monday <= last_day:
        weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


@asynccontextmanager
async def as_analyst(database_url: str) -> AsyncIterator[asyncpg.Connection]:
    """A connection acting as the analysts' role (the tests log in as a superuser)."""
    conn = await asyncpg.connect(database_url)
    try:
        await conn.execute(f"SET ROLE {ANALYST}")
        yield conn
    finally:
        await conn.close()


async def open_at(conn: asyncpg.Connection, chosen: Chosen, moment: date) -> dict[str, int]:
    """Cases open at the start of a UTC day, per form or office."""
    column = "form_type" if chosen.by == "form" else "office"
    rows = await conn.fetch(
        f"SELECT {column} AS grp, count(*) AS n FROM analytics.case_milestones"
        f" WHERE accepted_on < $1 AND NOT coalesce({_ENDED_BEFORE}, false) AND {_CHOSEN}"
        " GROUP BY 1",
        moment,
        chosen.form,
        chosen.office,
    )
    return {r["grp"]: r["n"] for r in rows}


async def backlog_rows(conn: asyncpg.Connection, chosen: Chosen) -> list[list[str]]:
    """Week, then the open cases of each group with any, at the end of each week."""
    counts = [await open_at(conn, chosen, w + timedelta(days=7)) for w in chosen.weeks]
    groups = sorted({g for week in counts for g, n in week.items() if n})
    if not groups:
        return []
    return [
        [w.isoformat(), *(str(c.get(g, 0)) for g in groups)]
        for w, c in zip(chosen.weeks, counts, strict=True)
    ]


async def _left_by(conn: asyncpg.Connection, chosen: Chosen, moment: date) -> int:
    count: int = await conn.fetchval(
        "SELECT count(*) FROM analytics.case_milestones"
        f" WHERE accepted_on < $1 AND {_ENDED_BEFORE} AND {_CHOSEN}",
        moment,
        chosen.form,
        chosen.office,
    )
    return count


async def throughput_rows(conn: asyncpg.Connection, chosen: Chosen) -> list[list[str]]:
    """Week, cases accepted in it, and cases that left the backlog in it."""
    rows = []
    for week in chosen.weeks:
        ends = week + timedelta(days=7)
        received = await conn.fetchval(
            "SELECT count(*) FROM analytics.case_milestones"
            f" WHERE accepted_on >= $4 AND accepted_on < $1 AND {_CHOSEN}",
            ends,
            chosen.form,
            chosen.office,
            week,
        )
        completed = await _left_by(conn, chosen, ends) - await _left_by(conn, chosen, week)
        rows.append([week.isoformat(), str(received), str(completed)])
    return rows


_FIRSTS = (
    "FROM analytics.decisions WHERE first_decision AND accepted_on IS NOT NULL"
    " AND decided_on >= $4 AND decided_on < $1"
    " AND ($2::text IS NULL OR form_type = $2) AND ($3::text IS NULL OR office = $3)"
)


async def decisions_between(conn: asyncpg.Connection, chosen: Chosen, low: int, high: int) -> int:
    """First decisions in the weeks that took at least `low` and less than `high` days."""
    count: int = await conn.fetchval(
        f"SELECT count(*) {_FIRSTS} AND days_to_decide >= $5 AND days_to_decide < $6",
        *_decision_args(chosen),
        low,
        high,
    )
    return count


async def summary_row(conn: asyncpg.Connection, chosen: Chosen) -> list[str]:
    """How many first decisions, their median and 80th percentile, to a tenth of a day."""
    row = await conn.fetchrow(
        "SELECT count(*) AS n,"
        " round(percentile_cont(0.5) WITHIN GROUP (ORDER BY days_to_decide)::numeric, 1) AS median,"
        " round(percentile_cont(0.8) WITHIN GROUP (ORDER BY days_to_decide)::numeric, 1) AS p80"
        f" {_FIRSTS}",
        *_decision_args(chosen),
    )
    assert row is not None
    tenths = ["Not enough decisions" if v is None else str(v) for v in (row["median"], row["p80"])]
    return [str(row["n"]), *tenths]


def _decision_args(chosen: Chosen) -> tuple[object, ...]:
    return (
        chosen.weeks[-1] + timedelta(days=7),
        chosen.form,
        chosen.office,
        chosen.weeks[0],
    )

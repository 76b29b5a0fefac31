"""Officers' work queues: open cases by office and form, oldest first, with counts.

The queue reads `read.case_summary`, which already keeps every field a queue needs
(office, form, status, dates, officer, evidence deadline) and has an index on
(office, status, submitted_at); a second copy of those rows would only lag behind it.
Whether a deadline has passed depends on today, so it is worked out when asked. Every
query is scoped to what the viewer may open (services.cases.adjudication.StaffMember:
their office's cases and the cases assigned to them), so a queue never lists a case
whose page would answer "not found".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.domain.cases.status import OPEN_STATUSES, CaseStatus
from immportal.projections.base import view_name

PAGE_SIZE = 25
# A case enters the queue when it is received; older filings waited longest.
_SINCE = "coalesce(accepted_at, submitted_at, created_at)"
# Submitted filings are in it too: an officer accepts them, or rejects one that cannot be.
_OPEN = sorted(s.value for s in OPEN_STATUSES)


class View(StrEnum):
    """Which slice of an office's open cases to show."""

    ALL = "all"
    UNASSIGNED = "unassigned"
    MINE = "mine"
    OVERDUE = "overdue"
    """Evidence was asked for and the deadline passed without an answer."""
    REVIEW = "review"
    """A proposed decision waits for a supervisor."""


_VIEW_SQL = {
    View.ALL: "TRUE",
    View.UNASSIGNED: "officer_id IS NULL",
    View.MINE: "officer_id = $me",
    View.OVERDUE: "status = 'evidence_requested' AND evidence_due_on < $today",
    View.REVIEW: "status = 'decision_proposed'",
}


@dataclass(frozen=True)
class Viewer:
    """Who looks at the queue: they see their office's cases and those assigned to them."""

    user_id: str
    office: str | None


@dataclass(frozen=True)
class QueueFilter:
    """What the officer asked to see."""

    office: str | None = None
    form_type: str | None = None
    view: View = View.ALL


@dataclass(frozen=True)
class QueueRow:
    """One case in a queue."""

    case_id: UUID
    receipt_number: str | None
    form_type: str | None
    office: str | None
    status: str
    officer_id: str | None
    since: datetime | None
    evidence_due_on: date | None
    version: int
    overdue: bool


@dataclass(frozen=True)
class QueuePage:
    """One page of a queue, the key of the next page, and how many cases each filter holds."""

    rows: list[QueueRow]
    next_after: str | None
    view_counts: dict[str, int]
    form_counts: dict[str, int]


class _Sql:
    """Builds numbered parameters as conditions are added."""

    def __init__(self) -> None:
        self.args: list[Any] = []

    def arg(self, value: Any) -> str:
        self.args.append(value)
        return f"${len(self.args)}"


def _visible(sql: _Sql, viewer: Viewer) -> str:
    mine = f"officer_id = {sql.arg(viewer.user_id)}"
    if viewer.office is None:
        return mine
    return f"(office = {sql.arg(viewer.office)} OR {mine})"


def _conditions(sql: _Sql, chosen: QueueFilter, viewer: Viewer, *, with_form: bool) -> list[str]:
    found = [f"status = ANY({sql.arg(_OPEN)}::text[])", _visible(sql, viewer)]
    if chosen.office:
        found.append(f"office = {sql.arg(chosen.office)}")
    if with_form and chosen.form_type:
        found.append(f"form_type = {sql.arg(chosen.form_type)}")
    return found


def _view(sql: _Sql, view: View, me: str, today: date) -> str:
    text = _VIEW_SQL[view]
    if "$me" in text:
        text = text.replace("$me", sql.arg(me))
    if "$today" in text:
        text = text.replace("$today", sql.arg(today))
    return text


def encode_after(row: QueueRow) -> str:
    """The keyset cursor after a row: its queue time and id."""
    since = row.since.isoformat() if row.since else ""
    return f"{since}|{row.case_id}"


def decode_after(value: str | None) -> tuple[datetime, UUID] | None:
    """The (time, id) a cursor names, or None for a missing or malformed one."""
    if not value or "|" not in value:
        return None
    since, _, case_id = value.partition("|")
    try:
        return datetime.fromisoformat(since), UUID(case_id)
    except ValueError:
        return None


async def queue_page(
    pool: asyncpg.Pool,
    chosen: QueueFilter,
    *,
    viewer: Viewer,
    today: date,
    after: str | None = None,
    limit: int = PAGE_SIZE,
) -> QueuePage:
    """A page of the open cases the viewer may open, matching the filter, oldest first."""
    sql, me = _Sql(), viewer.user_id
    where = [
        *_conditions(sql, chosen, viewer, with_form=True),
        _view(sql, chosen.view, me, today),
    ]
    cursor = decode_after(after)
    if cursor is not None:
        where.append(f"({_SINCE}, case_id) > ({sql.arg(cursor[0])}, {sql.arg(cursor[1])})")
    query = (
        f"SELECT case_id, receipt_number, form_type, office, status, officer_id,"
        f" {_SINCE} AS since, evidence_due_on, version FROM {view_name('case_summary')}"
        f" WHERE {' AND '.join(where)} ORDER BY {_SINCE}, case_id LIMIT {sql.arg(limit + 1)}"
    )
    with map_db_errors():
        found = await pool.fetch(query, *sql.args)
    rows = [_row(r, today) for r in found[:limit]]
    next_after = encode_after(rows[-1]) if len(found) > limit else None
    return QueuePage(
        rows,
        next_after,
        await _view_counts(pool, chosen, viewer, today),
        await _form_counts(pool, chosen, viewer, today),
    )


def _row(record: asyncpg.Record, today: date) -> QueueRow:
    values = dict(record)
    due = values["evidence_due_on"]
    overdue = values["status"] == CaseStatus.EVIDENCE_REQUESTED and due is not None and due < today
    return QueueRow(**values, overdue=overdue)


async def _view_counts(
    pool: asyncpg.Pool, chosen: QueueFilter, viewer: Viewer, today: date
) -> dict[str, int]:
    sql, me = _Sql(), viewer.user_id
    where = " AND ".join(_conditions(sql, chosen, viewer, with_form=True))
    counts = ", ".join(f"count(*) FILTER (WHERE {_view(sql, v, me, today)})" for v in View)
    with map_db_errors():
        row = await pool.fetchrow(
            f"SELECT {counts} FROM {view_name('case_summary')} WHERE {where}", *sql.args
        )
    return {view.value: int(row[i]) if row else 0 for i, view in enumerate(View)}


async def _form_counts(
    pool: asyncpg.Pool, chosen: QueueFilter, viewer: Viewer, today: date
) -> dict[str, int]:
    sql = _Sql()
    where = [
        *_conditions(sql, chosen, viewer, with_form=False),
        _view(sql, chosen.view, viewer.user_id, today),
    ]
    with map_db_errors():
        rows = await pool.fetch(
            f"SELECT form_type, count(*) AS n FROM {view_name('case_summary')}"
            f" WHERE {' AND '.join(where)} GROUP BY form_type ORDER BY form_type",
            *sql.args,
        )
    return {str(r["form_type"]): int(r["n"]) for r in rows}


async def office_codes(pool: asyncpg.Pool, viewer: Viewer) -> list[str]:
    """The offices whose open cases the viewer may open, for the filter's choices."""
    sql = _Sql()
    where = " AND ".join(_conditions(sql, QueueFilter(), viewer, with_form=False))
    with map_db_errors():
        rows = await pool.fetch(
            f"SELECT DISTINCT office FROM {view_name('case_summary')}"
            f" WHERE office IS NOT NULL AND {where} ORDER BY office",
            *sql.args,
        )
    return [str(r["office"]) for r in rows]

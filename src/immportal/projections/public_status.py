"""What the public case-status lookup reads: a case's status, and its last public action."""

from dataclasses import dataclass
from datetime import datetime

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.projections.base import view_name
from immportal.services.cases.public_actions import PUBLIC_ACTIONS


async def status_by_receipt_number(pool: asyncpg.Pool, receipt_number: str) -> str | None:
    """The status of the case with this receipt number, or None; nothing else is read."""
    with map_db_errors():
        status: str | None = await pool.fetchval(
            f"SELECT status FROM {view_name('case_summary')} WHERE receipt_number = $1",
            receipt_number,
        )
    return status


@dataclass(frozen=True)
class LastAction:
    """The latest step of a case the public answer reports, and when it happened."""

    event_type: str
    occurred_at: datetime


async def last_public_action(pool: asyncpg.Pool, receipt_number: str) -> LastAction | None:
    """The latest of the case's steps named in PUBLIC_ACTIONS, or None; nothing else is read."""
    with map_db_errors():
        row = await pool.fetchrow(
            f"SELECT t.event_type, t.occurred_at FROM {view_name('case_summary')} s"
            f" JOIN {view_name('case_timeline')} t ON t.case_id = s.case_id"
            " WHERE s.receipt_number = $1 AND NOT t.staff_only AND t.event_type = ANY($2::text[])"
            " ORDER BY t.version DESC LIMIT 1",
            receipt_number,
            list(PUBLIC_ACTIONS),
        )
    return None if row is None else LastAction(row["event_type"], row["occurred_at"])

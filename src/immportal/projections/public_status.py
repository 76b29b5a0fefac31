"""The one fact the public case-status lookup reads: a case's status by its receipt number."""

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.projections.base import view_name


async def status_by_receipt_number(pool: asyncpg.Pool, receipt_number: str) -> str | None:
    """The status of the case with this receipt number, or None; nothing else is read."""
    with map_db_errors():
        status: str | None = await pool.fetchval(
            f"SELECT status FROM {view_name('case_summary')} WHERE receipt_number = $1",
            receipt_number,
        )
    return status

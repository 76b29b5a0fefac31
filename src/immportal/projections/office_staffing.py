"""Who works at each office and what it holds, read from `account_profiles` and `case_summary`.

No table of its own: routing a filing needs two small aggregates over read models that
already exist, and a copy of them would only lag further behind. "Active" staff are
officers and supervisors placed in an office whose email address is confirmed (an
account an administrator opened and nobody took up yet works nothing).
"""

from __future__ import annotations

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.domain.actor import Role
from immportal.domain.cases.routing import Staffing
from immportal.domain.cases.status import OPEN_STATUSES
from immportal.projections.base import view_name

_OPEN = sorted(status.value for status in OPEN_STATUSES)


async def office_staffing(pool: asyncpg.Pool) -> dict[str, Staffing]:
    """Active officers, supervisors and open cases per office (none before the views exist)."""
    try:
        with map_db_errors():
            people = await pool.fetch(
                f"SELECT office, count(*) FILTER (WHERE role = $1) AS officers,"
                f" count(*) FILTER (WHERE role = $2) AS supervisors"
                f" FROM {view_name('account_profiles')}"
                " WHERE office IS NOT NULL AND email_verified GROUP BY office",
                Role.OFFICER.value,
                Role.SUPERVISOR.value,
            )
            held = await pool.fetch(
                f"SELECT office, count(*) AS n FROM {view_name('case_summary')}"
                " WHERE office IS NOT NULL AND status = ANY($1::text[]) GROUP BY office",
                _OPEN,
            )
    except asyncpg.UndefinedTableError:
        return {}  # the projections have not made their views yet: nobody is placed anywhere
    cases = {str(r["office"]): int(r["n"]) for r in held}
    return {
        str(r["office"]): Staffing(
            int(r["officers"]), int(r["supervisors"]), cases.get(str(r["office"]), 0)
        )
        for r in people
    }


class PostgresOfficeStaffing:
    """The routing port (services.cases.ports.OfficeStaffing) over the read models."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def staffing(self) -> dict[str, Staffing]:
        """Active officers, supervisors and open cases per office code."""
        return await office_staffing(self._pool)

"""Find a case by its receipt number in the case summaries, for account recovery proofs."""

from __future__ import annotations

from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.projections.base import view_name


class PostgresCaseFinder:
    """The CaseFinder port on the `case_summary` read model."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def case_with_receipt(self, receipt_number: str) -> UUID | None:
        """The case that was given this receipt number (as printed), if any."""
        with map_db_errors():
            found: UUID | None = await self._pool.fetchval(
                f"SELECT case_id FROM {view_name('case_summary')} WHERE receipt_number = $1",
                receipt_number,
            )
        return found

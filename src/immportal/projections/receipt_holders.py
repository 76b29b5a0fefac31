"""Which case a receipt number names, and whose account it is in (from case_summary)."""

from __future__ import annotations

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.projections.base import view_name
from immportal.services.cases.ports import ReceiptHolder


class ReceiptHolders:
    """Receipt numbers looked up in the case_summary read model (services' ReceiptDirectory)."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def holder(self, receipt_number: str) -> ReceiptHolder | None:
        """The case with this receipt number and its account ("" for a paper case), or None."""
        with map_db_errors():
            row = await self._pool.fetchrow(
                f"SELECT case_id, applicant_id FROM {view_name('case_summary')}"
                " WHERE receipt_number = $1",
                receipt_number,
            )
        return None if row is None else ReceiptHolder(row["case_id"], row["applicant_id"] or "")

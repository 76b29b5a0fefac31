"""Receipt numbers from a PostgreSQL sequence: unique across every process."""

from datetime import date

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.domain.cases.receipt import format_receipt_number


class PostgresReceiptNumbers:
    """Issues receipt numbers from `receipt_number_seq`."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def issue(self, office_code: str, on: date) -> str:
        """The next receipt number for an office on a date."""
        with map_db_errors():
            sequence: int = await self._pool.fetchval("SELECT nextval('receipt_number_seq')")
        return format_receipt_number(office_code, on, sequence)

"""Which aggregates have events in the log: how the blob sweep tells kept uploads from orphans."""

from collections.abc import Sequence
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors


class PostgresRecordedAggregates:
    """Asks the event log itself, so the answer never lags behind a projection."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def recorded(self, ids: Sequence[UUID]) -> set[UUID]:
        """The ids among `ids` that have at least one event."""
        with map_db_errors():
            rows = await self._pool.fetch(
                "SELECT DISTINCT originator_id FROM events WHERE originator_id = ANY($1::uuid[])",
                list(ids),
            )
        return {row["originator_id"] for row in rows}

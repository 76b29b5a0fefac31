"""The `access_log` table: staff views of cases, append-only for the application."""

from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.domain.actor import Role
from immportal.services.audit.ports import Access, Viewed

_COLUMNS = "viewer_id, viewer_role, office, case_id, document_id, what, at"


class PostgresAccessLog:
    """Access records in PostgreSQL (INSERT and SELECT only)."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def add(
        self,
        *,
        viewer_id: UUID,
        viewer_role: Role,
        office: str | None,
        case_id: UUID,
        what: Viewed,
        document_id: str | None,
    ) -> None:
        """Append one record, stamped with the database's clock."""
        with map_db_errors():
            await self._pool.execute(
                "INSERT INTO access_log (viewer_id, viewer_role, office, case_id, document_id,"
                " what) VALUES ($1, $2, $3, $4, $5, $6)",
                viewer_id,
                viewer_role.value,
                office,
                case_id,
                document_id,
                what.value,
            )

    async def for_case(self, case_id: UUID, limit: int) -> list[Access]:
        """A case's records, newest first."""
        with map_db_errors():
            rows = await self._pool.fetch(
                f"SELECT {_COLUMNS} FROM access_log WHERE case_id = $1"
                " ORDER BY at DESC, id DESC LIMIT $2",
                case_id,
                limit,
            )
        return [Access(**dict(row)) for row in rows]

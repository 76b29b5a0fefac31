"""Case files for the services that read them by id (share-code checks)."""

from uuid import UUID

import asyncpg

from immportal.projections.case_files import get_case_file
from immportal.services.cases.files import CaseFile


class PostgresCaseFiles:
    """Reads one case's file from the `case_files` read model."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def case_file(self, case_id: UUID) -> CaseFile | None:
        """The case's file, or None."""
        return await get_case_file(self._pool, case_id)

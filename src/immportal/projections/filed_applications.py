"""Queries over read model `filed_applications` (written by the filed copy worker).

One row per copy issued: at filing, then at acceptance with the receipt number. Pages
list and hand out the latest copy of a case.
"""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.projections.base import view_name

TABLE = "filed_applications"


@dataclass(frozen=True)
class FiledApplication:
    """A case's copy of its filed application, as the documents page lists it."""

    document_id: UUID
    case_id: UUID
    version: int
    title: str
    edition_label: str
    receipt_number: str | None
    issued_at: datetime
    blob_key: str

    @property
    def filename(self) -> str:
        """The name it downloads under: filed-application-I-765-IOE0912345678.pdf."""
        form = self.title.removeprefix("Your filed application (Form ").split(",")[0]
        stem = f"filed-application-{form}".rstrip(" )")
        return f"{stem}-{self.receipt_number}.pdf" if self.receipt_number else f"{stem}.pdf"


async def latest_filed_application(pool: asyncpg.Pool, case_id: UUID) -> FiledApplication | None:
    """The newest copy of the case's filed application, or None before one is issued."""
    with map_db_errors():
        row = await pool.fetchrow(
            "SELECT document_id, case_id, version, title, edition_label, receipt_number,"
            f" issued_at, blob_key FROM {view_name(TABLE)} WHERE case_id = $1"
            " ORDER BY version DESC LIMIT 1",
            case_id,
        )
    return None if row is None else FiledApplication(**dict(row))

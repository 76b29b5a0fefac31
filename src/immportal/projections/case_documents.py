"""Read model `case_documents`: every document of a case with its scan state and versions."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.projections.base import Projected, Projection, Table, event_name, view_name

DOCUMENT_TOPIC = "immportal.domain.evidence.document:Document."

COLUMNS = (
    "document_id",
    "case_id",
    "kind",
    "media_type",
    "size",
    "sha256",
    "filename",
    "supersedes",
    "superseded_by",
    "version_number",
    "uploaded_by",
    "uploaded_at",
    "scan",
    "scanner",
    "position",
    "document_type",
)


class CaseDocumentsProjection(Projection):
    """Maintains `read.case_documents` from the Document aggregates' events."""

    name = "case_documents"
    tables = ("case_documents",)
    topic_prefixes = (DOCUMENT_TOPIC,)

    def ddl(self, tables: Mapping[str, Table]) -> list[str]:
        """One row per document, found by case and by the case's file digests."""
        t = tables["case_documents"]
        return [
            f"""CREATE TABLE IF NOT EXISTS {t.sql} (
                document_id uuid PRIMARY KEY, case_id uuid NOT NULL, kind text NOT NULL,
                media_type text NOT NULL, size bigint NOT NULL, sha256 text NOT NULL,
                filename text NOT NULL, supersedes uuid, superseded_by uuid,
                version_number integer NOT NULL, uploaded_by text NOT NULL,
                uploaded_at timestamptz NOT NULL, scan text NOT NULL, scanner text,
                position bigint NOT NULL, document_type text)""",
            f'CREATE INDEX IF NOT EXISTS "{t.name}_case" ON {t.sql} (case_id, sha256)',
            # A generation made before uploads had types gains the column (NULL: untyped).
            f"ALTER TABLE {t.sql} ADD COLUMN IF NOT EXISTS document_type text",
        ]

    async def apply(
        self, conn: asyncpg.Connection, tables: Mapping[str, Table], batch: Sequence[Projected]
    ) -> None:
        """Insert a row per upload, then record scans and which versions were superseded."""
        t = tables["case_documents"].sql
        for item in batch:
            event: Any = item.event
            document_id = item.record.originator_id
            match event_name(event):
                case "Uploaded":
                    await conn.execute(
                        f"INSERT INTO {t} ({', '.join(COLUMNS)}) VALUES"
                        " ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9, $10, $11, 'pending', NULL,"
                        " $12, $13) ON CONFLICT (document_id) DO NOTHING",
                        *_uploaded(document_id, event, item.record.position),
                    )
                    if event.supersedes:
                        await conn.execute(
                            f"UPDATE {t} SET superseded_by = $2 WHERE document_id = $1",
                            UUID(event.supersedes),
                            document_id,
                        )
                case "ScanRecorded":
                    await conn.execute(
                        f"UPDATE {t} SET scan = $2, scanner = $3, position = $4"
                        " WHERE document_id = $1",
                        document_id,
                        event.result,
                        event.scanner,
                        item.record.position,
                    )


def _uploaded(document_id: UUID, event: Any, position: int) -> tuple[Any, ...]:
    supersedes = UUID(event.supersedes) if event.supersedes else None
    return (
        document_id,
        UUID(event.case_id),
        event.kind,
        event.media_type,
        event.size,
        event.sha256,
        event.filename,
        supersedes,
        event.version_number,
        event.actor_id,
        event.timestamp,
        position,
        # Uploads recorded before types were asked carry none.
        getattr(event, "document_type", None),
    )


@dataclass(frozen=True)
class CaseDocument:
    """A document as the case pages list it."""

    document_id: UUID
    case_id: UUID
    kind: str
    media_type: str
    size: int
    sha256: str
    filename: str
    supersedes: UUID | None
    superseded_by: UUID | None
    version_number: int
    uploaded_by: str
    uploaded_at: datetime
    scan: str
    scanner: str | None
    position: int
    document_type: str | None = None
    """A `DocumentType` value, or None for an upload made before types were asked."""


async def list_case_documents(pool: asyncpg.Pool, case_id: UUID) -> list[CaseDocument]:
    """A case's documents, oldest first (superseded versions included, marked as such)."""
    with map_db_errors():
        rows = await pool.fetch(
            f"SELECT {', '.join(COLUMNS)} FROM {view_name('case_documents')}"
            " WHERE case_id = $1 ORDER BY uploaded_at, document_id",
            case_id,
        )
    return [CaseDocument(**dict(row)) for row in rows]


class PostgresDocumentIndex:
    """Finds a case's earlier upload of the same bytes in `read.case_documents`.

    The read model follows the log within moments, so two identical uploads sent at
    the same instant may both be kept; any later one is noticed.
    """

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def find(self, case_id: UUID, sha256: str) -> UUID | None:
        """The earliest document of the case with this SHA-256, or None."""
        with map_db_errors():
            found: UUID | None = await self._pool.fetchval(
                f"SELECT document_id FROM {view_name('case_documents')}"
                " WHERE case_id = $1 AND sha256 = $2 ORDER BY uploaded_at LIMIT 1",
                case_id,
                sha256,
            )
        return found

"""Queries over read model `document_previews` (written by the previews worker).

One row per document whose virus scan came back clean: how many pages it has, how many
were drawn as preview images, or why it could not be previewed.
"""

from dataclasses import dataclass
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.projections.base import Table, view_name

TABLE = "document_previews"
COLUMNS = ("document_id", "case_id", "page_count", "pages", "refused", "position")


def previews_ddl(t: Table) -> list[str]:
    """The table of one generation, found by document."""
    return [
        f"""CREATE TABLE IF NOT EXISTS {t.sql} (
            document_id uuid PRIMARY KEY, case_id uuid NOT NULL, page_count integer NOT NULL,
            pages integer NOT NULL, refused text NOT NULL, position bigint NOT NULL)"""
    ]


@dataclass(frozen=True)
class DocumentPreviews:
    """A document's preview: `pages` images of its `page_count` pages, or why there are none."""

    document_id: UUID
    case_id: UUID
    page_count: int
    pages: int
    refused: str
    position: int


async def get_document_previews(pool: asyncpg.Pool, document_id: UUID) -> DocumentPreviews | None:
    """The document's preview, or None while none was made (not scanned clean, or not yet)."""
    with map_db_errors():
        row = await pool.fetchrow(
            f"SELECT {', '.join(COLUMNS)} FROM {view_name(TABLE)} WHERE document_id = $1",
            document_id,
        )
    return None if row is None else DocumentPreviews(**dict(row))


async def list_case_previews(pool: asyncpg.Pool, case_id: UUID) -> dict[UUID, DocumentPreviews]:
    """Every preview of a case's documents, by document id."""
    with map_db_errors():
        rows = await pool.fetch(
            f"SELECT {', '.join(COLUMNS)} FROM {view_name(TABLE)} WHERE case_id = $1", case_id
        )
    return {row["document_id"]: DocumentPreviews(**dict(row)) for row in rows}

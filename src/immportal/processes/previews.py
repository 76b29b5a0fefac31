"""The previews worker: draws each document's pages once its virus scan comes back clean.

A projection with a side effect, as the notice issuer is: for each clean scan it draws
the pages (in a worker process, see `adapters.previews`) and stores the images under
keys derived from the document id, then the row commits with the projection's position.
Nothing is drawn before the scan: an upload only notes what the file is, and a file the
scanner did not pass (infected, or never scanned) is never drawn at all.
"""

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

import asyncpg

from immportal.domain.evidence.document import MediaType, ScanResult
from immportal.projections.base import Projected, Projection, Table, event_name
from immportal.projections.case_documents import DOCUMENT_TOPIC
from immportal.projections.document_previews import COLUMNS, TABLE, previews_ddl
from immportal.services.evidence.preview_maker import PreviewMaker, PreviewOutcome


class PreviewsNotWired(RuntimeError):
    """The previews projection was asked to draw pages without a preview maker."""


class DocumentPreviewsProjection(Projection):
    """Maintains `read.document_previews`, drawing each clean document's pages on the way."""

    name = "document_previews"
    tables = (TABLE, "document_uploads")
    topic_prefixes = (DOCUMENT_TOPIC,)
    # Drawing takes seconds per document: small batches keep each transaction short.
    max_batch = 5

    def __init__(self, maker: PreviewMaker | None = None) -> None:
        # Without it the projection can still create its tables (start-up, status).
        self._maker = maker

    def ddl(self, tables: Mapping[str, Table]) -> list[str]:
        """The previews, and each upload's case and type until its scan arrives."""
        uploads = tables["document_uploads"]
        return [
            *previews_ddl(tables[TABLE]),
            f"""CREATE TABLE IF NOT EXISTS {uploads.sql} (
                document_id uuid PRIMARY KEY, case_id uuid NOT NULL, media_type text NOT NULL)""",
        ]

    async def apply(
        self, conn: asyncpg.Connection, tables: Mapping[str, Table], batch: Sequence[Projected]
    ) -> None:
        """Note each upload; draw the pages of each document scanned clean."""
        uploads, previews = tables["document_uploads"].sql, tables[TABLE].sql
        for item in batch:
            event: Any = item.event
            document_id = item.record.originator_id
            match event_name(event):
                case "Uploaded":
                    await conn.execute(
                        f"INSERT INTO {uploads} VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                        document_id,
                        UUID(event.case_id),
                        event.media_type,
                    )
                case "ScanRecorded" if event.result == ScanResult.CLEAN.value:
                    upload = await conn.fetchrow(
                        f"SELECT case_id, media_type FROM {uploads} WHERE document_id = $1",
                        document_id,
                    )
                    if upload is None:  # pragma: no cover - an upload always comes first
                        continue
                    outcome = await self._make(document_id, MediaType(upload["media_type"]))
                    await conn.execute(
                        f"INSERT INTO {previews} ({', '.join(COLUMNS)})"
                        " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (document_id) DO NOTHING",
                        document_id,
                        upload["case_id"],
                        outcome.page_count,
                        outcome.pages,
                        outcome.refused,
                        item.record.position,
                    )

    async def _make(self, document_id: UUID, media_type: MediaType) -> PreviewOutcome:
        if self._maker is None:
            raise PreviewsNotWired("the previews projection needs the blob store and a renderer")
        return await self._maker.make(document_id, media_type)

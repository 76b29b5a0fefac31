"""Makes a scanned document's page previews: read its blob, draw the pages, keep the images."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from uuid import UUID

import structlog

from immportal.domain.evidence.document import MediaType
from immportal.i18n import N_
from immportal.services.evidence.ports import BlobNotFound, BlobStore, document_key
from immportal.services.evidence.previews import (
    PREVIEW_MEDIA_TYPE,
    PreviewRefused,
    PreviewRenderer,
    preview_key,
)

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class PreviewOutcome:
    """What became of a document's preview: pages drawn, of how many, or why none."""

    page_count: int
    pages: int
    refused: str = ""
    """Why there is no preview (in words for the person), or "" when the pages were drawn."""


class PreviewMaker:
    """Draws a document's pages with the renderer and stores them beside the document.

    Keys are derived from the document id, so doing it again (a replay, a rebuild)
    overwrites the same blobs rather than adding new ones.
    """

    def __init__(self, blobs: BlobStore, renderer: PreviewRenderer) -> None:
        self._blobs, self._renderer = blobs, renderer

    async def make(self, document_id: UUID, media_type: MediaType) -> PreviewOutcome:
        """Draw and store the pages; a file that cannot be drawn gets an outcome saying so.

        BlobStoreError other than a missing blob propagates: the store being down is
        not the file's fault, and the caller tries again later.
        """
        try:
            data = b"".join([chunk async for chunk in self._blobs.open(document_key(document_id))])
        except BlobNotFound:
            log.warning("preview_blob_missing", document_id=str(document_id))
            return PreviewOutcome(0, 0, N_("The file is missing."))
        try:
            rendered = await self._renderer.render(data, media_type)
        except PreviewRefused as refused:
            log.info("preview_refused", document_id=str(document_id), reason=str(refused))
            return PreviewOutcome(0, 0, str(refused))
        for number, page in enumerate(rendered.pages, start=1):
            await self._blobs.put(
                preview_key(document_id, number), _once(page), content_type=PREVIEW_MEDIA_TYPE
            )
        log.info("preview_made", document_id=str(document_id), pages=len(rendered.pages))
        return PreviewOutcome(rendered.page_count, len(rendered.pages))


async def _once(data: bytes) -> AsyncIterator[bytes]:
    yield data

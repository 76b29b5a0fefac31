"""Hand out a document the virus check let through, named by its read-model row.

Pages find the document in the `case_documents` read model, never by replaying it. Its
blob's key is the one the portal chose from its id when it was uploaded (`document_key`,
which the orphan sweep relies on too), so the row's id is all the store needs.
"""

from uuid import UUID

from immportal.domain.evidence.document import DOWNLOADABLE, NotDownloadable, ScanResult
from immportal.services.evidence.ports import MAX_URL_LIFETIME, BlobStore, document_key
from immportal.services.evidence.service import Download


async def hand_out(
    blobs: BlobStore, *, document_id: UUID, filename: str, media_type: str, size: int, scan: str
) -> Download:
    """A five-minute link (S3) or a stream (disk); NotDownloadable unless the scan allows it."""
    if ScanResult(scan) not in DOWNLOADABLE:
        raise NotDownloadable(f"This document cannot be downloaded (scan: {scan}).")
    key = document_key(document_id)
    url = await blobs.download_url(key, filename, MAX_URL_LIFETIME)
    chunks = None if url else blobs.open(key)
    return Download(filename, media_type, size, url, chunks)

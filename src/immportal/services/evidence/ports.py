"""What the evidence services need from outside: the blob store, the scanner, the indexes."""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol, runtime_checkable
from uuid import UUID

from immportal.domain.evidence.document import ScanResult
from immportal.errors import PortalError

MAX_URL_LIFETIME = timedelta(minutes=5)
"""A download link works for five minutes at most, so a leaked one soon stops working."""

DOCUMENTS_PREFIX = "documents/"
"""Where evidence documents live; the key's last part is the document id."""


class BlobStoreError(PortalError):
    """Base of the blob store's errors."""


class BlobStoreUnavailable(BlobStoreError):
    """The blob store cannot be reached or failed; nothing was kept."""


class BlobStoreMisconfigured(BlobStoreError):
    """The blob store answers but refuses us (missing bucket, wrong credentials)."""


class BlobNotFound(BlobStoreError):
    """No blob under that key."""


@dataclass(frozen=True)
class BlobInfo:
    """A blob as listed: its key, size and when it was written."""

    key: str
    size: int
    modified: datetime


def document_key(document_id: UUID) -> str:
    """The key of a document's blob: chosen by the portal, never by the uploader."""
    return f"{DOCUMENTS_PREFIX}{document_id}"


def document_id_of(key: str) -> UUID | None:
    """The document id a key names, or None for a key the portal did not make."""
    if not key.startswith(DOCUMENTS_PREFIX):
        return None
    try:
        return UUID(key.removeprefix(DOCUMENTS_PREFIX))
    except ValueError:
        return None


def check_lifetime(expires: timedelta) -> timedelta:
    """A download link's lifetime, refused beyond MAX_URL_LIFETIME."""
    if expires <= timedelta(0) or expires > MAX_URL_LIFETIME:
        raise ValueError(f"a download link lives between 0 and {MAX_URL_LIFETIME}")
    return expires


class BlobStore(Protocol):
    """Keeps bytes under keys the portal chooses."""

    name: str
    """What the store is, for logs (e.g. 's3', 'disk')."""

    async def put(self, key: str, chunks: AsyncIterable[bytes], *, content_type: str) -> int:
        """Stream the chunks into a new blob; return its size.

        An exception from `chunks` (for instance a size limit) leaves no blob behind
        and propagates unchanged.
        """
        ...

    def open(self, key: str) -> AsyncIterator[bytes]:
        """Stream a blob's bytes; raise BlobNotFound if there is none."""
        ...

    async def delete(self, key: str) -> None:
        """Remove a blob; nothing happens if it is not there."""
        ...

    async def exists(self, key: str) -> bool:
        """Whether a blob is kept under the key."""
        ...

    def list(self, prefix: str) -> AsyncIterator[BlobInfo]:
        """Every blob whose key starts with the prefix."""
        ...

    async def download_url(self, key: str, filename: str, expires: timedelta) -> str | None:
        """A link the browser can fetch directly, or None where the portal must stream."""
        ...


class ScannerUnavailable(PortalError):
    """The configured scanner cannot be reached or failed; the upload was not kept."""


@dataclass(frozen=True)
class Verdict:
    """A scanner's answer: the result and, when infected, the signature it matched."""

    result: ScanResult
    scanner: str
    signature: str | None = None


class Scanner(Protocol):
    """Looks at a file's bytes and says whether they carry malware."""

    name: str

    async def scan(self, chunks: AsyncIterable[bytes]) -> Verdict:
        """Scan the bytes; raise ScannerUnavailable when no verdict can be had."""
        ...


class DocumentIndex(Protocol):
    """Finds a case's earlier upload of the same bytes."""

    async def find(self, case_id: UUID, sha256: str) -> UUID | None:
        """The document of the case with this SHA-256, or None."""
        ...


class RecordedAggregates(Protocol):
    """Tells which aggregate ids have events."""

    async def recorded(self, ids: Sequence[UUID]) -> set[UUID]:
        """The ids among `ids` that have at least one event."""
        ...


@runtime_checkable
class IncompleteUploads(Protocol):
    """A blob store that uploads in parts (S3), and so may hold unfinished uploads."""

    def list_incomplete(self, prefix: str) -> AsyncIterator[IncompleteUpload]:
        """Every unfinished upload whose key starts with the prefix."""
        ...

    async def abort_incomplete(self, upload: IncompleteUpload) -> None:
        """End the upload and discard its parts."""
        ...


@dataclass(frozen=True)
class IncompleteUpload:
    """An upload begun in parts and neither completed nor aborted."""

    key: str
    upload_id: str
    initiated: datetime

"""In-memory stand-ins for the evidence tests: a blob store, scanners and the document index."""

from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from immportal.domain.evidence.document import Document, ScanResult
from immportal.services.evidence.ports import (
    BlobInfo,
    BlobNotFound,
    BlobStoreUnavailable,
    ScannerUnavailable,
    Verdict,
    check_lifetime,
)
from testkit.memory_store import MemoryEventStore

UPLOADED: type[Any] = Document.Uploaded  # type: ignore[attr-defined]  # made by @event("Uploaded")


@dataclass(frozen=True)
class Blob:
    """The bytes kept under one key, with their content type and when they were written."""

    data: bytes
    content_type: str
    modified: datetime


class MemoryBlobStore:
    """The BlobStore port in a dict: all or nothing per put, like the disk and S3 stores."""

    name = "memory"

    def __init__(self, *, link_base: str | None = None) -> None:
        self.blobs: dict[str, Blob] = {}
        self.available = True
        # With a base, downloads are links (as with S3); without one, streams (as on disk).
        self._link_base = link_base

    def _check_available(self) -> None:
        if not self.available:
            raise BlobStoreUnavailable("memory blob store switched off")

    async def put(self, key: str, chunks: AsyncIterable[bytes], *, content_type: str) -> int:
        """Keep the chunks once all have arrived; an error from them keeps nothing."""
        self._check_available()
        data = b"".join([chunk async for chunk in chunks])
        self.blobs[key] = Blob(data, content_type, datetime.now(UTC))
        return len(data)

    async def open(self, key: str) -> AsyncIterator[bytes]:
        """The blob's bytes in two chunks, so readers must join them."""
        self._check_available()
        blob = self.blobs.get(key)
        if blob is None:
            raise BlobNotFound(key)
        half = len(blob.data) // 2
        yield blob.data[:half]
        yield blob.data[half:]

    async def delete(self, key: str) -> None:
        """Remove the blob if it is there."""
        self._check_available()
        self.blobs.pop(key, None)

    async def exists(self, key: str) -> bool:
        """Whether a blob is kept under the key."""
        self._check_available()
        return key in self.blobs

    async def list(self, prefix: str) -> AsyncIterator[BlobInfo]:
        """Every blob whose key starts with the prefix."""
        self._check_available()
        for key, blob in sorted(self.blobs.items()):
            if key.startswith(prefix):
                yield BlobInfo(key, len(blob.data), blob.modified)

    async def download_url(self, key: str, filename: str, expires: timedelta) -> str | None:
        """A pretend link when the store was given a base, else None (the portal streams)."""
        check_lifetime(expires)
        return None if self._link_base is None else f"{self._link_base}/{key}?name={filename}"


class FixedScanner:
    """A scanner that reads every byte and gives the same verdict each time."""

    def __init__(self, result: ScanResult = ScanResult.CLEAN, signature: str | None = None) -> None:
        self.name = "fixed"
        self._result, self._signature = result, signature
        self.scanned: list[bytes] = []

    async def scan(self, chunks: AsyncIterable[bytes]) -> Verdict:
        """The fixed verdict, after reading the file as a real scanner would."""
        self.scanned.append(b"".join([chunk async for chunk in chunks]))
        return Verdict(self._result, self.name, self._signature)


class DownScanner:
    """A configured scanner that cannot be reached."""

    name = "down"

    async def scan(self, chunks: AsyncIterable[bytes]) -> Verdict:
        """Always unavailable."""
        raise ScannerUnavailable("scanner unreachable")


class LogDocumentIndex:
    """The DocumentIndex port read straight from the in-memory log (the read model, caught up)."""

    def __init__(self, store: MemoryEventStore) -> None:
        self._store = store

    async def find(self, case_id: UUID, sha256: str) -> UUID | None:
        """The case's first document with these bytes, or None."""
        wanted = (str(case_id), sha256)
        for entry in self._store.log:
            event: Any = self._store.mapper.to_domain_event(entry.event)
            if isinstance(event, UPLOADED) and (event.case_id, event.sha256) == wanted:
                return UUID(str(event.originator_id))
        return None

"""An upload on its way in: counted, hashed and sniffed as it streams, with a local copy."""

import asyncio
import hashlib
from collections.abc import AsyncIterable, AsyncIterator
from typing import BinaryIO

from immportal.domain.evidence.document import MediaType
from immportal.errors import PortalError

SNIFF_BYTES = 8
"""Enough of the start of a file to tell the accepted kinds apart."""

# Signatures at offset 0 (ISO 32000, JFIF/Exif SOI marker, PNG spec, TIFF 6.0 both orders).
_MAGIC: tuple[tuple[bytes, MediaType], ...] = (
    (b"%PDF-", MediaType.PDF),
    (b"\xff\xd8\xff", MediaType.JPEG),
    (b"\x89PNG\r\n\x1a\n", MediaType.PNG),
    (b"II*\x00", MediaType.TIFF),
    (b"MM\x00*", MediaType.TIFF),
)


class UploadRefused(PortalError):
    """The file was not kept; the message says why in words for the person who sent it."""


class FileTooLarge(UploadRefused):
    """The file is larger than the upload limit."""


class UnsupportedFileType(UploadRefused):
    """The file's content is not a PDF, JPEG, PNG or TIFF (whatever its name says)."""


class UnsafeDocument(UploadRefused):
    """The file is of an accepted kind but damaged, locked, active or a decompression bomb."""


class UnsafeName(UploadRefused):
    """The file's name holds a path, control characters or a bidi override."""


class VirusFound(UploadRefused):
    """The virus scanner found malware: nothing of the file was kept or recorded."""


def sniff(head: bytes) -> MediaType | None:
    """The media type the first bytes of a file announce, or None."""
    for magic, media_type in _MAGIC:
        if head.startswith(magic):
            return media_type
    return None


def _megabytes(size: int) -> str:
    # Binary megabytes, as file managers count them: the 20 MiB limit reads "20 MB".
    return f"{size / 1024**2:.3g} MB"


class Intake:
    """Passes the person's chunks on while hashing, counting and copying them to `spool`.

    Call `begin()` first: it reads just enough to know the file's type (and refuses
    any other), so the blob store can be told the content type before the bytes flow.
    """

    def __init__(self, chunks: AsyncIterable[bytes], *, max_bytes: int, spool: BinaryIO) -> None:
        self._source = aiter(chunks)
        self._max_bytes, self._spool = max_bytes, spool
        self._hash = hashlib.sha256()
        self._head = b""
        self.size = 0
        self.media_type: MediaType | None = None

    @property
    def sha256(self) -> str:
        """The hex SHA-256 of everything passed on so far."""
        return self._hash.hexdigest()

    async def begin(self) -> MediaType:
        """Read the first bytes and tell the file's type; refuse an empty or unknown file."""
        async for chunk in self._source:
            self._head += chunk
            self._check_size(len(self._head))
            if len(self._head) >= SNIFF_BYTES:
                break
        if not self._head:
            raise UnsupportedFileType("The file is empty.")
        media_type = sniff(self._head)
        if media_type is None:
            raise UnsupportedFileType("Upload a PDF, JPEG, PNG or TIFF file.")
        self.media_type = media_type
        return media_type

    async def stream(self) -> AsyncIterator[bytes]:
        """The whole file, chunk by chunk; raises FileTooLarge as soon as it passes the limit."""
        if self.media_type is None:
            raise RuntimeError("Intake.begin() first")
        if self._head:
            head, self._head = self._head, b""
            yield await self._pass(head)
        async for chunk in self._source:
            if chunk:
                yield await self._pass(chunk)

    async def _pass(self, chunk: bytes) -> bytes:
        self._check_size(self.size + len(chunk))
        self.size += len(chunk)
        self._hash.update(chunk)
        await asyncio.to_thread(self._spool.write, chunk)
        return chunk

    def _check_size(self, size: int) -> None:
        if size > self._max_bytes:
            raise FileTooLarge(f"The file is larger than {_megabytes(self._max_bytes)}.")


async def read_spool(spool: BinaryIO, chunk_size: int = 256 * 1024) -> AsyncIterator[bytes]:
    """The local copy again from its start, for the scanner."""
    await asyncio.to_thread(spool.seek, 0)
    while chunk := await asyncio.to_thread(spool.read, chunk_size):
        yield chunk

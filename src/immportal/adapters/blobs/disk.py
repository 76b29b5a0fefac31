"""Blobs as files in a local directory: the embedded default for one machine."""

import asyncio
import os
import re
import uuid
from collections.abc import AsyncIterable, AsyncIterator, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import BinaryIO

from immportal.services.evidence.ports import (
    BlobInfo,
    BlobNotFound,
    BlobStoreUnavailable,
    check_lifetime,
)

READ_CHUNK = 256 * 1024
_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*")
# Files being written carry this prefix until complete, so listings never see them.
_PARTIAL = ".partial-"


@contextmanager
def map_disk_errors() -> Iterator[None]:
    """Re-raise a failing disk (full, read-only, gone) as BlobStoreUnavailable."""
    try:
        yield
    except (FileNotFoundError, BlobNotFound):
        raise
    except OSError as exc:
        raise BlobStoreUnavailable(f"blob directory: {exc.strerror or exc}") from exc


class DiskBlobStore:
    """Keeps each blob as one file under `root`, written aside and renamed into place."""

    name = "disk"

    def __init__(self, root: Path) -> None:
        self.root = root

    async def start(self) -> None:
        """Create the directory and check that it can be written."""
        with map_disk_errors():
            await asyncio.to_thread(_private_folders, self.root, self.root)
            if not os.access(self.root, os.W_OK):
                raise BlobStoreUnavailable(f"blob directory {self.root} is not writable")

    def _path(self, key: str) -> Path:
        if not _KEY.fullmatch(key) or ".." in key.split("/"):
            raise ValueError(f"not a blob key: {key!r}")
        return self.root / key

    async def put(self, key: str, chunks: AsyncIterable[bytes], *, content_type: str) -> int:
        """Write the chunks to a side file, then rename it to the key (all or nothing)."""
        path = self._path(key)
        partial = path.with_name(f"{_PARTIAL}{uuid.uuid4().hex}")
        size = 0
        with map_disk_errors():
            await asyncio.to_thread(_private_folders, self.root, path.parent)
            file = await asyncio.to_thread(_new_private_file, partial)
            try:
                async for chunk in chunks:
                    await asyncio.to_thread(file.write, chunk)
                    size += len(chunk)
                await asyncio.to_thread(_flush, file)
                file.close()
                await asyncio.to_thread(os.replace, partial, path)
            except BaseException:
                file.close()
                await asyncio.to_thread(partial.unlink, missing_ok=True)
                raise
        return size

    async def open(self, key: str) -> AsyncIterator[bytes]:
        """Read the file in chunks, off the event loop."""
        path = self._path(key)
        with map_disk_errors():
            try:
                file = await asyncio.to_thread(path.open, "rb")
            except FileNotFoundError as exc:
                raise BlobNotFound(key) from exc
            try:
                while chunk := await asyncio.to_thread(file.read, READ_CHUNK):
                    yield chunk
            finally:
                file.close()

    async def delete(self, key: str) -> None:
        """Remove the file if it is there."""
        with map_disk_errors():
            await asyncio.to_thread(self._path(key).unlink, missing_ok=True)

    async def exists(self, key: str) -> bool:
        """Whether the file is there."""
        with map_disk_errors():
            return await asyncio.to_thread(self._path(key).is_file)

    async def list(self, prefix: str) -> AsyncIterator[BlobInfo]:
        """Every complete file whose key starts with the prefix."""
        with map_disk_errors():
            found = await asyncio.to_thread(_scan, self.root, prefix)
        for info in found:
            yield info

    async def download_url(self, key: str, filename: str, expires: timedelta) -> str | None:
        """None: files on local disk are streamed by the portal itself."""
        check_lifetime(expires)
        return None


# Uploaded documents are personal data: only the portal's own user may read them (0600
# files in 0700 folders), whatever the process's umask.
FILE_MODE, FOLDER_MODE = 0o600, 0o700


def _private_folders(root: Path, folder: Path) -> None:
    """Make `folder` (under `root`, or `root` itself) and every folder between, all 0700."""
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    for each in (folder, *folder.relative_to(root).parents):
        path = each if each.is_absolute() else root / each
        if path.stat().st_mode & 0o777 != FOLDER_MODE:
            path.chmod(FOLDER_MODE)


def _new_private_file(path: Path) -> BinaryIO:
    """A new file only its owner can read (refused if the name exists)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    return os.fdopen(fd, "wb")


def _flush(file: BinaryIO) -> None:
    # A blob counts as written only once it is on disk: its event comes next.
    file.flush()
    os.fsync(file.fileno())


def _scan(root: Path, prefix: str) -> list[BlobInfo]:
    found = []
    for dirpath, _, filenames in os.walk(root):
        for filename in filenames:
            path = Path(dirpath) / filename
            key = path.relative_to(root).as_posix()
            if filename.startswith(_PARTIAL) or not key.startswith(prefix):
                continue
            try:
                stat = path.stat()
            except FileNotFoundError:  # deleted while we looked
                continue
            modified = datetime.fromtimestamp(stat.st_mtime, UTC)
            found.append(BlobInfo(key, stat.st_size, modified))
    return found

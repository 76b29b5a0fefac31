"""The BlobStore contract, run against both adapters: S3 (SeaweedFS) and a local directory."""

import hashlib
import os
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from immportal.adapters.blobs.disk import DiskBlobStore
from immportal.services.evidence.ports import BlobNotFound, BlobStore
from testkit.seaweed import SHARED_BUCKET, SeaweedS3

MiB = 1024 * 1024


class Stop(Exception):
    """Raised by a chunk source halfway, as a size limit would."""


@pytest.fixture(params=["s3", "disk"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[BlobStore]:
    """Each adapter in turn, started on a fresh bucket or directory."""
    if request.param == "disk":
        disk = DiskBlobStore(tmp_path / "blobs")
        await disk.start()
        yield disk
        return
    # Asked for here, so SeaweedFS starts only when an S3 case runs.
    seaweedfs: SeaweedS3 = request.getfixturevalue("seaweedfs")
    s3 = seaweedfs.store(SHARED_BUCKET, part_size=5 * MiB)
    await s3.start()
    yield s3
    await s3.close()


async def chunks_of(data: bytes, size: int = 64 * 1024) -> AsyncIterator[bytes]:
    """The data as an upload would arrive: in chunks."""
    for start in range(0, len(data), size):
        yield data[start : start + size]


async def read_all(store: BlobStore, key: str) -> bytes:
    """Every byte of a blob, through the streaming reader."""
    return b"".join([chunk async for chunk in store.open(key)])


def key() -> str:
    """A unique key, as the portal makes them."""
    return f"documents/{uuid.uuid4()}"


class TestPutAndOpen:
    """What is put comes back byte for byte, streamed."""

    async def test_small_blob_round_trips(self, store: BlobStore) -> None:
        """A small blob is stored in one go and read back whole."""
        k, data = key(), b"%PDF-1.7 tiny"
        size = await store.put(k, chunks_of(data), content_type="application/pdf")
        assert len(data) == size
        assert data == await read_all(store, k)

    async def test_large_blob_goes_in_parts_and_round_trips(self, store: BlobStore) -> None:
        """A blob bigger than one part (multipart on S3) keeps every byte in order."""
        k, data = key(), os.urandom(11 * MiB + 123)
        size = await store.put(k, chunks_of(data, 256 * 1024), content_type="image/tiff")
        assert len(data) == size
        read = await read_all(store, k)
        assert hashlib.sha256(data).hexdigest() == hashlib.sha256(read).hexdigest()

    async def test_open_missing_blob_raises_not_found(self, store: BlobStore) -> None:
        """Opening a key nobody put raises BlobNotFound."""
        with pytest.raises(BlobNotFound):
            await read_all(store, key())


class TestFailedPut:
    """A put whose source fails leaves nothing behind."""

    @pytest.mark.parametrize("size", [100 * 1024, 7 * MiB])
    async def test_source_error_leaves_no_blob(self, store: BlobStore, size: int) -> None:
        """The source's own exception propagates and the key stays empty (single and multipart)."""
        k = key()

        async def failing() -> AsyncIterator[bytes]:
            async for chunk in chunks_of(os.urandom(size)):
                yield chunk
            raise Stop

        with pytest.raises(Stop):
            await store.put(k, failing(), content_type="application/pdf")
        assert not await store.exists(k)
        assert [] == [info async for info in store.list(k)]


class TestExistsDeleteList:
    """Blobs can be found, listed and removed."""

    async def test_exists_and_delete(self, store: BlobStore) -> None:
        """A blob exists after put and not after delete; deleting twice is harmless."""
        k = key()
        assert not await store.exists(k)
        await store.put(k, chunks_of(b"\x89PNG\r\n\x1a\n"), content_type="image/png")
        assert await store.exists(k)
        await store.delete(k)
        await store.delete(k)
        assert not await store.exists(k)

    async def test_list_by_prefix(self, store: BlobStore) -> None:
        """Listing a prefix shows each blob under it with its size and time."""
        prefix = f"documents/{uuid.uuid4().hex[:8]}"
        keys = [f"{prefix}-{n}" for n in range(3)]
        for n, k in enumerate(keys):
            await store.put(k, chunks_of(b"x" * (n + 1)), content_type="image/png")
        await store.put(key(), chunks_of(b"other"), content_type="image/png")
        found = {info.key: info.size async for info in store.list(prefix)}
        assert {keys[0]: 1, keys[1]: 2, keys[2]: 3} == found


class TestDownloadUrl:
    """Links live five minutes at most."""

    async def test_lifetime_over_five_minutes_is_refused(self, store: BlobStore) -> None:
        """Asking for a longer-lived link is a programming error, refused by every store."""
        with pytest.raises(ValueError, match="download link"):
            await store.download_url(key(), "a.pdf", timedelta(minutes=6))

"""The S3 adapter against SeaweedFS: encryption, presigned links, the bucket check, outages."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
import pytest
import yarl

from immportal.adapters.blobs.s3 import S3BlobStore
from immportal.services.evidence.ports import BlobStoreMisconfigured, BlobStoreUnavailable
from testkit.seaweed import SHARED_BUCKET, SeaweedS3, free_ports
from testkit.tcp_proxy import TcpProxy

MiB = 1024 * 1024


async def chunks_of(data: bytes, size: int = 256 * 1024) -> AsyncIterator[bytes]:
    """The data in chunks, as an upload arrives."""
    for start in range(0, len(data), size):
        yield data[start : start + size]


async def fetch(url: str) -> tuple[int, bytes, str | None]:
    """A plain HTTP GET, as a browser following the link would make it."""
    async with (
        aiohttp.ClientSession() as http,
        http.get(yarl.URL(url, encoded=True)) as response,
    ):
        body = await response.read()
        return response.status, body, response.headers.get("Content-Disposition")


def key() -> str:
    """A unique document key."""
    return f"documents/{uuid.uuid4()}"


class TestServerSideEncryption:
    """Every object is stored encrypted by the server."""

    @pytest.mark.parametrize("size", [1000, 6 * MiB])
    async def test_objects_report_aes256(self, s3_store: S3BlobStore, size: int) -> None:
        """SeaweedFS reports SSE-S3 (AES256) for single and multipart uploads alike."""
        k = key()
        await s3_store.put(k, chunks_of(b"\xff\xd8\xff" + b"j" * size), content_type="image/jpeg")
        head = await s3_store.client.head_object(Bucket=s3_store.bucket, Key=k)
        assert "AES256" == head.get("ServerSideEncryption")
        assert "image/jpeg" == head["ContentType"]


class TestPresignedUrl:
    """Download links work with a plain GET and stop working when they expire."""

    async def test_link_downloads_with_the_person_s_filename(self, s3_store: S3BlobStore) -> None:
        """The link serves the bytes as an attachment under the cleaned filename."""
        k = key()
        await s3_store.put(k, chunks_of(b"%PDF-1.7 body"), content_type="application/pdf")
        url = await s3_store.download_url(k, "Pasaporte página 1.pdf", timedelta(minutes=5))
        assert url is not None
        status, body, disposition = await fetch(url)
        assert (200, b"%PDF-1.7 body") == (status, body)
        assert disposition is not None
        assert "attachment" in disposition
        assert "filename*=UTF-8''Pasaporte%20p%C3%A1gina%201.pdf" in disposition

    async def test_link_expires(self, s3_store: S3BlobStore) -> None:
        """A one-second link is refused once the second has passed."""
        k = key()
        await s3_store.put(k, chunks_of(b"%PDF-1.7 x"), content_type="application/pdf")
        url = await s3_store.download_url(k, "x.pdf", timedelta(seconds=1))
        assert url is not None
        await asyncio.sleep(2.1)
        status, _, _ = await fetch(url)
        assert 403 == status

    async def test_link_lifetime_is_in_the_signature(self, s3_store: S3BlobStore) -> None:
        """The longest link allowed is signed for 300 seconds."""
        url = await s3_store.download_url(key(), "x.pdf", timedelta(minutes=5))
        assert url is not None
        assert "300" == yarl.URL(url).query["X-Amz-Expires"]


class TestStart:
    """The bucket is checked when the store starts."""

    async def test_missing_bucket_is_a_clear_error(self, seaweedfs: SeaweedS3) -> None:
        """A bucket that does not exist stops the start with BlobStoreMisconfigured."""
        store = seaweedfs.store(f"missing-{uuid.uuid4().hex[:12]}")
        with pytest.raises(BlobStoreMisconfigured, match="does not exist"):
            await store.start()

    async def test_wrong_credentials_are_a_clear_error(self, seaweedfs: SeaweedS3) -> None:
        """Credentials the server rejects stop the start with BlobStoreMisconfigured."""
        store = S3BlobStore(
            bucket=SHARED_BUCKET,
            endpoint_url=seaweedfs.endpoint_url,
            region="us-east-1",
            access_key_id="nobody",
            secret_access_key="wrong",
        )
        with pytest.raises(BlobStoreMisconfigured):
            await store.start()

    async def test_closed_port_is_unavailable(self) -> None:
        """Nothing listening at the endpoint stops the start with BlobStoreUnavailable."""
        (port,) = free_ports(1)
        store = S3BlobStore(
            bucket=SHARED_BUCKET,
            endpoint_url=f"http://127.0.0.1:{port}",
            region="us-east-1",
            access_key_id="a",
            secret_access_key="b",
            connect_timeout=1,
        )
        with pytest.raises(BlobStoreUnavailable):
            await store.start()


class TestOutage:
    """S3 going away mid-life is reported as our own error."""

    async def test_put_and_open_raise_unavailable(self, seaweedfs: SeaweedS3) -> None:
        """Once the server is unreachable, put, open and exists raise BlobStoreUnavailable."""
        proxy = TcpProxy("127.0.0.1", yarl.URL(seaweedfs.endpoint_url).port or 80)
        await proxy.start()
        store = S3BlobStore(
            bucket=SHARED_BUCKET,
            endpoint_url=f"http://127.0.0.1:{proxy.port}",
            region="us-east-1",
            access_key_id=seaweedfs.client_args()["aws_access_key_id"],
            secret_access_key=seaweedfs.client_args()["aws_secret_access_key"],
            connect_timeout=1,
            read_timeout=2,
        )
        await store.start()
        try:
            await proxy.close()
            with pytest.raises(BlobStoreUnavailable):
                await store.put(key(), chunks_of(b"%PDF-1.7"), content_type="application/pdf")
            with pytest.raises(BlobStoreUnavailable):
                await store.exists(key())
            with pytest.raises(BlobStoreUnavailable):
                _ = [chunk async for chunk in store.open(key())]
        finally:
            await store.close()

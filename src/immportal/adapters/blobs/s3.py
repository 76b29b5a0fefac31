"""Blobs in an S3 bucket (aiobotocore), encrypted by the server, streamed in parts."""

import asyncio
import contextlib
from collections.abc import AsyncIterable, AsyncIterator
from contextlib import AsyncExitStack
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import quote

from aiobotocore.config import AioConfig
from aiobotocore.session import get_session
from botocore.exceptions import ClientError

from immportal.adapters.blobs.s3_errors import map_s3_errors
from immportal.services.evidence.ports import (
    BlobInfo,
    BlobNotFound,
    BlobStoreMisconfigured,
    IncompleteUpload,
    check_lifetime,
)

if TYPE_CHECKING:
    from types_aiobotocore_s3.client import S3Client
    from types_aiobotocore_s3.type_defs import CompletedPartTypeDef

PART_SIZE = 8 * 1024 * 1024
"""Bytes held in memory per part; S3 wants at least 5 MiB for every part but the last."""
READ_CHUNK = 256 * 1024
# Every object is encrypted at rest with keys the store manages (SSE-S3).
ENCRYPTION: Final = "AES256"


def _disposition(filename: str) -> str:
    # An ASCII fallback for old browsers, and the real name per RFC 6266 / RFC 8187.
    fallback = filename.encode("ascii", "replace").decode().replace('"', "_").replace("?", "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


class S3BlobStore:
    """Keeps blobs in one bucket; `start()` checks the bucket, `close()` ends the client."""

    name = "s3"

    def __init__(
        self,
        *,
        bucket: str,
        endpoint_url: str | None = None,
        region: str | None = None,
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
        part_size: int = PART_SIZE,
        connect_timeout: float = 5,
        read_timeout: float = 30,
    ) -> None:
        if part_size < 5 * 1024 * 1024:
            raise ValueError("S3 parts are at least 5 MiB")
        self.bucket, self._part_size = bucket, part_size
        self._client_args: dict[str, Any] = {
            "endpoint_url": endpoint_url,
            "region_name": region,
            "aws_access_key_id": access_key_id,
            "aws_secret_access_key": secret_access_key,
            "config": AioConfig(
                signature_version="s3v4",
                connect_timeout=connect_timeout,
                read_timeout=read_timeout,
                # A person waits for the answer: fail soon and say so, rather than retry long.
                retries={"max_attempts": 2, "mode": "standard"},
                s3={"addressing_style": "path" if endpoint_url else "auto"},
            ),
        }
        self._stack = AsyncExitStack()
        self._client: S3Client | None = None

    @property
    def client(self) -> "S3Client":
        """The open client (after start())."""
        if self._client is None:
            raise RuntimeError("S3BlobStore.start() was not called")
        return self._client

    async def start(self) -> None:
        """Open the client and check that the bucket is there and ours to use."""
        creator = get_session().create_client("s3", **self._client_args)
        self._client = await self._stack.enter_async_context(creator)
        try:
            with map_s3_errors(f"bucket {self.bucket}"):
                await self.client.head_bucket(Bucket=self.bucket)
        except BaseException as exc:
            await self.close()
            if isinstance(exc, BlobNotFound):
                msg = f"S3 bucket {self.bucket!r} does not exist; create it first"
                raise BlobStoreMisconfigured(msg) from exc
            raise

    async def close(self) -> None:
        """Close the client's connections."""
        self._client = None
        await self._stack.aclose()

    async def put(self, key: str, chunks: AsyncIterable[bytes], *, content_type: str) -> int:
        """One PUT for a small blob, a multipart upload once it outgrows one part."""
        buffer, size = bytearray(), 0
        upload: _Multipart | None = None
        try:
            async for chunk in chunks:
                buffer += chunk
                size += len(chunk)
                while len(buffer) > self._part_size:
                    if upload is None:
                        upload = await _Multipart.begin(self, key, content_type)
                    await upload.send(bytes(buffer[: self._part_size]))
                    del buffer[: self._part_size]
            if upload is None:
                with map_s3_errors(f"put {key}"):
                    await self.client.put_object(
                        Bucket=self.bucket,
                        Key=key,
                        Body=bytes(buffer),
                        ContentType=content_type,
                        ServerSideEncryption=ENCRYPTION,
                    )
            else:
                await upload.send(bytes(buffer))
                await upload.complete()
        except BaseException:
            if upload is not None:
                await asyncio.shield(upload.abort())
            raise
        return size

    async def open(self, key: str) -> AsyncIterator[bytes]:
        """Stream the object's body."""
        with map_s3_errors(f"get {key}"):
            response = await self.client.get_object(Bucket=self.bucket, Key=key)
        body = response["Body"]
        try:
            while True:
                with map_s3_errors(f"get {key}"):
                    chunk = await body.read(READ_CHUNK)
                if not chunk:
                    return
                yield chunk
        finally:
            body.close()

    async def delete(self, key: str) -> None:
        """Delete the object (S3 says yes whether or not it was there)."""
        with map_s3_errors(f"delete {key}"):
            await self.client.delete_object(Bucket=self.bucket, Key=key)

    async def exists(self, key: str) -> bool:
        """Whether the object is there (a HEAD request)."""
        try:
            with map_s3_errors(f"head {key}"):
                await self.client.head_object(Bucket=self.bucket, Key=key)
        except BlobNotFound:
            return False
        return True

    async def list(self, prefix: str) -> AsyncIterator[BlobInfo]:
        """Every object under the prefix, page by page."""
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=prefix
        )
        iterator = aiter(pages)
        while True:
            with map_s3_errors(f"list {prefix}"):
                try:
                    page = await anext(iterator)
                except StopAsyncIteration:
                    return
            for item in page.get("Contents", []):
                yield BlobInfo(item["Key"], item["Size"], item["LastModified"])

    async def list_incomplete(self, prefix: str) -> AsyncIterator[IncompleteUpload]:
        """Every multipart upload under the prefix that was neither completed nor aborted."""
        pages = self.client.get_paginator("list_multipart_uploads").paginate(
            Bucket=self.bucket, Prefix=prefix
        )
        iterator = aiter(pages)
        while True:
            with map_s3_errors(f"list uploads {prefix}"):
                try:
                    page = await anext(iterator)
                except StopAsyncIteration:
                    return
            for item in page.get("Uploads", []):
                yield IncompleteUpload(item["Key"], item["UploadId"], item["Initiated"])

    async def abort_incomplete(self, upload: IncompleteUpload) -> None:
        """Abort the multipart upload and discard its parts (gone already is fine)."""
        with map_s3_errors(f"abort {upload.key}"):
            try:
                await self.client.abort_multipart_upload(
                    Bucket=self.bucket, Key=upload.key, UploadId=upload.upload_id
                )
            except ClientError as exc:
                # Completed or aborted meanwhile: nothing is left to end.
                if exc.response.get("Error", {}).get("Code") != "NoSuchUpload":
                    raise

    async def download_url(self, key: str, filename: str, expires: timedelta) -> str | None:
        """A presigned GET, valid for at most five minutes, offering the file by its name."""
        seconds = int(check_lifetime(expires).total_seconds()) or 1
        with map_s3_errors(f"sign {key}"):
            return await self.client.generate_presigned_url(
                "get_object",
                Params={
                    "Bucket": self.bucket,
                    "Key": key,
                    "ResponseContentDisposition": _disposition(filename),
                },
                ExpiresIn=seconds,
            )


class _Multipart:
    """One multipart upload under way."""

    def __init__(self, store: S3BlobStore, key: str, upload_id: str) -> None:
        self._store, self._key, self._id = store, key, upload_id
        self._parts: list[CompletedPartTypeDef] = []

    @classmethod
    async def begin(cls, store: S3BlobStore, key: str, content_type: str) -> "_Multipart":
        with map_s3_errors(f"put {key}"):
            started = await store.client.create_multipart_upload(
                Bucket=store.bucket,
                Key=key,
                ContentType=content_type,
                ServerSideEncryption=ENCRYPTION,
            )
        return cls(store, key, started["UploadId"])

    async def send(self, data: bytes) -> None:
        number = len(self._parts) + 1
        with map_s3_errors(f"put {self._key}"):
            sent = await self._store.client.upload_part(
                Bucket=self._store.bucket,
                Key=self._key,
                UploadId=self._id,
                PartNumber=number,
                Body=data,
            )
        self._parts.append({"ETag": sent["ETag"], "PartNumber": number})

    async def complete(self) -> None:
        with map_s3_errors(f"put {self._key}"):
            await self._store.client.complete_multipart_upload(
                Bucket=self._store.bucket,
                Key=self._key,
                UploadId=self._id,
                MultipartUpload={"Parts": self._parts},
            )

    async def abort(self) -> None:
        # Best effort: the store is perhaps what failed. A bucket lifecycle rule
        # (AbortIncompleteMultipartUpload) removes the parts this cannot.
        with contextlib.suppress(Exception):
            await self._store.client.abort_multipart_upload(
                Bucket=self._store.bucket, Key=self._key, UploadId=self._id
            )

"""The blob store and the virus scanner the settings ask for (part of the composition root)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from immportal.adapters.blobs.disk import DiskBlobStore
from immportal.adapters.scanning.clamd import ClamdScanner
from immportal.services.evidence.ports import BlobStore, Scanner
from immportal.services.evidence.scanning import NoScanner
from immportal.settings import Settings


@asynccontextmanager
async def open_blob_store(settings: Settings) -> AsyncIterator[BlobStore]:
    """S3 when a bucket is configured (checked now), else a directory on local disk."""
    if not settings.s3_bucket:
        disk = DiskBlobStore(settings.blob_dir or settings.data_dir / "blobs")
        await disk.start()
        yield disk
        return
    from immportal.adapters.blobs.s3 import S3BlobStore

    secret = settings.s3_secret_access_key
    s3 = S3BlobStore(
        bucket=settings.s3_bucket,
        endpoint_url=settings.s3_endpoint_url,
        region=settings.s3_region,
        access_key_id=settings.s3_access_key_id,
        secret_access_key=secret.get_secret_value() if secret else None,
    )
    await s3.start()
    try:
        yield s3
    finally:
        await s3.close()


def create_scanner(settings: Settings) -> Scanner:
    """clamd when an address is configured; otherwise documents are marked unscanned."""
    if settings.clamd_address:
        return ClamdScanner(settings.clamd_address)
    return NoScanner()

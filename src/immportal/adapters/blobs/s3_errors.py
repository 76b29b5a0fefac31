"""One place where botocore's and aiohttp's exceptions become the blob store's own."""

from collections.abc import Iterator
from contextlib import contextmanager

import aiohttp
from botocore.exceptions import BotoCoreError, ClientError

from immportal.services.evidence.ports import (
    BlobNotFound,
    BlobStoreError,
    BlobStoreMisconfigured,
    BlobStoreUnavailable,
)

_NOT_FOUND = frozenset({"NoSuchKey", "NotFound", "404"})
# The store answers, but not for us: a person cannot fix this by trying again later.
_MISCONFIGURED = frozenset(
    {
        "NoSuchBucket",
        "AccessDenied",
        "InvalidAccessKeyId",
        "SignatureDoesNotMatch",
        "AllAccessDisabled",
        "403",
    }
)


def _code(exc: ClientError) -> tuple[str, int]:
    error = exc.response.get("Error", {})
    status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
    return str(error.get("Code", "")), int(status)


@contextmanager
def map_s3_errors(what: str) -> Iterator[None]:
    """Re-raise S3 failures as BlobNotFound, BlobStoreMisconfigured or BlobStoreUnavailable."""
    try:
        yield
    except BlobStoreError:
        raise
    except ClientError as exc:
        code, status = _code(exc)
        if code in _NOT_FOUND:
            raise BlobNotFound(what) from exc
        if code in _MISCONFIGURED:
            raise BlobStoreMisconfigured(f"S3 refused {what}: {code}") from exc
        raise BlobStoreUnavailable(f"S3 failed {what}: {code or status}") from exc
    except (TimeoutError, BotoCoreError, aiohttp.ClientError, OSError) as exc:
        raise BlobStoreUnavailable(f"S3 unreachable for {what}: {type(exc).__name__}") from exc

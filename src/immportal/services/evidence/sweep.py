"""Removes blobs whose upload never got its event (the blob is always written first).

It also ends uploads that never finished: a multipart upload cut off together with the
store's connection could not be aborted then, and its parts would be kept (and paid
for) forever.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from uuid import UUID

import structlog

from immportal.services.evidence.ports import (
    DOCUMENTS_PREFIX,
    BlobStore,
    IncompleteUploads,
    RecordedAggregates,
    document_id_of,
)

log = structlog.get_logger(__name__)

BATCH = 500
MIN_AGE = timedelta(minutes=10)
"""Younger blobs may belong to an upload still under way; they are never swept."""


@dataclass
class SweepReport:
    """What one sweep looked at and removed."""

    examined: int = 0
    deleted: list[str] = field(default_factory=list)
    aborted: list[str] = field(default_factory=list)


async def sweep_orphan_blobs(
    blobs: BlobStore,
    recorded: RecordedAggregates,
    *,
    older_than: timedelta,
    now: datetime | None = None,
    dry_run: bool = False,
) -> SweepReport:
    """Delete document blobs older than `older_than` that no Document event refers to.

    Unfinished uploads begun before the same cutoff are aborted, recorded or not: an
    upload that is still incomplete that long after it began will never complete.
    """
    if older_than < MIN_AGE:
        raise ValueError(f"only blobs older than {MIN_AGE} may be swept")
    cutoff = (now or datetime.now(UTC)) - older_than
    report = SweepReport()
    candidates: list[tuple[str, UUID]] = []
    async for info in blobs.list(DOCUMENTS_PREFIX):
        report.examined += 1
        document_id = document_id_of(info.key)
        if document_id is not None and info.modified < cutoff:
            candidates.append((info.key, document_id))
    for start in range(0, len(candidates), BATCH):
        batch = candidates[start : start + BATCH]
        kept = await recorded.recorded([document_id for _, document_id in batch])
        for key, document_id in batch:
            if document_id in kept:
                continue
            if not dry_run:
                await blobs.delete(key)
            report.deleted.append(key)
    if isinstance(blobs, IncompleteUploads):
        report.aborted = await _abort_incomplete(blobs, cutoff, dry_run=dry_run)
    log.info(
        "blob_sweep",
        examined=report.examined,
        deleted=len(report.deleted),
        aborted=len(report.aborted),
        dry_run=dry_run,
    )
    return report


async def _abort_incomplete(
    uploads: IncompleteUploads, cutoff: datetime, *, dry_run: bool
) -> list[str]:
    stale = [u async for u in uploads.list_incomplete(DOCUMENTS_PREFIX) if u.initiated < cutoff]
    if not dry_run:
        for upload in stale:
            await uploads.abort_incomplete(upload)
    return [upload.key for upload in stale]

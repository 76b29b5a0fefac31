"""Removes blobs whose upload never got its event (the blob is always written first)."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol
from uuid import UUID

import structlog

from immportal.services.blobs import DOCUMENTS_PREFIX, BlobStore, document_id_of

log = structlog.get_logger(__name__)

BATCH = 500
MIN_AGE = timedelta(minutes=10)
"""Younger blobs may belong to an upload still under way; they are never swept."""


class RecordedAggregates(Protocol):
    """Tells which aggregate ids have events."""

    async def recorded(self, ids: Sequence[UUID]) -> set[UUID]:
        """The ids among `ids` that have at least one event."""
        ...


@dataclass
class SweepReport:
    """What one sweep looked at and removed."""

    examined: int = 0
    deleted: list[str] = field(default_factory=list)


async def sweep_orphan_blobs(
    blobs: BlobStore,
    recorded: RecordedAggregates,
    *,
    older_than: timedelta,
    now: datetime | None = None,
    dry_run: bool = False,
) -> SweepReport:
    """Delete document blobs older than `older_than` that no Document event refers to."""
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
    log.info("blob_sweep", examined=report.examined, deleted=len(report.deleted), dry_run=dry_run)
    return report

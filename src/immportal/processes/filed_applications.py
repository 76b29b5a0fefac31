"""The filed copy worker: one row of read model `filed_applications` per copy issued.

For each filing and each acceptance it renders the application as filed, seals it and
writes it to the blob store (under a key derived from the event, so a replay overwrites
the same blob); the row commits with the projection's position.
"""

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

import asyncpg
import structlog

from immportal.processes.notices import CaseHistory
from immportal.projections.base import Projected, Projection, Table, event_name
from immportal.projections.case_summary import CASE_TOPIC
from immportal.projections.filed_applications import TABLE
from immportal.services.cases.filed_copies import ISSUING_EVENTS, FiledCopyIssuer, IssuedCopy
from immportal.services.evidence.ports import BlobStoreError

log = structlog.get_logger(__name__)

COLUMNS = (
    "document_id",
    "case_id",
    "version",
    "title",
    "edition_label",
    "receipt_number",
    "issued_at",
    "blob_key",
    "position",
)


class FiledCopiesNotWired(RuntimeError):
    """The worker was asked to issue copies without its issuer."""


class FiledApplicationsProjection(Projection):
    """Maintains `read.filed_applications`, issuing each copy's PDF on the way."""

    name = "filed_applications"
    tables = (TABLE,)
    topic_prefixes = (CASE_TOPIC,)
    # Each copy renders and signs a PDF of a few pages: small batches keep copies coming.
    max_batch = 50

    def __init__(
        self, issuer: FiledCopyIssuer | None = None, cases: CaseHistory | None = None
    ) -> None:
        # Without them the projection can still create its tables (start-up, status).
        self._issuer, self._cases = issuer, cases

    def wants(self, topic: str) -> bool:
        """Only filings and acceptances are decoded."""
        return topic.startswith(CASE_TOPIC) and topic.removeprefix(CASE_TOPIC) in ISSUING_EVENTS

    def ddl(self, tables: Mapping[str, Table]) -> list[str]:
        """One row per copy, found by case, newest version first."""
        t = tables[TABLE]
        return [
            f"""CREATE TABLE IF NOT EXISTS {t.sql} (
                document_id uuid PRIMARY KEY, case_id uuid NOT NULL, version bigint NOT NULL,
                title text NOT NULL, edition_label text NOT NULL, receipt_number text,
                issued_at timestamptz NOT NULL, blob_key text NOT NULL,
                position bigint NOT NULL)""",
            f'CREATE INDEX IF NOT EXISTS "{t.name}_case" ON {t.sql} (case_id, version)',
        ]

    async def apply(
        self, conn: asyncpg.Connection, tables: Mapping[str, Table], batch: Sequence[Projected]
    ) -> None:
        """Issue each copy (blob first), then record the rows in the caller's transaction."""
        rows: list[tuple[Any, ...]] = []
        for item in batch:
            if event_name(item.event) not in ISSUING_EVENTS:
                continue
            try:
                issued = await self._issue(item)
            except BlobStoreError:
                raise  # the store is down: the batch is tried again
            except (ValueError, KeyError) as exc:
                # A filing this portal cannot print (answers recorded by older code) must
                # not stop every later copy: it is logged and left without one.
                log.error(
                    "filed_copy_not_issued",
                    case_id=str(item.record.originator_id),
                    version=item.record.originator_version,
                    error=type(exc).__name__,
                )
                continue
            rows.append((*_values(issued), item.record.position))
        if rows:
            await conn.executemany(
                f"INSERT INTO {tables[TABLE].sql} ({', '.join(COLUMNS)})"
                f" VALUES ({', '.join(f'${i}' for i in range(1, len(COLUMNS) + 1))})"
                " ON CONFLICT (document_id) DO NOTHING",
                rows,
            )

    async def _issue(self, item: Projected) -> IssuedCopy:
        if self._issuer is None or self._cases is None:
            raise FiledCopiesNotWired("the filed copy worker needs its issuer and the cases")
        case_id: UUID = item.record.originator_id
        # The case as the event left it: a replay years later prints the same copy.
        case = await self._cases.get(case_id, up_to_version=item.record.originator_version)
        return await self._issuer.issue(case, item.event.timestamp)


def _values(issued: IssuedCopy) -> tuple[Any, ...]:
    return (
        issued.document_id,
        issued.case_id,
        issued.version,
        issued.title,
        issued.edition_label,
        issued.receipt_number,
        issued.issued_at,
        issued.blob_key,
    )

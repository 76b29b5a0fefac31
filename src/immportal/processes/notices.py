"""The notice issuer: one row of read model `notices` per official notice, issued as projected.

The handler is the notices worker: for each event that issues a notice it writes the
PDF and its content to the blob store (under keys derived from the event, so a replay
overwrites the same blobs), and the row commits with the projection's position.
"""

from collections.abc import Mapping, Sequence
from typing import Any, Protocol
from uuid import UUID

import asyncpg

from immportal.domain.cases.case import Case
from immportal.projections.base import Projected, Projection, Table, event_name
from immportal.projections.case_requests import REQUESTS_TOPIC
from immportal.projections.case_summary import CASE_TOPIC
from immportal.services.notices.issuer import IssuedNotice, NoticeIssuer, issues_notice

COLUMNS = (
    "notice_id",
    "case_id",
    "kind",
    "title",
    "issued_at",
    "blob_key",
    "content_key",
    "version",
    "language",
    "position",
)


class CaseHistory(Protocol):
    """Loads a case as it stood at a version."""

    async def get(self, case_id: UUID, *, up_to_version: int | None = None) -> Case:
        """The case up to and including `up_to_version`."""
        ...


class NoticesNotWired(RuntimeError):
    """The notices projection was asked to issue notices without a blob store."""


class NoticesProjection(Projection):
    """Maintains `read.notices`, issuing each notice's PDF on the way."""

    name = "notices"
    tables = ("notices",)
    # A case's requests issue notices too: a decision on an expedite, correction or
    # accommodation request is filed with the case it is about.
    topic_prefixes = (CASE_TOPIC, REQUESTS_TOPIC)
    # Each notice renders a PDF (about a tenth of a second): small batches let the first
    # notices appear within seconds while a long history is still being worked through.
    max_batch = 100

    def __init__(
        self, issuer: NoticeIssuer | None = None, cases: CaseHistory | None = None
    ) -> None:
        # Without them the projection can still create its tables (start-up, status).
        self._issuer = issuer
        self._cases = cases

    def wants(self, topic: str) -> bool:
        """Only the events (of cases and their requests) that issue a notice are decoded."""
        return any(
            topic.startswith(prefix) and issues_notice(topic.removeprefix(prefix))
            for prefix in self.topic_prefixes
        )

    def ddl(self, tables: Mapping[str, Table]) -> list[str]:
        """One row per notice, found by case and listed newest first."""
        t = tables["notices"]
        return [
            f"""CREATE TABLE IF NOT EXISTS {t.sql} (
                notice_id uuid PRIMARY KEY, case_id uuid NOT NULL, kind text NOT NULL,
                title text NOT NULL, issued_at timestamptz NOT NULL, blob_key text NOT NULL,
                content_key text NOT NULL, version bigint NOT NULL, position bigint NOT NULL,
                language text NOT NULL DEFAULT 'en')""",
            # The language each notice was issued in, a record (tables made before it).
            f"ALTER TABLE {t.sql} ADD COLUMN IF NOT EXISTS language text NOT NULL DEFAULT 'en'",
            f'CREATE INDEX IF NOT EXISTS "{t.name}_case" ON {t.sql} (case_id, issued_at)',
        ]

    async def apply(
        self, conn: asyncpg.Connection, tables: Mapping[str, Table], batch: Sequence[Projected]
    ) -> None:
        """Issue each notice (blobs first), then record the rows in the caller's transaction."""
        rows: list[tuple[Any, ...]] = []
        for item in batch:
            name = event_name(item.event)
            if not issues_notice(name):
                continue
            issued = await self._issue(name, item)
            rows.append((*_values(issued), item.record.position))
        if rows:
            await conn.executemany(
                f"INSERT INTO {tables['notices'].sql} ({', '.join(COLUMNS)})"
                f" VALUES ({', '.join(f'${i}' for i in range(1, len(COLUMNS) + 1))})"
                " ON CONFLICT (notice_id) DO NOTHING",
                rows,
            )

    async def _issue(self, name: str, item: Projected) -> IssuedNotice:
        if self._issuer is None or self._cases is None:
            raise NoticesNotWired("the notices projection needs the blob store and the cases")
        event: Any = item.event
        # The case as the event left it: a replay years later prints the same notice.
        case_id, version = item.record.originator_id, item.record.originator_version
        if item.record.topic.startswith(REQUESTS_TOPIC):
            # A request's decision records the case's version its decider saw.
            case_id, version = UUID(event.case_id), event.case_version
        case = await self._cases.get(case_id, up_to_version=version)
        return await self._issuer.issue(name, event, case)


def _values(issued: IssuedNotice) -> tuple[Any, ...]:
    return (
        issued.notice_id,
        issued.case_id,
        issued.kind,
        issued.title,
        issued.issued_at,
        issued.blob_key,
        issued.content_key,
        issued.version,
        issued.language,
    )

"""Read model `notices`: one row per official notice, issued as its event is projected.

The handler is the notices worker: for each event that issues a notice it writes the
PDF and its content to the blob store (under keys derived from the event, so a replay
overwrites the same blobs), and the row commits with the projection's position.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.domain.actor import Role
from immportal.domain.cases.case import Case
from immportal.projections.base import Projected, Projection, Table, event_name, view_name
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
    topic_prefixes = (CASE_TOPIC,)
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
        """Only the case events that issue a notice are decoded."""
        return topic.startswith(CASE_TOPIC) and issues_notice(topic.removeprefix(CASE_TOPIC))

    def ddl(self, tables: Mapping[str, Table]) -> list[str]:
        """One row per notice, found by case and listed newest first."""
        t = tables["notices"]
        return [
            f"""CREATE TABLE IF NOT EXISTS {t.sql} (
                notice_id uuid PRIMARY KEY, case_id uuid NOT NULL, kind text NOT NULL,
                title text NOT NULL, issued_at timestamptz NOT NULL, blob_key text NOT NULL,
                content_key text NOT NULL, version bigint NOT NULL, position bigint NOT NULL)""",
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
        case = await self._cases.get(
            item.record.originator_id, up_to_version=item.record.originator_version
        )
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
    )


@dataclass(frozen=True)
class NoticeEntry:
    """A notice as the inbox and the case page list it, with the reader's read mark."""

    notice_id: UUID
    case_id: UUID
    kind: str
    title: str
    issued_at: datetime
    blob_key: str
    content_key: str
    version: int
    receipt_number: str | None
    form_type: str | None
    read_at: datetime | None

    @property
    def unread(self) -> bool:
        """Whether the reader has not opened it yet."""
        return self.read_at is None


_SELECT = (
    "SELECT n.notice_id, n.case_id, n.kind, n.title, n.issued_at, n.blob_key, n.content_key,"
    " n.version, s.receipt_number, s.form_type, r.read_at"
    f" FROM {view_name('notices')} n"
    f" JOIN {view_name('case_summary')} s ON s.case_id = n.case_id"
    " LEFT JOIN notice_reads r ON r.notice_id = n.notice_id AND r.account_id = $1"
)
# Whose cases a reader sees notices of, by role ($2 is the reader's id as text); the
# same split as the case pages' standing check. Staff read notices on staff pages.
_CASES_OF = {
    Role.APPLICANT: "s.applicant_id = $2",
    Role.REPRESENTATIVE: "s.representative_ids @> ARRAY[$2::text]",
}
_NEWEST_FIRST = " ORDER BY n.issued_at DESC, n.position DESC"


async def list_notices_for(
    pool: asyncpg.Pool, account_id: UUID, role: Role, *, limit: int = 200
) -> list[NoticeEntry]:
    """Every notice of the reader's cases, newest first."""
    if role not in _CASES_OF:
        return []
    with map_db_errors():
        rows = await pool.fetch(
            f"{_SELECT} WHERE {_CASES_OF[role]}{_NEWEST_FIRST} LIMIT $3",
            account_id,
            str(account_id),
            limit,
        )
    return [NoticeEntry(**dict(r)) for r in rows]


async def count_unread_notices(pool: asyncpg.Pool, account_id: UUID, role: Role) -> int:
    """How many notices of the reader's cases they have not opened."""
    if role not in _CASES_OF:
        return 0
    with map_db_errors():
        count: int = await pool.fetchval(
            f"SELECT count(*) FROM ({_SELECT} WHERE {_CASES_OF[role]}) AS listed"
            " WHERE read_at IS NULL",
            account_id,
            str(account_id),
        )
    return count


async def list_case_notices(
    pool: asyncpg.Pool, case_id: UUID, account_id: UUID
) -> list[NoticeEntry]:
    """One case's notices, newest first (check the reader's standing on the case first)."""
    with map_db_errors():
        rows = await pool.fetch(
            f"{_SELECT} WHERE n.case_id = $2{_NEWEST_FIRST}", account_id, case_id
        )
    return [NoticeEntry(**dict(r)) for r in rows]


async def get_case_notice(
    pool: asyncpg.Pool, case_id: UUID, notice_id: UUID, account_id: UUID
) -> NoticeEntry | None:
    """One notice of one case, or None (check the reader's standing on the case first)."""
    with map_db_errors():
        row = await pool.fetchrow(
            f"{_SELECT} WHERE n.case_id = $2 AND n.notice_id = $3", account_id, case_id, notice_id
        )
    return None if row is None else NoticeEntry(**dict(row))


async def record_notice_read(pool: asyncpg.Pool, account_id: UUID, notice_id: UUID) -> bool:
    """Mark a notice read by a reader; True the first time, False if it already was."""
    with map_db_errors():
        status: str = await pool.execute(
            "INSERT INTO notice_reads (account_id, notice_id) VALUES ($1, $2)"
            " ON CONFLICT DO NOTHING",
            account_id,
            notice_id,
        )
    return status == "INSERT 0 1"

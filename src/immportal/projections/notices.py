"""Queries over read model `notices` (written by the notice issuer): inboxes and case notices.

A notice that a later one replaced says so: moving an appointment issues a new
appointment notice ("This notice replaces your earlier ... notice"), and the earlier
one, still in the inbox, must not send anyone to the old date. Which event issued a
notice is read from `case_timeline` (keyed by the same log position), so no notice
needs to be issued again for the mark to appear.
"""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.domain.actor import Role
from immportal.projections.base import view_name


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
    replaced_by: UUID | None = None
    """The notice that replaced this one (a moved appointment's new notice), if any."""
    replaced_at: datetime | None = None

    @property
    def unread(self) -> bool:
        """Whether the reader has not opened it yet."""
        return self.read_at is None

    @property
    def replaced(self) -> bool:
        """Whether a later notice replaced this one."""
        return self.replaced_by is not None


# The notices a later one replaces: an appointment's, when that appointment is moved.
# A new appointment after a missed one is a new appointment, not a replacement.
APPOINTMENT_EVENTS = {
    "BiometricsScheduled": "biometrics",
    "BiometricsRescheduled": "biometrics",
    "InterviewScheduled": "interview",
    "InterviewRescheduled": "interview",
}
REPLACING_EVENTS = frozenset({"BiometricsRescheduled", "InterviewRescheduled"})


def _appointment_of(alias: str) -> str:
    # Constants from the table above, never input: safe to write into the SQL text.
    whens = " ".join(f"WHEN '{event}' THEN '{kind}'" for event, kind in APPOINTMENT_EVENTS.items())
    return f"(CASE {alias}.event_type {whens} END)"


_REPLACING = ", ".join(f"'{event}'" for event in sorted(REPLACING_EVENTS))
# The next notice about the same appointment; it replaces this one if it moved it.
_NEXT_ABOUT_THE_SAME = f"""
    LEFT JOIN {view_name("case_timeline")} t ON t.position = n.position
    LEFT JOIN LATERAL (
        SELECT n2.notice_id, n2.issued_at, t2.event_type
        FROM {view_name("notices")} n2
        JOIN {view_name("case_timeline")} t2 ON t2.position = n2.position
        WHERE n2.case_id = n.case_id AND n2.position > n.position
          AND {_appointment_of("t2")} = {_appointment_of("t")}
        ORDER BY n2.position LIMIT 1
    ) nx ON nx.event_type IN ({_REPLACING})
"""


_SELECT = (
    "SELECT n.notice_id, n.case_id, n.kind, n.title, n.issued_at, n.blob_key, n.content_key,"
    " n.version, s.receipt_number, s.form_type, r.read_at,"
    " nx.notice_id AS replaced_by, nx.issued_at AS replaced_at"
    f" FROM {view_name('notices')} n"
    f" JOIN {view_name('case_summary')} s ON s.case_id = n.case_id"
    " LEFT JOIN notice_reads r ON r.notice_id = n.notice_id AND r.account_id = $1"
    f"{_NEXT_ABOUT_THE_SAME}"
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

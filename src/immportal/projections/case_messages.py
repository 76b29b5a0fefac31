"""Read model `case_messages`: each case's messages, and its conversation for the office inbox.

Two tables of one projection: `case_messages` (one row per message, oldest first, and
the rate limit's count per author) and `case_conversations` (one row per case that has
a conversation: how many messages, and since when the applicant's side has waited for
an answer). The inbox joins `case_summary` for the office, so a transferred case's
conversation moves with it.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.domain.actor import Role
from immportal.projections.base import Projected, Projection, Table, event_name, view_name

CONVERSATION_TOPIC = "immportal.domain.correspondence.conversation:Conversation."
FILER_ROLES = (Role.APPLICANT.value, Role.REPRESENTATIVE.value)
MESSAGE_COLUMNS = (
    "message_id",
    "case_id",
    "author_id",
    "author_role",
    "text",
    "attachment_ids",
    "posted_at",
    "position",
)


class CaseMessagesProjection(Projection):
    """Maintains `read.case_messages` and `read.case_conversations` from Conversation events."""

    name = "case_messages"
    tables = ("case_messages", "case_conversations")
    topic_prefixes = (CONVERSATION_TOPIC,)

    def ddl(self, tables: Mapping[str, Table]) -> list[str]:
        """Messages by case and by author; conversations by how long they have waited."""
        m, c = tables["case_messages"], tables["case_conversations"]
        return [
            f"""CREATE TABLE IF NOT EXISTS {m.sql} (
                message_id uuid PRIMARY KEY, case_id uuid NOT NULL, author_id text NOT NULL,
                author_role text NOT NULL, text text NOT NULL, attachment_ids uuid[] NOT NULL,
                posted_at timestamptz NOT NULL, position bigint NOT NULL)""",
            f'CREATE INDEX IF NOT EXISTS "{m.name}_case" ON {m.sql} (case_id, position)',
            f'CREATE INDEX IF NOT EXISTS "{m.name}_author" ON {m.sql} (author_id, posted_at)',
            f"""CREATE TABLE IF NOT EXISTS {c.sql} (
                case_id uuid PRIMARY KEY, message_count integer NOT NULL,
                last_message_at timestamptz, last_author_role text,
                waiting_since timestamptz, position bigint NOT NULL)""",
            f'CREATE INDEX IF NOT EXISTS "{c.name}_waiting" ON {c.sql} (waiting_since)',
        ]

    async def apply(
        self, conn: asyncpg.Connection, tables: Mapping[str, Table], batch: Sequence[Projected]
    ) -> None:
        """A row per message; the conversation's count, last message and waiting time."""
        m, c = tables["case_messages"].sql, tables["case_conversations"].sql
        for item in batch:
            event: Any = item.event
            position = item.record.position
            match event_name(event):
                case "Opened":
                    await conn.execute(
                        f"INSERT INTO {c} (case_id, message_count, position) VALUES ($1, 0, $2)"
                        " ON CONFLICT (case_id) DO NOTHING",
                        UUID(event.case_id),
                        position,
                    )
                case "MessagePosted":
                    await _posted(conn, m, c, event, position)


async def _posted(conn: asyncpg.Connection, m: str, c: str, event: Any, position: int) -> None:
    case_id = UUID(event.case_id)
    inserted = await conn.execute(
        f"INSERT INTO {m} ({', '.join(MESSAGE_COLUMNS)})"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (message_id) DO NOTHING",
        UUID(event.message_id),
        case_id,
        event.actor_id,
        event.actor_role,
        event.text,
        [UUID(found) for found in event.attachment_ids],
        event.timestamp,
        position,
    )
    if inserted.endswith(" 0"):
        return  # already applied (a rebuild that overlaps): the counts stay right
    # The wait starts at the applicant side's first unanswered message and ends when the
    # office writes; a second message from the same side does not restart the clock.
    await conn.execute(
        f"UPDATE {c} SET message_count = message_count + 1, last_message_at = $2,"
        " last_author_role = $3, position = $4,"
        " waiting_since = CASE WHEN $3 = ANY($5::text[]) THEN coalesce(waiting_since, $2)"
        " ELSE NULL END WHERE case_id = $1",
        case_id,
        event.timestamp,
        event.actor_role,
        position,
        list(FILER_ROLES),
    )


@dataclass(frozen=True)
class Message:
    """One message as the conversation pages show it (its text is plain, never HTML)."""

    message_id: UUID
    case_id: UUID
    author_id: str
    author_role: str
    text: str
    attachment_ids: list[UUID]
    posted_at: datetime
    position: int

    @property
    def from_staff(self) -> bool:
        """Whether the office wrote it."""
        return self.author_role not in FILER_ROLES


async def list_messages(pool: asyncpg.Pool, case_id: UUID) -> list[Message]:
    """The case's messages, oldest first."""
    with map_db_errors():
        rows = await pool.fetch(
            f"SELECT {', '.join(MESSAGE_COLUMNS)} FROM {view_name('case_messages')}"
            " WHERE case_id = $1 ORDER BY position",
            case_id,
        )
    return [Message(**{**dict(row), "attachment_ids": list(row["attachment_ids"])}) for row in rows]


@dataclass(frozen=True)
class ConversationRow:
    """A case's conversation as the office inbox and the case page list it."""

    case_id: UUID
    receipt_number: str | None
    form_type: str | None
    office: str
    message_count: int
    last_message_at: datetime | None
    last_author_role: str | None
    waiting_since: datetime | None

    def unanswered_days(self, now: datetime) -> int | None:
        """Whole days the applicant's side has waited for an answer; None if it has not."""
        if self.waiting_since is None:
            return None
        return max((now - self.waiting_since).days, 0)


_CONVERSATIONS = (
    "SELECT c.case_id, s.receipt_number, s.form_type, s.office, c.message_count,"
    " c.last_message_at, c.last_author_role, c.waiting_since"
    f" FROM {view_name('case_conversations')} c"
    f" JOIN {view_name('case_summary')} s ON s.case_id = c.case_id"
)


async def get_conversation(pool: asyncpg.Pool, case_id: UUID) -> ConversationRow | None:
    """The case's conversation, or None before its first message."""
    with map_db_errors():
        row = await pool.fetchrow(f"{_CONVERSATIONS} WHERE c.case_id = $1", case_id)
    return None if row is None else ConversationRow(**dict(row))


async def office_inbox(
    pool: asyncpg.Pool, office: str, *, waiting: bool, limit: int = 200
) -> list[ConversationRow]:
    """An office's conversations waiting for an answer (longest first), or the answered ones."""
    order = (
        " AND c.waiting_since IS NOT NULL ORDER BY c.waiting_since, c.case_id"
        if waiting
        else " AND c.waiting_since IS NULL AND c.message_count > 0"
        " ORDER BY c.last_message_at DESC, c.case_id"
    )
    with map_db_errors():
        rows = await pool.fetch(
            f"{_CONVERSATIONS} WHERE s.office = $1{order} LIMIT $2", office, limit
        )
    return [ConversationRow(**dict(row)) for row in rows]


class PostgresSentMessages:
    """Counts a person's messages in `read.case_messages`, for the hourly limit.

    The read model trails the log by moments, so a burst sent within the same instant
    may pass the limit by a message or two; the next one is refused.
    """

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def sent_since(self, author_id: str, since: datetime) -> int:
        """How many messages the person posted at or after `since`."""
        with map_db_errors():
            count: int = await self._pool.fetchval(
                f"SELECT count(*) FROM {view_name('case_messages')}"
                " WHERE author_id = $1 AND posted_at >= $2",
                author_id,
                since,
            )
        return count

"""The event store: append through group commit, read streams and the global log."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg
from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import Mapper, StoredEvent
from opentelemetry import trace

from immportal.adapters.postgres.connection import map_db_errors
from immportal.adapters.postgres.writer import GroupCommitWriter

TRACER = trace.get_tracer(__name__)


@dataclass(frozen=True, slots=True)
class LogRecord:
    """One row of the global log, still serialized."""

    position: int
    originator_id: UUID
    originator_version: int
    topic: str
    state: bytes
    recorded_at: datetime
    chain_hash: bytes
    trace_context: str | None = None
    """The appending request's W3C traceparent, when tracing was on."""

    def as_stored_event(self) -> StoredEvent:
        """The library's view of this row, for its mapper."""
        return StoredEvent(self.originator_id, self.originator_version, self.topic, self.state)


_COLUMNS = (
    "notification_id, originator_id, originator_version, topic, state, recorded_at, chain_hash,"
    " trace_context"
)


def _record(row: asyncpg.Record) -> LogRecord:
    return LogRecord(
        row["notification_id"],
        row["originator_id"],
        row["originator_version"],
        row["topic"],
        bytes(row["state"]),
        row["recorded_at"],
        bytes(row["chain_hash"]),
        row["trace_context"],
    )


class PostgresEventStore:
    """Domain events in, domain events out; PostgreSQL underneath."""

    def __init__(self, pool: asyncpg.Pool, mapper: Mapper[UUID], writer: GroupCommitWriter):
        self.pool = pool
        self.mapper = mapper
        self.writer = writer

    async def append(self, events: Sequence[DomainEventProtocol[UUID]]) -> list[int]:
        """Append events of one or more aggregates atomically; return their positions.

        Raises ConcurrencyConflict when an aggregate moved on since it was read.
        """
        stored = [self.mapper.to_stored_event(event) for event in events]
        with TRACER.start_as_current_span("event_store.append") as span:
            positions = await self.writer.append(stored)
            if positions:
                span.set_attribute("immportal.events", len(positions))
                span.set_attribute("immportal.first_position", positions[0])
                span.set_attribute("immportal.last_position", positions[-1])
            return positions

    async def read_stream(
        self,
        aggregate_id: UUID,
        *,
        up_to_version: int | None = None,
        as_of: datetime | None = None,
    ) -> list[DomainEventProtocol[UUID]]:
        """One aggregate's events in order, optionally only up to a version or a moment."""
        with map_db_errors():
            rows = await self.pool.fetch(
                f"SELECT {_COLUMNS} FROM events WHERE originator_id = $1"
                " AND ($2::bigint IS NULL OR originator_version <= $2)"
                " AND ($3::timestamptz IS NULL OR recorded_at <= $3)"
                " ORDER BY originator_version",
                aggregate_id,
                up_to_version,
                as_of,
            )
        return [self.decode(_record(row)) for row in rows]

    async def read_log(
        self, after: int, limit: int, *, conn: asyncpg.Connection | None = None
    ) -> list[LogRecord]:
        """Up to `limit` rows of the global log after position `after`, in order."""
        query = f"SELECT {_COLUMNS} FROM events WHERE notification_id > $1"
        query += " ORDER BY notification_id LIMIT $2"
        executor: Any = conn if conn is not None else self.pool
        with map_db_errors():
            rows = await executor.fetch(query, after, limit)
        return [_record(row) for row in rows]

    async def head(self) -> int:
        """The last committed position, 0 for an empty log."""
        with map_db_errors():
            value = await self.pool.fetchval("SELECT coalesce(max(notification_id), 0) FROM events")
        return int(value)

    def decode(self, record: LogRecord) -> DomainEventProtocol[UUID]:
        """Turn a stored row back into its domain event (decrypting if needed)."""
        return self.mapper.to_domain_event(record.as_stored_event())

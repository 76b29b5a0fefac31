"""Auditors' reads of the events table: filtered, in log order, decoded by the store's mapper."""

from typing import Any
from uuid import UUID

import asyncpg
import structlog
from eventsourcing.persistence import Mapper, StoredEvent

from immportal.adapters.postgres.connection import map_db_errors
from immportal.services.audit.ports import LogCriteria, LoggedEvent

log = structlog.get_logger(__name__)

_COLUMNS = "notification_id, originator_id, originator_version, topic, state, recorded_at"


def where(criteria: LogCriteria, after: int) -> tuple[str, list[Any]]:
    """The WHERE clause and its arguments; only the filters in use, so indexes apply."""
    clauses = ["notification_id > $1"]
    args: list[Any] = [after]
    for column, value in (
        ("originator_id =", criteria.aggregate_id),
        ("topic = ANY", list(criteria.topics) or None),
        ("recorded_at >=", criteria.since),
        ("recorded_at <=", criteria.until),
    ):
        if value is not None:
            args.append(value)
            placeholder = f"(${len(args)})" if column.endswith("ANY") else f"${len(args)}"
            clauses.append(f"{column} {placeholder}")
    return " AND ".join(clauses), args


class PostgresAuditLog:
    """The global log as auditors search it."""

    def __init__(self, pool: asyncpg.Pool, mapper: Mapper[UUID]) -> None:
        self._pool = pool
        self._mapper = mapper

    async def scan(self, criteria: LogCriteria, after: int, limit: int) -> list[LoggedEvent]:
        """Up to `limit` matching rows after position `after`, in log order."""
        clause, args = where(criteria, after)
        query = f"SELECT {_COLUMNS} FROM events WHERE {clause} ORDER BY notification_id"
        query += f" LIMIT ${len(args) + 1}"
        with map_db_errors():
            rows = await self._pool.fetch(query, *args, limit)
        return [self._logged(row) for row in rows]

    async def aggregate_events(self, aggregate_id: UUID) -> list[LoggedEvent]:
        """Every event of one aggregate, in version order."""
        with map_db_errors():
            rows = await self._pool.fetch(
                f"SELECT {_COLUMNS} FROM events WHERE originator_id = $1"
                " ORDER BY originator_version",
                aggregate_id,
            )
        return [self._logged(row) for row in rows]

    def _logged(self, row: asyncpg.Record) -> LoggedEvent:
        stored = StoredEvent(
            row["originator_id"], row["originator_version"], row["topic"], bytes(row["state"])
        )
        try:
            event: Any = self._mapper.to_domain_event(stored)
        except Exception as exc:  # altered rows must still be listed, not break the search
            log.warning(
                "audit_undecodable_event", position=row["notification_id"], error=type(exc).__name__
            )
            event = None
        return LoggedEvent(
            row["notification_id"],
            row["originator_id"],
            row["originator_version"],
            row["topic"],
            row["recorded_at"],
            event,
        )

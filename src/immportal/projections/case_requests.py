"""Read model `case_requests`: each request made about a case, with its state and decision."""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.domain.correspondence.request_details import RequestKind
from immportal.domain.correspondence.requests import RequestState
from immportal.projections.base import Projected, Projection, Table, event_name, view_name

REQUESTS_TOPIC = "immportal.domain.correspondence.requests:CaseRequests."
COLUMNS = (
    "request_id",
    "case_id",
    "kind",
    "details",
    "state",
    "submitted_by",
    "submitted_role",
    "submitted_at",
    "decided_by",
    "decided_role",
    "decided_at",
    "reason",
    "position",
)


class CaseRequestsProjection(Projection):
    """Maintains `read.case_requests` from the CaseRequests aggregates' events."""

    name = "case_requests"
    tables = ("case_requests",)
    topic_prefixes = (REQUESTS_TOPIC,)

    def ddl(self, tables: Mapping[str, Table]) -> list[str]:
        """One row per request, found by case and by state."""
        t = tables["case_requests"]
        return [
            f"""CREATE TABLE IF NOT EXISTS {t.sql} (
                request_id uuid PRIMARY KEY, case_id uuid NOT NULL, kind text NOT NULL,
                details jsonb NOT NULL, state text NOT NULL, submitted_by text NOT NULL,
                submitted_role text NOT NULL, submitted_at timestamptz NOT NULL,
                decided_by text, decided_role text, decided_at timestamptz, reason text,
                position bigint NOT NULL)""",
            f'CREATE INDEX IF NOT EXISTS "{t.name}_case" ON {t.sql} (case_id, submitted_at)',
            f'CREATE INDEX IF NOT EXISTS "{t.name}_state" ON {t.sql} (state, submitted_at)',
        ]

    async def apply(
        self, conn: asyncpg.Connection, tables: Mapping[str, Table], batch: Sequence[Projected]
    ) -> None:
        """Insert a row per request; a decision sets its state, who, when and why."""
        t = tables["case_requests"].sql
        for item in batch:
            event: Any = item.event
            match event_name(event):
                case "RequestSubmitted":
                    await conn.execute(
                        f"INSERT INTO {t} (request_id, case_id, kind, details, state,"
                        " submitted_by, submitted_role, submitted_at, position)"
                        " VALUES ($1, $2, $3, $4::jsonb, 'submitted', $5, $6, $7, $8)"
                        " ON CONFLICT (request_id) DO NOTHING",
                        UUID(event.request_id),
                        UUID(event.case_id),
                        event.kind,
                        json.dumps(event.details),
                        event.actor_id,
                        event.actor_role,
                        event.timestamp,
                        item.record.position,
                    )
                case "RequestDecided":
                    await conn.execute(
                        f"UPDATE {t} SET state = $2, decided_by = $3, decided_role = $4,"
                        " decided_at = $5, reason = $6, position = $7 WHERE request_id = $1",
                        UUID(event.request_id),
                        event.outcome,
                        event.actor_id,
                        event.actor_role,
                        event.timestamp,
                        event.reason,
                        item.record.position,
                    )


@dataclass(frozen=True)
class RequestRow:
    """A request as the case page, the request pages and the office list show it."""

    request_id: UUID
    case_id: UUID
    kind: RequestKind
    details: dict[str, str]
    state: RequestState
    submitted_by: str
    submitted_role: str
    submitted_at: datetime
    decided_by: str | None
    decided_role: str | None
    decided_at: datetime | None
    reason: str | None
    position: int

    @property
    def waiting(self) -> bool:
        """Whether nobody has decided it yet."""
        return self.state is RequestState.SUBMITTED


def _row(record: Mapping[str, Any]) -> RequestRow:
    values = dict(record)
    values["details"] = json.loads(values["details"])
    values["kind"], values["state"] = RequestKind(values["kind"]), RequestState(values["state"])
    return RequestRow(**values)


_FIELDS = ", ".join(f"r.{column}" for column in COLUMNS)
_SELECT = f"SELECT {_FIELDS} FROM {view_name('case_requests')} r"


async def case_requests(pool: asyncpg.Pool, case_id: UUID) -> list[RequestRow]:
    """The case's requests, newest first."""
    with map_db_errors():
        rows = await pool.fetch(
            f"{_SELECT} WHERE r.case_id = $1 ORDER BY r.submitted_at DESC, r.request_id",
            case_id,
        )
    return [_row(dict(row)) for row in rows]


@dataclass(frozen=True)
class OfficeRequest:
    """A waiting request of an office's case, with the case's receipt number and form."""

    request: RequestRow
    receipt_number: str | None
    form_type: str | None


async def office_requests(
    pool: asyncpg.Pool, office: str, *, limit: int = 200
) -> list[OfficeRequest]:
    """An office's requests waiting for a decision, the longest waiting first."""
    with map_db_errors():
        rows = await pool.fetch(
            f"SELECT {_FIELDS}, s.receipt_number, s.form_type"
            f" FROM {view_name('case_requests')} r"
            f" JOIN {view_name('case_summary')} s ON s.case_id = r.case_id"
            " WHERE s.office = $1 AND r.state = 'submitted'"
            " ORDER BY r.submitted_at, r.request_id LIMIT $2",
            office,
            limit,
        )
    found = []
    for row in rows:
        values = dict(row)
        receipt, form = values.pop("receipt_number"), values.pop("form_type")
        found.append(OfficeRequest(_row(values), receipt, form))
    return found

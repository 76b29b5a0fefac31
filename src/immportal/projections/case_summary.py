"""Read model `case_summary`: one row per case with its status, office and key dates."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.projections.base import Projected, Projection, Table, event_name, view_name

CASE_TOPIC = "immportal.domain.cases.case:Case."

COLUMNS = (
    "case_id",
    "applicant_id",
    "form_type",
    "office",
    "status",
    "receipt_number",
    "officer_id",
    "decision",
    "created_at",
    "submitted_at",
    "accepted_at",
    "biometrics_at",
    "interview_at",
    "evidence_due_on",
    "decided_at",
    "version",
    "updated_at",
    "position",
    "event_count",
    "representative_ids",
)

# Which event sets which key date (the event's own time).
_DATES = {
    "Submitted": "submitted_at",
    "FiledOnPaper": "submitted_at",
    "Accepted": "accepted_at",
    "DecisionIssued": "decided_at",
}
# Which event attribute lands in which column.
_COPIED = {
    "Started": {"applicant_id": "applicant_id", "form_type": "form_type", "office": "office"},
    "Accepted": {"receipt_number": "receipt_number"},
    "BiometricsScheduled": {"appointment_at": "biometrics_at"},
    "BiometricsRescheduled": {"appointment_at": "biometrics_at"},
    "Assigned": {"officer_id": "officer_id"},
    "EvidenceRequested": {"due_on": "evidence_due_on"},
    "InterviewScheduled": {"appointment_at": "interview_at"},
    "InterviewRescheduled": {"appointment_at": "interview_at"},
    "DecisionIssued": {"outcome": "decision"},
    "Transferred": {"to_office": "office"},
    "Routed": {"office": "office"},
    # A paper case joins the account of the person who added it.
    "LinkedToAccount": {"applicant_id": "applicant_id"},
}


def fold(row: dict[str, Any], item: Projected) -> None:
    """Apply one case event to its summary row."""
    event, name = item.event, event_name(item.event)
    # Every event but Started carries the status it leaves the case in.
    status = "draft" if name == "Started" else getattr(event, "status", None)
    if status is not None:
        row["status"] = str(status)
    for attribute, column in _COPIED.get(name, {}).items():
        row[column] = getattr(event, attribute)
    if name in _DATES:
        row[_DATES[name]] = event.timestamp
    if name == "Started":
        row["created_at"] = event.timestamp
    if name == "Reopened":
        row["decision"] = None  # the earlier decision no longer stands
    representatives = list(row["representative_ids"] or [])
    chosen = getattr(event, "representative_id", None)
    if name == "RepresentativeAuthorized":
        representatives.append(chosen)
    elif name == "RepresentativeRevoked":
        representatives = [r for r in representatives if r != chosen]
    row["representative_ids"] = representatives
    row["version"] = event.originator_version
    row["event_count"] = (row["event_count"] or 0) + 1
    row["updated_at"] = event.timestamp
    row["position"] = item.record.position


class CaseSummaryProjection(Projection):
    """Maintains `read.case_summary`."""

    name = "case_summary"
    tables = ("case_summary",)
    topic_prefixes = (CASE_TOPIC,)

    def ddl(self, tables: Mapping[str, Table]) -> list[str]:
        """One table keyed by case id, indexed for the applicant dashboard and queues."""
        t = tables["case_summary"]
        return [
            f"""CREATE TABLE IF NOT EXISTS {t.sql} (
                case_id uuid PRIMARY KEY, applicant_id text, form_type text, office text,
                status text NOT NULL, receipt_number text UNIQUE, officer_id text,
                decision text, created_at timestamptz, submitted_at timestamptz,
                accepted_at timestamptz, biometrics_at timestamptz, interview_at timestamptz,
                evidence_due_on date, decided_at timestamptz, version bigint NOT NULL,
                updated_at timestamptz NOT NULL, position bigint NOT NULL,
                event_count bigint NOT NULL,
                representative_ids text[] NOT NULL DEFAULT '{{}}')""",
            f'CREATE INDEX IF NOT EXISTS "{t.name}_applicant" ON {t.sql} (applicant_id)',
            # Generations older than migration 0009 get the column there, before this runs.
            f'CREATE INDEX IF NOT EXISTS "{t.name}_representatives"'
            f" ON {t.sql} USING gin (representative_ids)",
            f'CREATE INDEX IF NOT EXISTS "{t.name}_queue"'
            f" ON {t.sql} (office, status, submitted_at)",
        ]

    async def apply(
        self, conn: asyncpg.Connection, tables: Mapping[str, Table], batch: Sequence[Projected]
    ) -> None:
        """Fold the batch per case in memory, then upsert each touched row once."""
        t = tables["case_summary"].sql
        ids = list({item.record.originator_id for item in batch})
        existing = await conn.fetch(f"SELECT * FROM {t} WHERE case_id = ANY($1::uuid[])", ids)
        rows: dict[UUID, dict[str, Any]] = {r["case_id"]: dict(r) for r in existing}
        for item in batch:
            row = rows.setdefault(
                item.record.originator_id,
                dict.fromkeys(COLUMNS) | {"case_id": item.record.originator_id},
            )
            fold(row, item)
        placeholders = ", ".join(f"${i}" for i in range(1, len(COLUMNS) + 1))
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS[1:])
        await conn.executemany(
            f"INSERT INTO {t} ({', '.join(COLUMNS)}) VALUES ({placeholders})"
            f" ON CONFLICT (case_id) DO UPDATE SET {updates}",
            [tuple(row[c] for c in COLUMNS) for row in rows.values()],
        )


@dataclass(frozen=True)
class CaseSummary:
    """What the case page and dashboards show about a case."""

    case_id: UUID
    applicant_id: str | None
    form_type: str | None
    office: str | None
    status: str
    receipt_number: str | None
    officer_id: str | None
    decision: str | None
    created_at: datetime | None
    submitted_at: datetime | None
    accepted_at: datetime | None
    biometrics_at: datetime | None
    interview_at: datetime | None
    evidence_due_on: date | None
    decided_at: datetime | None
    version: int
    updated_at: datetime
    position: int
    event_count: int
    representative_ids: tuple[str, ...] = ()
    """The people the applicant authorized to act for them on this case."""


def _summary(row: asyncpg.Record) -> CaseSummary:
    values = dict(row)
    return CaseSummary(**values | {"representative_ids": tuple(values["representative_ids"])})


async def get_case_summary(pool: asyncpg.Pool, case_id: UUID) -> CaseSummary | None:
    """One case's summary, or None when the read model has no such case."""
    with map_db_errors():
        row = await pool.fetchrow(
            f"SELECT {', '.join(COLUMNS)} FROM {view_name('case_summary')} WHERE case_id = $1",
            case_id,
        )
    return None if row is None else _summary(row)


async def list_case_summaries(pool: asyncpg.Pool, *, limit: int = 100) -> list[CaseSummary]:
    """The most recently changed cases first."""
    with map_db_errors():
        rows = await pool.fetch(
            f"SELECT {', '.join(COLUMNS)} FROM {view_name('case_summary')}"
            " ORDER BY updated_at DESC LIMIT $1",
            limit,
        )
    return [_summary(r) for r in rows]


async def list_cases_of(
    pool: asyncpg.Pool, person_id: str, *, limit: int = 100
) -> list[CaseSummary]:
    """The cases a person applied for or represents, most recently changed first."""
    with map_db_errors():
        rows = await pool.fetch(
            f"SELECT {', '.join(COLUMNS)} FROM {view_name('case_summary')}"
            " WHERE applicant_id = $1 OR representative_ids @> ARRAY[$1::text]"
            " ORDER BY updated_at DESC LIMIT $2",
            person_id,
            limit,
        )
    return [_summary(r) for r in rows]


async def get_case_summaries(
    pool: asyncpg.Pool, case_ids: Sequence[UUID]
) -> dict[UUID, CaseSummary]:
    """The summaries of several cases (those the read model has), by case id."""
    with map_db_errors():
        rows = await pool.fetch(
            f"SELECT {', '.join(COLUMNS)} FROM {view_name('case_summary')}"
            " WHERE case_id = ANY($1::uuid[])",
            list(case_ids),
        )
    summaries = [_summary(row) for row in rows]
    return {UUID(str(s.case_id)): s for s in summaries}


async def case_id_by_receipt(pool: asyncpg.Pool, receipt_number: str) -> UUID | None:
    """The case with this receipt number (as printed: IOE2700000042), or None."""
    with map_db_errors():
        found: UUID | None = await pool.fetchval(
            f"SELECT case_id FROM {view_name('case_summary')} WHERE receipt_number = $1",
            receipt_number,
        )
    return found

"""Read model `case_milestones`: when each case reached its milestones, without personal data.

One row per case (form, office, status and the times it was submitted, accepted, first
decided, withdrawn, rejected, closed...) and one row per issued decision with the
office that issued it and the case's acceptance time, so that processing times,
backlog and throughput can be counted (projections/processing_times.py). Times are
the events' own timestamps. No names, answers, addresses or reasons are kept.
"""

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

import asyncpg

from immportal.projections.base import Projected, Projection, Table, event_name
from immportal.projections.case_summary import CASE_TOPIC

CASE_COLUMNS = (
    "case_id",
    "form_type",
    "office",
    "status",
    "started_at",
    "submitted_at",
    "accepted_at",
    "first_decided_at",
    "decided_at",
    "outcome",
    "withdrawn_at",
    "rejected_at",
    "closed_at",
    "appealed_at",
    "reopened_at",
    "card_produced_at",
    "card_mailed_at",
    "card_returned_at",
    "decisions",
    "reopenings",
    "transfers",
    "version",
    "updated_at",
    "position",
)
DECISION_COLUMNS = (
    "position",
    "case_id",
    "form_type",
    "office",
    "outcome",
    "accepted_at",
    "decided_at",
    "ordinal",
)

# The event that sets each time (the first time for `_FIRST`, the latest for `_LATEST`).
_FIRST = {
    "Started": "started_at",
    "Submitted": "submitted_at",
    "Accepted": "accepted_at",
    "DecisionIssued": "first_decided_at",
}
_LATEST = {
    "DecisionIssued": "decided_at",
    "Withdrawn": "withdrawn_at",
    "FilingRejected": "rejected_at",
    "Closed": "closed_at",
    "AppealFiled": "appealed_at",
    "Reopened": "reopened_at",
    # The card an approval produces: how long production and the mail take.
    "CardProduced": "card_produced_at",
    "CardMailed": "card_mailed_at",
    "CardReturned": "card_returned_at",
}


def new_row(case_id: UUID) -> dict[str, Any]:
    """An empty milestone row for a case not seen before."""
    return dict.fromkeys(CASE_COLUMNS) | {
        "case_id": case_id,
        "decisions": 0,
        "reopenings": 0,
        "transfers": 0,
    }


def fold(row: dict[str, Any], item: Projected) -> tuple[Any, ...] | None:
    """Apply one case event to its milestone row; return a decision row if it issued one."""
    event: Any = item.event
    name = event_name(event)
    status = "draft" if name == "Started" else getattr(event, "status", None)
    if status is not None:
        row["status"] = str(status)
    if name == "Started":
        row["form_type"], row["office"] = event.form_type, event.office
    elif name == "Routed":
        row["office"] = event.office  # where the filing went: not a transfer
    elif name == "Transferred":
        row["office"] = event.to_office
        row["transfers"] += 1
    elif name == "Reopened":
        row["outcome"] = None  # the earlier decision no longer stands
        row["reopenings"] += 1
    if name in _FIRST and row[_FIRST[name]] is None:
        row[_FIRST[name]] = event.timestamp
    if name in _LATEST:
        row[_LATEST[name]] = event.timestamp
    row["version"] = event.originator_version
    row["updated_at"] = event.timestamp
    row["position"] = item.record.position
    if name != "DecisionIssued":
        return None
    row["outcome"] = event.outcome
    row["decisions"] += 1
    return (
        item.record.position,
        row["case_id"],
        row["form_type"],
        row["office"],
        event.outcome,
        row["accepted_at"],
        event.timestamp,
        row["decisions"],
    )


class CaseMilestonesProjection(Projection):
    """Maintains `read.case_milestones` and `read.milestone_decisions`."""

    name = "case_milestones"
    tables = ("case_milestones", "milestone_decisions")
    topic_prefixes = (CASE_TOPIC,)

    def ddl(self, tables: Mapping[str, Table]) -> list[str]:
        """Cases keyed by id, indexed for the backlog; decisions keyed by log position."""
        c, d = tables["case_milestones"], tables["milestone_decisions"]
        return [
            f"""CREATE TABLE IF NOT EXISTS {c.sql} (
                case_id uuid PRIMARY KEY, form_type text, office text, status text NOT NULL,
                started_at timestamptz, submitted_at timestamptz, accepted_at timestamptz,
                first_decided_at timestamptz, decided_at timestamptz, outcome text,
                withdrawn_at timestamptz, rejected_at timestamptz, closed_at timestamptz,
                appealed_at timestamptz, reopened_at timestamptz,
                decisions integer NOT NULL, reopenings integer NOT NULL,
                transfers integer NOT NULL, version bigint NOT NULL,
                updated_at timestamptz NOT NULL, position bigint NOT NULL)""",
            # Added after the table first shipped: a live table gains them in place.
            *(
                f"ALTER TABLE {c.sql} ADD COLUMN IF NOT EXISTS {column} timestamptz"
                for column in ("card_produced_at", "card_mailed_at", "card_returned_at")
            ),
            f'CREATE INDEX IF NOT EXISTS "{c.name}_backlog" ON {c.sql} (status, office, form_type)',
            f'CREATE INDEX IF NOT EXISTS "{c.name}_accepted" ON {c.sql} (accepted_at)',
            f"""CREATE TABLE IF NOT EXISTS {d.sql} (
                position bigint PRIMARY KEY, case_id uuid NOT NULL, form_type text,
                office text, outcome text NOT NULL, accepted_at timestamptz,
                decided_at timestamptz NOT NULL, ordinal integer NOT NULL)""",
            f'CREATE INDEX IF NOT EXISTS "{d.name}_decided"'
            f" ON {d.sql} (decided_at, form_type, office)",
        ]

    async def apply(
        self, conn: asyncpg.Connection, tables: Mapping[str, Table], batch: Sequence[Projected]
    ) -> None:
        """Fold the batch per case in memory, upsert each touched case once, add decisions."""
        c, d = tables["case_milestones"].sql, tables["milestone_decisions"].sql
        ids = list({item.record.originator_id for item in batch})
        existing = await conn.fetch(f"SELECT * FROM {c} WHERE case_id = ANY($1::uuid[])", ids)
        rows: dict[UUID, dict[str, Any]] = {r["case_id"]: dict(r) for r in existing}
        decisions = []
        for item in batch:
            case_id = item.record.originator_id
            decision = fold(rows.setdefault(case_id, new_row(case_id)), item)
            if decision is not None:
                decisions.append(decision)
        await conn.executemany(
            f"INSERT INTO {c} ({', '.join(CASE_COLUMNS)}) VALUES ({_placeholders(CASE_COLUMNS)})"
            " ON CONFLICT (case_id) DO UPDATE SET "
            + ", ".join(f"{name} = EXCLUDED.{name}" for name in CASE_COLUMNS[1:]),
            [tuple(row[name] for name in CASE_COLUMNS) for row in rows.values()],
        )
        await conn.executemany(
            f"INSERT INTO {d} ({', '.join(DECISION_COLUMNS)})"
            f" VALUES ({_placeholders(DECISION_COLUMNS)}) ON CONFLICT (position) DO NOTHING",
            decisions,
        )


def _placeholders(columns: tuple[str, ...]) -> str:
    return ", ".join(f"${i}" for i in range(1, len(columns) + 1))

"""Read model `decision_history`: every proposal, review and issued decision of every case.

One row per step, with the outcome, reasons, legal basis, the proposing officer and the
reviewing supervisor, and the office the case was at when the step happened. Reviews
do not repeat the outcome, so the row takes it from the case's latest proposal.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.projections.base import Projected, Projection, Table, event_name, view_name
from immportal.projections.case_summary import CASE_TOPIC

STEPS = {
    "DecisionProposed": "proposed",
    "ProposalReturned": "returned",
    "ProposalApproved": "approved",
    "DecisionIssued": "issued",
}
COLUMNS = (
    "position",
    "case_id",
    "version",
    "step",
    "outcome",
    "reason",
    "legal_basis",
    "officer_id",
    "supervisor_id",
    "actor_id",
    "actor_role",
    "office",
    "occurred_at",
)


class DecisionHistoryProjection(Projection):
    """Maintains `read.decision_history` (and the office of each case, to stamp the rows)."""

    name = "decision_history"
    tables = ("decision_history", "decision_history_cases")
    topic_prefixes = (CASE_TOPIC,)

    def ddl(self, tables: Mapping[str, Table]) -> list[str]:
        """Steps keyed by log position; a case's office and latest proposal beside them."""
        t, c = tables["decision_history"], tables["decision_history_cases"]
        return [
            f"""CREATE TABLE IF NOT EXISTS {t.sql} (
                position bigint PRIMARY KEY, case_id uuid NOT NULL, version bigint NOT NULL,
                step text NOT NULL, outcome text, reason text, legal_basis text,
                officer_id text, supervisor_id text, actor_id text NOT NULL,
                actor_role text NOT NULL, office text, occurred_at timestamptz NOT NULL)""",
            f'CREATE INDEX IF NOT EXISTS "{t.name}_case" ON {t.sql} (case_id, version)',
            f'CREATE INDEX IF NOT EXISTS "{t.name}_officer" ON {t.sql} (officer_id, step)',
            f'CREATE INDEX IF NOT EXISTS "{t.name}_office" ON {t.sql} (office, step)',
            f"""CREATE TABLE IF NOT EXISTS {c.sql} (
                case_id uuid PRIMARY KEY, office text, outcome text, officer_id text)""",
        ]

    async def apply(
        self, conn: asyncpg.Connection, tables: Mapping[str, Table], batch: Sequence[Projected]
    ) -> None:
        """Follow each case's office and proposal; write a row per decision step."""
        t, c = tables["decision_history"].sql, tables["decision_history_cases"].sql
        ids = list({item.record.originator_id for item in batch})
        existing = await conn.fetch(f"SELECT * FROM {c} WHERE case_id = ANY($1::uuid[])", ids)
        cases: dict[UUID, dict[str, Any]] = {r["case_id"]: dict(r) for r in existing}
        steps = []
        for item in batch:
            case_id = item.record.originator_id
            state = cases.setdefault(
                case_id, {"case_id": case_id, "office": None, "outcome": None, "officer_id": None}
            )
            row = _follow(state, item)
            if row is not None:
                steps.append(row)
        await conn.executemany(
            f"INSERT INTO {c} (case_id, office, outcome, officer_id) VALUES ($1, $2, $3, $4)"
            " ON CONFLICT (case_id) DO UPDATE SET office = EXCLUDED.office,"
            " outcome = EXCLUDED.outcome, officer_id = EXCLUDED.officer_id",
            [(s["case_id"], s["office"], s["outcome"], s["officer_id"]) for s in cases.values()],
        )
        placeholders = ", ".join(f"${i}" for i in range(1, len(COLUMNS) + 1))
        await conn.executemany(
            f"INSERT INTO {t} ({', '.join(COLUMNS)}) VALUES ({placeholders})"
            " ON CONFLICT (position) DO NOTHING",
            steps,
        )


def _follow(state: dict[str, Any], item: Projected) -> tuple[Any, ...] | None:
    """Update the case's state with one event; return the step's row if it is one."""
    event: Any = item.event
    name = event_name(event)
    if name in ("Started", "Routed"):
        state["office"] = event.office
    elif name == "Transferred":
        state["office"] = event.to_office
    if name not in STEPS:
        return None
    step = STEPS[name]
    reason, legal_basis, supervisor = event.reason, None, None
    if name == "DecisionProposed":
        state["outcome"], state["officer_id"] = event.outcome, event.actor_id
        legal_basis = event.legal_basis
    elif name in ("ProposalReturned", "ProposalApproved"):
        supervisor = event.actor_id
    outcome, officer = state["outcome"], state["officer_id"]
    if name == "DecisionIssued":
        outcome, officer, supervisor = event.outcome, event.proposed_by, event.reviewed_by
        legal_basis = event.legal_basis
    return (
        item.record.position,
        item.record.originator_id,
        event.originator_version,
        step,
        outcome,
        reason,
        legal_basis,
        officer,
        supervisor,
        event.actor_id,
        event.actor_role,
        state["office"],
        event.timestamp,
    )


@dataclass(frozen=True)
class DecisionStep:
    """One step of a case's decision history."""

    position: int
    case_id: UUID
    version: int
    step: str
    outcome: str | None
    reason: str | None
    legal_basis: str | None
    officer_id: str | None
    supervisor_id: str | None
    actor_id: str
    actor_role: str
    office: str | None
    occurred_at: datetime


@dataclass(frozen=True)
class Tally:
    """How many decisions one officer (or office) issued, by outcome."""

    key: str
    approved: int
    denied: int


async def case_decisions(pool: asyncpg.Pool, case_id: UUID) -> list[DecisionStep]:
    """A case's decision steps, oldest first."""
    with map_db_errors():
        rows = await pool.fetch(
            f"SELECT {', '.join(COLUMNS)} FROM {view_name('decision_history')}"
            " WHERE case_id = $1 ORDER BY version",
            case_id,
        )
    return [DecisionStep(**dict(r)) for r in rows]


async def issued_decisions(
    pool: asyncpg.Pool,
    *,
    officer_id: str | None = None,
    office: str | None = None,
    limit: int = 100,
) -> list[DecisionStep]:
    """Issued decisions, newest first, of one officer and/or office if given."""
    with map_db_errors():
        rows = await pool.fetch(
            f"SELECT {', '.join(COLUMNS)} FROM {view_name('decision_history')}"
            " WHERE step = 'issued' AND ($1::text IS NULL OR officer_id = $1)"
            " AND ($2::text IS NULL OR office = $2) ORDER BY position DESC LIMIT $3",
            officer_id,
            office,
            limit,
        )
    return [DecisionStep(**dict(r)) for r in rows]


async def tallies(pool: asyncpg.Pool, by: str, *, office: str | None = None) -> list[Tally]:
    """Issued decisions counted per officer (`by="officer_id"`) or per office (`by="office"`)."""
    if by not in ("officer_id", "office"):
        raise ValueError(f"cannot count decisions by {by!r}")
    with map_db_errors():
        rows = await pool.fetch(
            f"SELECT coalesce({by}, '') AS key,"
            " count(*) FILTER (WHERE outcome = 'approved') AS approved,"
            " count(*) FILTER (WHERE outcome = 'denied') AS denied"
            f" FROM {view_name('decision_history')}"
            " WHERE step = 'issued' AND ($1::text IS NULL OR office = $1)"
            f" GROUP BY {by} ORDER BY {by}",
            office,
        )
    return [Tally(r["key"], int(r["approved"]), int(r["denied"])) for r in rows]

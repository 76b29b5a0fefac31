"""Read model `case_timeline`: one plain-language entry per case event."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.i18n import N_
from immportal.projections.base import Projected, Projection, Table, event_name, view_name
from immportal.projections.case_summary import CASE_TOPIC
from immportal.services.cases.timeline_titles import TITLES

# Seen by staff only: never shown on the applicant's timeline.
STAFF_ONLY = frozenset({"NoteAdded", "DecisionProposed", "ProposalReturned", "ProposalApproved"})

SUBMITTED_WITHOUT_PAYMENT = N_("Application submitted")
"""A filing with a fee waiver request, or with no fee, received no fee."""

COLUMNS = (
    "position",
    "case_id",
    "version",
    "event_type",
    "title",
    "actor_role",
    "reason",
    "staff_only",
    "occurred_at",
    "actor_id",
)


def entry_row(item: Projected) -> tuple[object, ...]:
    """The timeline row for one event."""
    event, name = item.event, event_name(item.event)
    title = TITLES.get(name, N_("Case updated"))
    if name == "DecisionIssued":
        title = f"Decision issued: {getattr(event, 'outcome', '')}".rstrip(": ")
    paid = getattr(event, "fee_cents", 0) and not getattr(event, "fee_waived", False)
    if name == "Submitted" and not paid:
        title = SUBMITTED_WITHOUT_PAYMENT
    reason = getattr(event, "reason", None)
    if name == "CardMailed":  # the applicant follows the card with its tracking number
        reason = f"USPS tracking number {getattr(event, 'tracking_number', '')}"
    return (
        item.record.position,
        item.record.originator_id,
        event.originator_version,
        name,
        title,
        getattr(event, "actor_role", None),
        reason if isinstance(reason, str) else None,
        name in STAFF_ONLY,
        event.timestamp,
        getattr(event, "actor_id", None),
    )


class CaseTimelineProjection(Projection):
    """Maintains `read.case_timeline`."""

    name = "case_timeline"
    tables = ("case_timeline",)
    topic_prefixes = (CASE_TOPIC,)

    def ddl(self, tables: Mapping[str, Table]) -> list[str]:
        """Entries keyed by log position, read per case in version order."""
        t = tables["case_timeline"]
        return [
            f"""CREATE TABLE IF NOT EXISTS {t.sql} (
                position bigint PRIMARY KEY, case_id uuid NOT NULL, version bigint NOT NULL,
                event_type text NOT NULL, title text NOT NULL, actor_role text,
                reason text, staff_only boolean NOT NULL, occurred_at timestamptz NOT NULL,
                actor_id text)""",
            f'CREATE INDEX IF NOT EXISTS "{t.name}_case" ON {t.sql} (case_id, version)',
            # A generation made before entries named their actor gains the column; a
            # rebuild fills it in from the events (until then staff see the role alone).
            f"ALTER TABLE {t.sql} ADD COLUMN IF NOT EXISTS actor_id text",
        ]

    async def apply(
        self, conn: asyncpg.Connection, tables: Mapping[str, Table], batch: Sequence[Projected]
    ) -> None:
        """Copy the batch's entries in with COPY (the position key refuses duplicates)."""
        t = tables["case_timeline"]
        await conn.copy_records_to_table(
            t.name,
            schema_name=t.schema,
            columns=COLUMNS,
            records=[entry_row(item) for item in batch],
        )


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a case's history."""

    position: int
    case_id: UUID
    version: int
    event_type: str
    title: str
    actor_role: str | None
    reason: str | None
    staff_only: bool
    occurred_at: datetime
    actor_id: str | None = None
    """Who acted (an account id, or the system's id); None in entries made before it was kept."""


async def get_timeline(
    pool: asyncpg.Pool, case_id: UUID, *, include_staff_only: bool = False
) -> list[TimelineEntry]:
    """A case's entries, oldest first; staff-only entries only when asked for."""
    with map_db_errors():
        rows = await pool.fetch(
            f"SELECT {', '.join(COLUMNS)} FROM {view_name('case_timeline')}"
            " WHERE case_id = $1 AND (NOT staff_only OR $2) ORDER BY version",
            case_id,
            include_staff_only,
        )
    return [TimelineEntry(**dict(r)) for r in rows]

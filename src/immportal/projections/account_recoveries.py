"""Table `account_recoveries` of the `account_profiles` read model: each recovery attempt.

What the administrators' pages list: attempts still open, and those ended after wrong
proofs that still bar a new one. Link digests stay in the attempt's events. Kept by the
account profiles' projection (one leader for accounts and their recoveries); its rows,
fold and queries live here.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.domain.identity.recovery import LOCKOUT, CancelReason
from immportal.projections.base import Projected, Table, event_name, view_name
from immportal.services.identity.recovery_records import RecoveryRecord

RECOVERY_TOPIC = "immportal.domain.identity.recovery:AccountRecovery."

COLUMNS = (
    "recovery_id",
    "account_id",
    "requested_at",
    "wrong_proofs",
    "proven_at",
    "approved_by",
    "cancel_reason",
    "cancelled_at",
    "completed_at",
    "help_requested_at",
    "opened_by",
    "replaced_by",
    "position",
)


def fold(row: dict[str, Any], item: Projected) -> None:
    """Apply one attempt's event to its row, as the AccountRecovery aggregate applies it."""
    event: Any = item.event
    match event_name(event):
        case "Requested":
            row |= {"account_id": UUID(str(event.account_id)), "requested_at": event.at}
            row |= {"wrong_proofs": 0}
        case "ProofRefused":
            row["wrong_proofs"] = event.count
        case "Proven":
            row["proven_at"] = event.at
        case "HelpRequested":
            row["help_requested_at"] = event.at
        case "OpenedByAdmin":
            row["opened_by"] = event.actor_id
        case "Cancelled":
            row["cancel_reason"], row["cancelled_at"] = event.reason, event.at
        case "ApprovedByAdmin":
            row["approved_by"] = event.actor_id
        case "Completed":
            row["completed_at"] = event.at
    row["position"] = item.record.position


def recoveries_ddl(t: Table) -> list[str]:
    """One row per attempt, found by its id and, oldest first, by whether it ended."""
    return [
        f"""CREATE TABLE IF NOT EXISTS {t.sql} (
            recovery_id uuid PRIMARY KEY, account_id uuid NOT NULL,
            requested_at timestamptz NOT NULL, wrong_proofs integer NOT NULL,
            proven_at timestamptz, approved_by text, cancel_reason text,
            cancelled_at timestamptz, completed_at timestamptz,
            help_requested_at timestamptz, opened_by text, replaced_by uuid,
            position bigint NOT NULL)""",
        f'CREATE INDEX IF NOT EXISTS "{t.name}_waiting"'
        f" ON {t.sql} (requested_at) WHERE completed_at IS NULL",
    ]


async def apply_recoveries(conn: asyncpg.Connection, t: Table, batch: Sequence[Projected]) -> None:
    """Fold the batch per attempt, upsert each touched row, then mark replaced ones."""
    ids = list({item.record.originator_id for item in batch})
    existing = await conn.fetch(f"SELECT * FROM {t.sql} WHERE recovery_id = ANY($1::uuid[])", ids)
    rows: dict[UUID, dict[str, Any]] = {r["recovery_id"]: dict(r) for r in existing}
    for item in batch:
        recovery_id = item.record.originator_id
        fold(rows.setdefault(recovery_id, {"recovery_id": recovery_id}), item)
    placeholders = ", ".join(f"${i}" for i in range(1, len(COLUMNS) + 1))
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS[1:])
    await conn.executemany(
        f"INSERT INTO {t.sql} ({', '.join(COLUMNS)}) VALUES ({placeholders})"
        f" ON CONFLICT (recovery_id) DO UPDATE SET {updates}",
        [tuple(row.get(c) for c in COLUMNS) for row in rows.values()],
    )
    # An attempt an administrator opens for a locked-out person takes the place of the
    # one that locked them: that one no longer waits for anybody.
    replacing = [
        (UUID(str(item.event.replaces)), item.record.originator_id)  # type: ignore[attr-defined]
        for item in batch
        if event_name(item.event) == "OpenedByAdmin"
    ]
    await conn.executemany(f"UPDATE {t.sql} SET replaced_by = $2 WHERE recovery_id = $1", replacing)


def _record(row: asyncpg.Record) -> RecoveryRecord:
    values = dict(row)
    reason = values["cancel_reason"]
    return RecoveryRecord(
        **values | {"cancel_reason": None if reason is None else CancelReason(reason)}
    )


async def get_recovery(pool: asyncpg.Pool, recovery_id: UUID) -> RecoveryRecord | None:
    """One attempt, or None when the read model has no such attempt."""
    with map_db_errors():
        row = await pool.fetchrow(
            f"SELECT {', '.join(COLUMNS)} FROM {view_name('account_recoveries')}"
            " WHERE recovery_id = $1",
            recovery_id,
        )
    return None if row is None else _record(row)


async def waiting_recoveries(
    pool: asyncpg.Pool, now: datetime, *, limit: int
) -> list[RecoveryRecord]:
    """Attempts not completed, not replaced, and open or ended within the lockout; oldest first.

    Among them, only those open or still barring a new attempt (RecoveryProgress) wait for
    an administrator; the caller sorts that out by the attempt's own rules.
    """
    with map_db_errors():
        rows = await pool.fetch(
            f"SELECT {', '.join(COLUMNS)} FROM {view_name('account_recoveries')}"
            " WHERE completed_at IS NULL AND replaced_by IS NULL"
            " AND (cancelled_at IS NULL OR cancelled_at > $1)"
            " ORDER BY requested_at, recovery_id LIMIT $2",
            now - LOCKOUT,
            limit,
        )
    return [_record(row) for row in rows]

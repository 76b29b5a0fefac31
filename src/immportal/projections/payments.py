"""Table `payments` of the `case_files` read model: every fee payment and where it stands.

Kept by the case files' projection (one leader for a case and its payments); its rows,
fold and queries live here.
"""

from collections.abc import Sequence
from typing import Any
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.domain.payments.payment import PaymentState
from immportal.projections.base import Projected, Table, event_name, view_name
from immportal.services.payments.records import PaymentRecord

PAYMENT_TOPIC = "immportal.domain.payments.payment:Payment."

COLUMNS = (
    "payment_id",
    "case_id",
    "form_type",
    "amount_cents",
    "payer_id",
    "payer_role",
    "provider_session_id",
    "redirect_url",
    "state",
    "card_last4",
    "card_brand",
    "provider_reference",
    "paid_at",
    "ended_reason",
    "started_at",
    "position",
)
_STARTED = (
    "case_id",
    "form_type",
    "amount_cents",
    "payer_id",
    "payer_role",
    "provider_session_id",
    "redirect_url",
)


def fold(row: dict[str, Any], item: Projected) -> None:
    """Apply one payment event to its row, as the Payment aggregate applies it to itself."""
    event: Any = item.event
    match event_name(event):
        case "Started":
            row |= {name: getattr(event, name) for name in _STARTED}
            row |= {"case_id": UUID(str(event.case_id)), "started_at": event.timestamp}
            row["state"] = PaymentState.STARTED.value
        case "Received":
            row["state"] = PaymentState.RECEIVED.value
            row["card_last4"], row["card_brand"] = event.card_last4, event.card_brand
            row["provider_reference"], row["paid_at"] = event.provider_reference, event.timestamp
        case "Declined":
            row["state"], row["ended_reason"] = PaymentState.DECLINED.value, event.reason
        case "Abandoned":
            row["state"], row["ended_reason"] = PaymentState.ABANDONED.value, event.reason
    row["position"] = item.record.position


def payments_ddl(t: Table) -> list[str]:
    """One row per payment, found by its id and by its case."""
    return [
        f"""CREATE TABLE IF NOT EXISTS {t.sql} (
            payment_id uuid PRIMARY KEY, case_id uuid NOT NULL, form_type text NOT NULL,
            amount_cents bigint NOT NULL, payer_id text NOT NULL, payer_role text NOT NULL,
            provider_session_id text NOT NULL, redirect_url text NOT NULL,
            state text NOT NULL, card_last4 text, card_brand text,
            provider_reference text, paid_at timestamptz, ended_reason text,
            started_at timestamptz NOT NULL, position bigint NOT NULL)""",
        f'CREATE INDEX IF NOT EXISTS "{t.name}_case" ON {t.sql} (case_id, started_at)',
    ]


async def apply_payments(conn: asyncpg.Connection, t: Table, batch: Sequence[Projected]) -> None:
    """Fold the payments' events per payment in memory, then upsert each touched row once."""
    ids = list({item.record.originator_id for item in batch})
    existing = await conn.fetch(f"SELECT * FROM {t.sql} WHERE payment_id = ANY($1::uuid[])", ids)
    rows: dict[UUID, dict[str, Any]] = {r["payment_id"]: dict(r) for r in existing}
    for item in batch:
        payment_id = item.record.originator_id
        fold(rows.setdefault(payment_id, {"payment_id": payment_id}), item)
    placeholders = ", ".join(f"${i}" for i in range(1, len(COLUMNS) + 1))
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS[1:])
    await conn.executemany(
        f"INSERT INTO {t.sql} ({', '.join(COLUMNS)}) VALUES ({placeholders})"
        f" ON CONFLICT (payment_id) DO UPDATE SET {updates}",
        [tuple(row.get(c) for c in COLUMNS) for row in rows.values()],
    )


def _record(row: asyncpg.Record) -> PaymentRecord:
    values = dict(row)
    return PaymentRecord(**values | {"state": PaymentState(values["state"])})


async def get_payment(pool: asyncpg.Pool, payment_id: UUID) -> PaymentRecord | None:
    """One payment, or None when the read model has no such payment."""
    with map_db_errors():
        row = await pool.fetchrow(
            f"SELECT {', '.join(COLUMNS)} FROM {view_name('payments')} WHERE payment_id = $1",
            payment_id,
        )
    return None if row is None else _record(row)


async def payments_of_case(pool: asyncpg.Pool, case_id: UUID) -> list[PaymentRecord]:
    """Every payment started for a case, oldest first."""
    with map_db_errors():
        rows = await pool.fetch(
            f"SELECT {', '.join(COLUMNS)} FROM {view_name('payments')}"
            " WHERE case_id = $1 ORDER BY started_at, payment_id",
            case_id,
        )
    return [_record(row) for row in rows]

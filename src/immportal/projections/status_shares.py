"""Read model `status_shares`: each holder's share codes and every check of them.

The holder's pages list their codes (what each shows, for what, until when, whether it
still works) and, for each code, every check with its time: shown, downloaded as a signed
statement, or refused for a wrong date of birth.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.domain.sharing.choices import Fact, Purpose
from immportal.domain.sharing.share import MAX_FAILED_CHECKS
from immportal.projections.base import Projected, Projection, Table, event_name, view_name

SHARE_TOPIC = "immportal.domain.sharing.share:StatusShare."
SHOWN, STATEMENT, WRONG_DATE_OF_BIRTH = "shown", "statement", "wrong_date_of_birth"


@dataclass(frozen=True)
class ShareEntry:
    """One share code as its holder sees it."""

    share_id: UUID
    case_id: UUID
    code: str
    purpose: Purpose
    facts: tuple[Fact, ...]
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    failed_checks: int
    checks: int

    def state(self, now: datetime) -> str:
        """ "active", "revoked", "expired" or "locked" (too many wrong dates of birth)."""
        if self.revoked_at is not None:
            return "revoked"
        if now >= self.expires_at:
            return "expired"
        if self.failed_checks >= MAX_FAILED_CHECKS:
            return "locked"
        return "active"


@dataclass(frozen=True)
class CheckEntry:
    """One check of a code: when, and what the checker saw."""

    checked_at: datetime
    outcome: str


class StatusSharesProjection(Projection):
    """Maintains `read.status_shares` and `read.status_share_checks`."""

    name = "status_shares"
    tables = ("status_shares", "status_share_checks")
    topic_prefixes = (SHARE_TOPIC,)

    def ddl(self, tables: Mapping[str, Table]) -> list[str]:
        """One row per code, found by holder; one per check, found by code."""
        shares, checks = tables["status_shares"], tables["status_share_checks"]
        return [
            f"""CREATE TABLE IF NOT EXISTS {shares.sql} (
                share_id uuid PRIMARY KEY, holder_id text NOT NULL, case_id uuid NOT NULL,
                code text NOT NULL, purpose text NOT NULL, facts text[] NOT NULL,
                created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL,
                revoked_at timestamptz, failed_checks integer NOT NULL DEFAULT 0,
                checks integer NOT NULL DEFAULT 0, position bigint NOT NULL)""",
            f'CREATE INDEX IF NOT EXISTS "{shares.name}_holder"'
            f" ON {shares.sql} (holder_id, created_at)",
            f"""CREATE TABLE IF NOT EXISTS {checks.sql} (
                share_id uuid NOT NULL, version bigint NOT NULL,
                checked_at timestamptz NOT NULL, outcome text NOT NULL,
                position bigint NOT NULL, PRIMARY KEY (share_id, version))""",
        ]

    async def apply(
        self, conn: asyncpg.Connection, tables: Mapping[str, Table], batch: Sequence[Projected]
    ) -> None:
        """Insert new codes, mark revocations, and add each check (in log order)."""
        shares, checks = tables["status_shares"].sql, tables["status_share_checks"].sql
        for item in batch:
            event: Any = item.event
            share_id, position = item.record.originator_id, item.record.position
            match event_name(event):
                case "Created":
                    await conn.execute(
                        f"INSERT INTO {shares} (share_id, holder_id, case_id, code, purpose,"
                        " facts, created_at, expires_at, position)"
                        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                        " ON CONFLICT (share_id) DO NOTHING",
                        share_id,
                        event.holder_id,
                        UUID(event.case_id),
                        event.code,
                        event.purpose,
                        list(event.facts),
                        event.timestamp,
                        event.expires_at,
                        position,
                    )
                case "Revoked":
                    await conn.execute(
                        f"UPDATE {shares} SET revoked_at = $2, position = $3 WHERE share_id = $1",
                        share_id,
                        event.timestamp,
                        position,
                    )
                case "Checked" | "CheckFailed" as name:
                    await _check(conn, shares, checks, item, _outcome(name, event))


def _outcome(name: str, event: Any) -> str:
    if name == "CheckFailed":
        return WRONG_DATE_OF_BIRTH
    return STATEMENT if getattr(event, "statement", False) else SHOWN


async def _check(
    conn: asyncpg.Connection, shares: str, checks: str, item: Projected, outcome: str
) -> None:
    event: Any = item.event
    share_id, position = item.record.originator_id, item.record.position
    await conn.execute(
        f"INSERT INTO {checks} (share_id, version, checked_at, outcome, position)"
        " VALUES ($1, $2, $3, $4, $5)",
        share_id,
        event.originator_version,
        event.timestamp,
        outcome,
        position,
    )
    failed = 1 if outcome == WRONG_DATE_OF_BIRTH else 0
    await conn.execute(
        f"UPDATE {shares} SET failed_checks = failed_checks + $2, checks = checks + 1 - $2,"
        " position = $3 WHERE share_id = $1",
        share_id,
        failed,
        position,
    )


def _entry(row: asyncpg.Record) -> ShareEntry:
    values = dict(row)
    values["purpose"] = Purpose(values["purpose"])
    values["facts"] = tuple(Fact(fact) for fact in values["facts"])
    return ShareEntry(**values)


_SELECT = (
    "SELECT share_id, case_id, code, purpose, facts, created_at, expires_at, revoked_at,"
    f" failed_checks, checks FROM {view_name('status_shares')}"
)


async def shares_of(pool: asyncpg.Pool, holder_id: str) -> list[ShareEntry]:
    """The holder's codes, newest first."""
    with map_db_errors():
        rows = await pool.fetch(
            f"{_SELECT} WHERE holder_id = $1 ORDER BY created_at DESC", holder_id
        )
    return [_entry(row) for row in rows]


async def share_of(pool: asyncpg.Pool, share_id: UUID, holder_id: str) -> ShareEntry | None:
    """One of the holder's codes, or None (someone else's codes are nobody's here)."""
    with map_db_errors():
        row = await pool.fetchrow(
            f"{_SELECT} WHERE share_id = $1 AND holder_id = $2", share_id, holder_id
        )
    return None if row is None else _entry(row)


async def checks_of(pool: asyncpg.Pool, share_id: UUID) -> list[CheckEntry]:
    """Every check of a code, newest first."""
    with map_db_errors():
        rows = await pool.fetch(
            f"SELECT checked_at, outcome FROM {view_name('status_share_checks')}"
            " WHERE share_id = $1 ORDER BY version DESC",
            share_id,
        )
    return [CheckEntry(**dict(row)) for row in rows]

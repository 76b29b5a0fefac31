"""Purge what the portal keeps only for a while: sessions, link tokens, counters, inbox records.

Nothing here touches the event log, the access log or a read model: those are the record.
Every table below holds working state whose use ends at a known time (a session expires, a
counter's window closes, a link dies), and keeping it longer only keeps personal data longer.
Rows go in bounded batches, each its own short transaction, so a purge of a large backlog never
holds locks that sign-in or the consumers wait on.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors


@dataclass(frozen=True)
class Retention:
    """How long each kind of working state is kept after its use has ended."""

    sessions: timedelta = timedelta(days=7)
    link_tokens: timedelta = timedelta(days=30)
    counters: timedelta = timedelta(days=2)
    processed_messages: timedelta = timedelta(days=30)
    idempotency_keys: timedelta = timedelta(days=1)


@dataclass(frozen=True)
class Rule:
    """One table's purge: which rows are past their retention, and which retention applies."""

    table: str
    condition: str
    retention: str
    # Rows of other tables that point at the purged rows, removed first in the same batch.
    dependants: tuple[tuple[str, str], ...] = field(default=())


# `$1` is the cut-off: now minus the rule's retention. A session is kept a while after it
# ends so the account's "where you are signed in" history still shows a recent sign-out.
RULES: tuple[Rule, ...] = (
    Rule("sessions", "GREATEST(expires_at, COALESCE(revoked_at, expires_at)) < $1", "sessions"),
    Rule(
        "account_tokens",
        "GREATEST(expires_at, COALESCE(used_at, expires_at)) < $1",
        "link_tokens",
        dependants=(("email_changes", "digest"),),
    ),
    Rule("sign_in_failures", "window_start < $1", "counters"),
    Rule("sign_in_lock_notices", "sent_at < $1", "counters"),
    Rule("password_guesses", "last_failure_at < $1", "counters"),
    Rule("mail_requests", "window_start < $1", "counters"),
    Rule("status_lookups", "window_start < $1", "counters"),
    Rule("document_lookups", "window_start < $1", "counters"),
    Rule("share_code_checks", "window_start < $1", "counters"),
    Rule("processed_messages", "processed_at < $1", "processed_messages"),
    Rule("idempotent_requests", "created_at < $1", "idempotency_keys"),
)


def _batch_statement(rule: Rule) -> str:
    # ctid picks the batch without needing a primary key of any particular shape.
    picked = f"SELECT ctid FROM {rule.table} WHERE {rule.condition} LIMIT $2"
    if not rule.dependants:
        return f"DELETE FROM {rule.table} WHERE ctid = ANY(ARRAY({picked}))"
    key = rule.dependants[0][1]
    deletes = [
        f"gone AS (DELETE FROM {rule.table} WHERE ctid = ANY(ARRAY({picked})) RETURNING {key})"
    ]
    deletes += [
        f"d{n} AS (DELETE FROM {table} WHERE {column} IN (SELECT {key} FROM gone))"
        for n, (table, column) in enumerate(rule.dependants)
    ]
    return "WITH " + ", ".join(deletes) + " SELECT count(*) FROM gone"


async def purge(
    pool: asyncpg.Pool,
    retention: Retention,
    now: datetime,
    *,
    batch_size: int = 1000,
) -> dict[str, int]:
    """Delete every row past its retention, batch by batch; return rows removed per table."""
    removed: dict[str, int] = {}
    for rule in RULES:
        cut_off = now - getattr(retention, rule.retention)
        statement = _batch_statement(rule)
        removed[rule.table] = 0
        while True:
            with map_db_errors():
                count = await _run_batch(pool, statement, cut_off, batch_size, rule)
            removed[rule.table] += count
            if count < batch_size:
                break
    return removed


async def _run_batch(
    pool: asyncpg.Pool, statement: str, cut_off: datetime, batch_size: int, rule: Rule
) -> int:
    if rule.dependants:
        # The foreign key runs from the dependants to this table: the CTE deletes both in one
        # statement, which PostgreSQL checks at its end.
        return int(await pool.fetchval(statement, cut_off, batch_size))
    status = await pool.execute(statement, cut_off, batch_size)
    return int(status.split()[-1])

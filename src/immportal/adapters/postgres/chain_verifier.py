"""Recompute the hash chain over the global log and report where it first breaks."""

from uuid import UUID

import asyncpg

from immportal.adapters.postgres.case_chain import verify_aggregate_chain
from immportal.adapters.postgres.connection import map_db_errors
from immportal.adapters.postgres.eventstore import LogRecord, PostgresEventStore
from immportal.adapters.postgres.hashchain import GENESIS, ChainLink, link_hash
from immportal.services.audit.ports import ChainReport, ChainVerifier


def _recompute(previous: bytes, record: LogRecord) -> bytes:
    link = ChainLink(
        record.position,
        record.originator_id,
        record.originator_version,
        record.topic,
        record.state,
        record.recorded_at,
    )
    return link_hash(previous, link)


async def verify_chain(store: PostgresEventStore, *, batch_size: int = 5000) -> ChainReport:
    """Walk the whole log in order; stop at the first row that does not fit the chain."""
    # Read first: events committed during the walk must not look like a cut-off tail.
    seen = await _projected_up_to(store.pool)
    previous, expected, checked = GENESIS, 1, 0
    while True:
        batch = await store.read_log(expected - 1, batch_size)
        for record in batch:
            if record.position != expected:
                return ChainReport(checked, record.position - 1, expected, "event missing")
            if _recompute(previous, record) != record.chain_hash:
                return ChainReport(checked, record.position, expected, "event altered or forged")
            previous, expected, checked = record.chain_hash, expected + 1, checked + 1
        if len(batch) < batch_size:
            break
    # The chain cannot show that its last rows were cut off; the projections can,
    # because they remember how far they read.
    if seen > checked:
        return ChainReport(
            checked, checked, checked + 1, f"log ends at {checked}, seen up to {seen}"
        )
    return ChainReport(checked, checked)


async def _projected_up_to(pool: asyncpg.Pool) -> int:
    with map_db_errors():
        seen = await pool.fetchval("SELECT coalesce(max(position), 0) FROM projection_positions")
    return int(seen)


class PostgresChainVerifier(ChainVerifier):
    """The ChainVerifier port over the events table."""

    def __init__(self, store: PostgresEventStore) -> None:
        self._store = store

    async def verify_log(self) -> ChainReport:
        """Every event of the global log, in order."""
        return await verify_chain(self._store)

    async def verify_case(self, case_id: UUID) -> ChainReport:
        """One case's events: each where it was written, as it was written."""
        return await verify_aggregate_chain(self._store.pool, case_id)

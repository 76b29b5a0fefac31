"""Group commit: one task gathers concurrent appends into one transaction.

Every append keeps its own outcome: a stale expected version fails that append only.
Positions and chain hashes are assigned here, in commit order, under one advisory
lock, so readers of the global log never pass a position that is filled later.
"""

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import cast
from uuid import UUID

import asyncpg
import structlog
from eventsourcing.persistence import StoredEvent

from immportal import metrics
from immportal.adapters.postgres.connection import is_unavailable
from immportal.adapters.postgres.hashchain import GENESIS, ChainLink, link_hash
from immportal.adapters.trace_context import current_traceparent
from immportal.errors import ConcurrencyConflict, DatabaseUnavailable

log = structlog.get_logger(__name__)

APPEND_LOCK = 7_160_002
CHANNEL = "immportal_events"

# BEGIN and the lock travel in one round trip (simple query protocol).
_BEGIN_AND_LOCK = f"BEGIN; SELECT pg_advisory_xact_lock({APPEND_LOCK})"

# Read after the lock is held, so the snapshot includes the previous group's commit.
# The LATERAL form reads one index entry per aggregate instead of all its versions.
_HEAD_AND_VERSIONS = """
SELECT NULL::uuid AS originator_id, h.notification_id AS number, h.chain_hash, h.recorded_at
  FROM (SELECT notification_id, chain_hash, recorded_at FROM events
         ORDER BY notification_id DESC LIMIT 1) AS h
UNION ALL
SELECT ids.id, v.originator_version, NULL, NULL
  FROM unnest($1::uuid[]) AS ids(id)
  CROSS JOIN LATERAL (SELECT originator_version FROM events
                       WHERE originator_id = ids.id
                       ORDER BY originator_version DESC LIMIT 1) AS v
"""

_INSERT = """
WITH inserted AS (
  INSERT INTO events (originator_id, originator_version, topic, state,
                      notification_id, recorded_at, chain_hash, trace_context)
  SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::bytea[],
                       $5::bigint[], $6::timestamptz[], $7::bytea[], $8::text[])
)
SELECT pg_notify($9, $10)
"""

Connect = Callable[[], Awaitable[asyncpg.Connection]]


@dataclass
class _Append:
    events: Sequence[StoredEvent]
    # The appending request's trace context, taken in its own task (the writer runs in another).
    trace: str | None = field(default_factory=current_traceparent)
    done: asyncio.Future[list[int]] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )


class GroupCommitWriter:
    """Serializes appends through one task that commits them in groups.

    The writer keeps one dedicated connection (no pool reset between groups) and
    opens a new one after any failure.
    """

    def __init__(self, connect: Connect, *, max_group_events: int = 5000) -> None:
        self._connect = connect
        self._conn: asyncpg.Connection | None = None
        self._max_group_events = max_group_events
        self._queue: asyncio.Queue[_Append] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self.groups_committed = 0

    def start(self) -> None:
        """Start the writer task."""
        self._task = asyncio.create_task(self._run(), name="event-writer")

    async def stop(self) -> None:
        """Finish what is queued, then stop and close the connection."""
        if self._task is None:
            return
        # Bounded: with the database unreachable, queued appends fail by timeout anyway.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._queue.join(), 30)
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)
        self._task = None
        await self._discard_connection()

    async def append(self, events: Sequence[StoredEvent]) -> list[int]:
        """Queue events for the next group; return their global positions once committed."""
        if self._task is None:
            raise RuntimeError("the event writer is not running")
        if not events:
            return []
        request = _Append(events)
        self._queue.put_nowait(request)
        return await request.done

    async def _run(self) -> None:
        while True:
            group = [await self._queue.get()]
            size = len(group[0].events)
            while size < self._max_group_events and not self._queue.empty():
                group.append(self._queue.get_nowait())
                size += len(group[-1].events)
            try:
                await self._commit_group(group)
            except _CommitUncertain as uncertain:
                await self._discard_connection()
                await self._settle_uncertain(uncertain)
            except Exception as exc:  # one failed group must not stop the writer
                await self._discard_connection()
                error = _as_portal_error(exc)
                log.warning("event_group_failed", appends=len(group), error=type(exc).__name__)
                for request in group:
                    if not request.done.done():
                        request.done.set_exception(error)
            finally:
                for _ in group:
                    self._queue.task_done()

    async def _settle_uncertain(self, uncertain: "_CommitUncertain") -> None:
        """Answer each append of a group whose COMMIT lost its connection, by asking the log."""
        landed: bool | None = None
        for pause in (0.0, 0.5, 1.5):
            await asyncio.sleep(pause)
            try:
                conn = await self._connect()
                try:
                    found = await conn.fetchval(
                        "SELECT chain_hash FROM events WHERE notification_id = $1",
                        uncertain.last_position,
                    )
                finally:
                    await conn.close()
            except Exception as exc:
                if not is_unavailable(exc):
                    raise
                continue
            # The same position with the same chain hash can only be this group's commit.
            landed = found is not None and bytes(found) == uncertain.last_chain
            break
        log.warning("event_group_commit_uncertain", landed=landed)
        for request, positions in uncertain.outcomes:
            if request.done.done():
                continue
            if landed:
                request.done.set_result(positions)
            else:
                request.done.set_exception(DatabaseUnavailable("the commit could not be confirmed"))
        for request, conflict in uncertain.rejected:
            if not request.done.done():
                request.done.set_exception(conflict)
        if landed:
            self.groups_committed += 1

    async def _discard_connection(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            with contextlib.suppress(Exception):
                await asyncio.wait_for(conn.close(), 2)

    async def _commit_group(self, group: list[_Append]) -> None:
        started = time.perf_counter()
        if self._conn is None:
            self._conn = await self._connect()
        conn = self._conn
        ids = list({e.originator_id for request in group for e in request.events})
        await conn.execute(_BEGIN_AND_LOCK)
        try:
            head, versions = _head(await conn.fetch(_HEAD_AND_VERSIONS, ids))
            accepted, rejected = [], []
            for request in group:
                conflict = _claim_versions(request, versions)
                if conflict is None:
                    accepted.append(request)
                else:
                    rejected.append((request, conflict))
            columns, outcomes = _rows(accepted, head)
            if outcomes:
                last = outcomes[-1][1][-1]
                await conn.execute(_INSERT, *columns, CHANNEL, str(last))
            try:
                await conn.execute("COMMIT")
            except Exception as exc:
                if outcomes and is_unavailable(exc):
                    # The server may have committed before the connection broke.
                    raise _CommitUncertain(
                        outcomes, rejected, last, cast(bytes, columns[6][-1])
                    ) from exc
                raise
        except BaseException:
            if not conn.is_closed():
                with contextlib.suppress(Exception):
                    await conn.execute("ROLLBACK")
            raise
        self.groups_committed += 1
        metrics.event_append_seconds.observe(time.perf_counter() - started)
        metrics.event_append_group_events.observe(sum(len(r.events) for r, _ in outcomes))
        if rejected:
            metrics.event_append_conflicts.inc(len(rejected))
        for request, positions in outcomes:
            if not request.done.done():
                request.done.set_result(positions)
        # Told only now: a loser that reloads must find the winner's events committed.
        for request, conflict in rejected:
            if not request.done.done():
                request.done.set_exception(conflict)


_DAWN = datetime.min.replace(tzinfo=UTC)


class _CommitUncertain(Exception):
    """COMMIT was sent but its answer was lost: the group may or may not be in the log."""

    def __init__(
        self,
        outcomes: list[tuple["_Append", list[int]]],
        rejected: list[tuple["_Append", ConcurrencyConflict]],
        last_position: int,
        last_chain: bytes,
    ) -> None:
        super().__init__("commit outcome unknown")
        self.outcomes, self.rejected = outcomes, rejected
        self.last_position = last_position
        self.last_chain = last_chain


@dataclass(frozen=True)
class _Head:
    position: int = 0
    chain: bytes = GENESIS
    recorded_at: datetime = _DAWN


def _head(rows: list[asyncpg.Record]) -> tuple[_Head, dict[UUID, int]]:
    """The last event of the log, and each aggregate's current version."""
    head = _Head()
    versions: dict[UUID, int] = {}
    for row in rows:
        if row["originator_id"] is None:
            head = _Head(row["number"], bytes(row["chain_hash"]), row["recorded_at"])
        else:
            versions[row["originator_id"]] = row["number"]
    return head, versions


def _rows(
    accepted: list[_Append], head: _Head
) -> tuple[tuple[list[object], ...], list[tuple[_Append, list[int]]]]:
    """Number and chain the accepted events; return insert columns and each append's positions."""
    position, chain = head.position, head.chain
    # Never earlier than the log's last event, whatever this host's clock says, so
    # "as of a moment" reads always see a prefix of each stream.
    recorded_at = max(datetime.now(UTC), head.recorded_at)
    columns: tuple[list[object], ...] = ([], [], [], [], [], [], [], [])
    outcomes: list[tuple[_Append, list[int]]] = []
    for request in accepted:
        positions = []
        for event in request.events:
            position += 1
            link = ChainLink(
                position,
                _as_uuid(event.originator_id),
                event.originator_version,
                event.topic,
                event.state,
                recorded_at,
            )
            chain = link_hash(chain, link)
            row = (
                link.originator_id,
                link.originator_version,
                link.topic,
                link.state,
                position,
                recorded_at,
                chain,
                request.trace,
            )
            for column, value in zip(columns, row, strict=True):
                column.append(value)
            positions.append(position)
        outcomes.append((request, positions))
    return columns, outcomes


def _claim_versions(request: _Append, versions: dict[UUID, int]) -> ConcurrencyConflict | None:
    """Accept the append (None) if each aggregate's events follow its current version."""
    proposed = dict(versions)
    for event in request.events:
        originator_id = _as_uuid(event.originator_id)
        if event.originator_version != proposed.get(originator_id, 0) + 1:
            return ConcurrencyConflict(
                f"aggregate {originator_id} is past version {event.originator_version - 1}"
            )
        proposed[originator_id] = event.originator_version
    versions.update(proposed)
    return None


def _as_uuid(value: UUID | str) -> UUID:
    return value if isinstance(value, UUID) else UUID(value)


def _as_portal_error(exc: Exception) -> Exception:
    if is_unavailable(exc):
        return DatabaseUnavailable(str(exc) or type(exc).__name__)
    return exc

"""Grow the Merkle tree over the global log as events commit, and sign checkpoints of it.

One leader at a time (an advisory lock, like the relay) reads the log from the tree's
size on. Each batch's leaves and the subtrees they complete are stored in one COPY, so
the stored tree is always whole: its size is its number of leaves, and a restart goes
on from there. A checkpoint is signed every `every_events` events, or after
`every_seconds` when the tree has grown at all.

On taking the lead it checks the stored tree against the last checkpoint (signature and
root): a log must never sign a tree head inconsistent with one it signed before, and a
stored tree that no longer matches means its tables were changed behind its back.
"""

import time

import asyncpg
import structlog

from immportal.adapters.postgres.event_leaves import leaf_of
from immportal.adapters.postgres.eventstore import LogRecord, PostgresEventStore
from immportal.adapters.postgres.log_worker import LeadingLogWorker
from immportal.adapters.postgres.merkle_tree import (
    insert_nodes,
    latest_checkpoint,
    read_nodes,
    tree_size,
)
from immportal.adapters.postgres.notifier import LogNotifier
from immportal.adapters.signing.keyring import NoSigningKey
from immportal.domain.transparency.merkle import Frontier, leaf_hash, span_hash, span_nodes
from immportal.errors import PortalError
from immportal.processes.checkpoints import CheckpointPublisher
from immportal.services.evidence.ports import BlobStoreError
from immportal.services.transparency.ports import StoredCheckpoint
from immportal.transparency_verify import VerificationFailed, open_checkpoint

log = structlog.get_logger(__name__)

TREE_LOCK_CLASS = 721
TREE_NAME = "merkle"


class TreeMismatch(PortalError):
    """The stored tree does not match the last checkpoint signed: it will not be extended."""


class TreeFollower(LeadingLogWorker):
    """Appends every committed event to the Merkle tree and signs checkpoints."""

    def __init__(
        self,
        *,
        dsn: str,
        role: str | None,
        store: PostgresEventStore,
        notifier: LogNotifier,
        publisher: CheckpointPublisher,
        every_events: int,
        every_seconds: float,
        batch_size: int = 2000,
        idle_wait: float = 1.0,
    ) -> None:
        super().__init__(
            dsn=dsn,
            role=role,
            store=store,
            notifier=notifier,
            lock_class=TREE_LOCK_CLASS,
            name=TREE_NAME,
            batch_size=batch_size,
            idle_wait=idle_wait,
        )
        self._publisher = publisher
        self._every_events = every_events
        self._every_seconds = every_seconds
        self.checkpointed = 0
        """The size of the last checkpoint signed (or found on taking the lead)."""

    async def _lead(self, conn: asyncpg.Connection) -> None:
        frontier = await self._stored_frontier(conn)
        self.position = frontier.size
        last = await latest_checkpoint(conn)
        if last is not None:
            await self._check_tree(conn, last)
        self.checkpointed = last.size if last else 0
        due_at = time.monotonic() + self._every_seconds
        not_before = 0.0
        while True:
            records = await self._store.read_log(self.position, self._batch_size, conn=conn)
            if records:
                await self._grow(conn, frontier, records)
            grown, now = frontier.size - self.checkpointed, time.monotonic()
            if now >= not_before and (grown >= self._every_events or (grown and now >= due_at)):
                if not await self._checkpoint(conn, frontier):
                    # Not before the interval has passed again: one error a period, not a flood.
                    not_before = now + self._every_seconds
                due_at = now + self._every_seconds
            if len(records) < self._batch_size:
                wait = self._idle_wait
                if frontier.size > self.checkpointed:
                    # Wake for the checkpoint that falls due even if no event comes.
                    next_due = max(due_at, not_before) - time.monotonic()
                    wait = min(wait, max(next_due, 0.001))
                await self._notifier.wait(self.position, wait)

    async def _grow(
        self, conn: asyncpg.Connection, frontier: Frontier, records: list[LogRecord]
    ) -> None:
        created = []
        for record in records:
            if record.position != frontier.size + 1:
                raise TreeMismatch(f"the log skips from {frontier.size} to {record.position}")
            created += frontier.append(leaf_hash(leaf_of(record)))
        # A failure here ends this leadership; the next one starts from the stored tree.
        await insert_nodes(conn, created)
        self.position = frontier.size

    async def _stored_frontier(self, conn: asyncpg.Connection) -> Frontier:
        size = await tree_size(conn)
        return Frontier.of(size, await read_nodes(conn, span_nodes(0, size)))

    async def _check_tree(self, conn: asyncpg.Connection, last: StoredCheckpoint) -> None:
        try:
            head = open_checkpoint(last.note, self._publisher.keyring.verifiers())
        except VerificationFailed as exc:
            log.error("checkpoint_unverifiable", size=last.size, error=str(exc))
            raise TreeMismatch(f"the checkpoint at {last.size} does not verify") from exc
        if head.root != last.root or head.size != last.size:
            raise TreeMismatch(f"the checkpoint row at {last.size} differs from its signed note")
        stored = await read_nodes(conn, span_nodes(0, head.size))
        if len(stored) != len(span_nodes(0, head.size)):
            raise TreeMismatch(f"the stored tree is smaller than the checkpoint at {head.size}")
        if span_hash((0, head.size), stored) != head.root:
            log.error("tree_differs_from_checkpoint", size=head.size)
            raise TreeMismatch(f"the stored tree differs from the checkpoint at {head.size}")

    async def _checkpoint(self, conn: asyncpg.Connection, frontier: Frontier) -> bool:
        try:
            signed = await self._publisher.publish(conn, frontier.size, frontier.root)
        except NoSigningKey as exc:
            log.error("checkpoint_not_signed", size=frontier.size, error=str(exc))
            return False
        except BlobStoreError as exc:
            # The tree keeps growing; the checkpoint is tried again later.
            log.warning("checkpoint_not_kept", size=frontier.size, error=type(exc).__name__)
            return False
        self.checkpointed = signed.size
        log.info("checkpoint_signed", size=signed.size, key=signed.key_name)
        return True

"""The Merkle leaves of stored events, computed from the events table's rows."""

from collections.abc import AsyncIterator

from immportal.adapters.postgres.eventstore import LogRecord, PostgresEventStore
from immportal.domain.transparency.leaf import EventFacts, event_facts


def facts_of(record: LogRecord) -> EventFacts:
    """What the leaf of a stored event commits to (domain/transparency/leaf.py)."""
    return event_facts(
        position=record.position,
        originator_id=record.originator_id,
        originator_version=record.originator_version,
        topic=record.topic,
        recorded_at=record.recorded_at,
        state=record.state,
    )


def leaf_of(record: LogRecord) -> bytes:
    """The leaf of a stored event."""
    return facts_of(record).leaf()


class PostgresEventLeaves:
    """The EventLeaves port: leaves straight from the events table, never from the tree."""

    def __init__(self, store: PostgresEventStore, *, batch_size: int = 5000) -> None:
        self._store = store
        self._batch_size = batch_size

    async def facts(self, position: int) -> EventFacts | None:
        """What the leaf at a position commits to, or None if there is no event there."""
        found = await self._store.read_log(position - 1, 1)
        return facts_of(found[0]) if found and found[0].position == position else None

    async def leaves(self, up_to: int) -> AsyncIterator[tuple[int, bytes]]:
        """(position, leaf) of every stored event up to `up_to`, in order."""
        after = 0
        while after < up_to:
            batch = await self._store.read_log(after, min(self._batch_size, up_to - after))
            if not batch:
                return
            for record in batch:
                if record.position > up_to:
                    return
                yield record.position, leaf_of(record)
            after = batch[-1].position

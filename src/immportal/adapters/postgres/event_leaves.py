"""The Merkle leaves of stored events, computed from the events table's rows."""

from collections.abc import AsyncIterator

from immportal.adapters.postgres.eventstore import LogRecord, PostgresEventStore
from immportal.domain.transparency.leaf import event_leaf


def leaf_of(record: LogRecord) -> bytes:
    """The leaf of a stored event (domain/transparency/leaf.py says what it holds)."""
    return event_leaf(
        position=record.position,
        originator_id=record.originator_id,
        originator_version=record.originator_version,
        topic=record.topic,
        recorded_at=record.recorded_at,
        state=record.state,
    )


class PostgresEventLeaves:
    """The EventLeaves port: leaves straight from the events table, never from the tree."""

    def __init__(self, store: PostgresEventStore, *, batch_size: int = 5000) -> None:
        self._store = store
        self._batch_size = batch_size

    async def leaf(self, position: int) -> bytes | None:
        """The leaf of the event at a position, or None if there is none."""
        found = await self._store.read_log(position - 1, 1)
        return leaf_of(found[0]) if found and found[0].position == position else None

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

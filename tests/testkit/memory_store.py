"""The services' EventStore port in memory, keeping the PostgreSQL store's promises.

Appends are atomic (every event or none), versions are checked as the group-commit
writer checks them (each event must follow its aggregate's head, or the whole append
raises ConcurrencyConflict), positions in the global log are gap-free and returned, and
`as_of` compares the moment an event was recorded, as `recorded_at` does. Events go
through the real mapper, so an event that would not serialise fails here too.
"""

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import Mapper, StoredEvent

from immportal.adapters.postgres.mapper import create_mapper
from immportal.errors import ConcurrencyConflict


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Recorded:
    """One entry of the global log: its position, when it was recorded, the stored event."""

    position: int
    recorded_at: datetime
    event: StoredEvent


class MemoryEventStore:
    """Domain events in a list, read back through the real mapper."""

    def __init__(
        self, mapper: Mapper[UUID] | None = None, *, clock: Callable[[], datetime] = _now
    ) -> None:
        self.mapper = mapper or create_mapper()
        self.log: list[Recorded] = []
        self._clock = clock
        self._heads: dict[UUID, int] = {}

    async def append(self, events: Sequence[DomainEventProtocol[UUID]]) -> list[int]:
        """Append all the events or none; return their positions in the global log."""
        # Yield first, as a real database would, so concurrent tasks can interleave;
        # from here to the end nothing awaits, so the check and the write are one step.
        await asyncio.sleep(0)
        stored = [self.mapper.to_stored_event(event) for event in events]
        heads = dict(self._heads)
        for record in stored:
            aggregate_id = UUID(str(record.originator_id))
            if record.originator_version != heads.get(aggregate_id, 0) + 1:
                raise ConcurrencyConflict(
                    f"aggregate {aggregate_id} is past version {record.originator_version - 1}"
                )
            heads[aggregate_id] = record.originator_version
        at, first = self._clock(), len(self.log) + 1
        self.log.extend(Recorded(first + i, at, record) for i, record in enumerate(stored))
        self._heads = heads
        return list(range(first, first + len(stored)))

    async def read_stream(
        self,
        aggregate_id: UUID,
        *,
        up_to_version: int | None = None,
        as_of: datetime | None = None,
    ) -> list[DomainEventProtocol[UUID]]:
        """One aggregate's events in order, optionally only up to a version or a moment."""
        await asyncio.sleep(0)
        return [
            self.mapper.to_domain_event(entry.event)
            for entry in self.log
            if entry.event.originator_id == aggregate_id
            and (up_to_version is None or entry.event.originator_version <= up_to_version)
            and (as_of is None or entry.recorded_at <= as_of)
        ]

    async def head(self) -> int:
        """The last position in the log, 0 when empty (as the PostgreSQL store's head)."""
        return len(self.log)

    @property
    def streams(self) -> dict[UUID, list[StoredEvent]]:
        """Every aggregate's stored events (as they sit in the database), in order."""
        found: dict[UUID, list[StoredEvent]] = {}
        for entry in self.log:
            found.setdefault(UUID(str(entry.event.originator_id)), []).append(entry.event)
        return found

    def topics(self, aggregate_id: UUID) -> list[str]:
        """The event class names of one aggregate, in order."""
        return [
            entry.event.topic.rsplit(".", 1)[1]
            for entry in self.log
            if entry.event.originator_id == aggregate_id
        ]

"""What every context shares: the event store of its aggregates, and what a write returns."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol


class EventStore(Protocol):
    """Appends and reads domain events."""

    async def append(self, events: Sequence[DomainEventProtocol[UUID]]) -> list[int]:
        """Append atomically; raise ConcurrencyConflict on a stale version."""
        ...

    async def read_stream(
        self,
        aggregate_id: UUID,
        *,
        up_to_version: int | None = None,
        as_of: datetime | None = None,
    ) -> list[DomainEventProtocol[UUID]]:
        """One aggregate's events in order."""
        ...


@dataclass(frozen=True)
class Written:
    """What a command left behind: the aggregate's new version and its last log position.

    The version is what the next form carries as `expected_version`; the position is what
    a page that shows this write waits for the read models to pass. Position 0 means the
    command appended nothing (a page saved as it was, a step an earlier attempt took).
    """

    version: int
    position: int

    @classmethod
    def of(cls, version: int, positions: Sequence[int]) -> "Written":
        """The version reached and the last of the positions an append returned."""
        return cls(version, max(positions, default=0))

"""The one port every context shares: the event store its aggregates are kept in."""

from collections.abc import Sequence
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

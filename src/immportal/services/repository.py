"""Load aggregates by replaying their events; save what they recorded."""

from datetime import datetime
from typing import TypeVar, cast
from uuid import UUID

from eventsourcing.domain import Aggregate

from immportal.errors import NotFound
from immportal.services.ports import EventStore

A = TypeVar("A", bound=Aggregate)


class Repository:
    """Aggregates in and out of the event store."""

    def __init__(self, store: EventStore) -> None:
        self._store = store

    async def get(
        self,
        cls: type[A],
        aggregate_id: UUID,
        *,
        up_to_version: int | None = None,
        as_of: datetime | None = None,
    ) -> A:
        """Rebuild an aggregate, as it is now or as it stood at a version or moment."""
        events = await self._store.read_stream(
            aggregate_id, up_to_version=up_to_version, as_of=as_of
        )
        aggregate: A | None = None
        for event in events:
            aggregate = cast(A | None, cast(Aggregate.Event, event).mutate(aggregate))
        if not isinstance(aggregate, cls):
            raise NotFound(f"no {cls.__name__.lower()} {aggregate_id}")
        return aggregate

    async def save(self, *aggregates: Aggregate) -> list[int]:
        """Append the new events of the aggregates in one atomic step."""
        events = [event for aggregate in aggregates for event in aggregate.collect_events()]
        return await self._store.append(events)

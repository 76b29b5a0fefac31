"""Record every event-stream read a GET request makes: the read side must never replay.

A middleware placed outermost notes which GET route is being served in a context
variable; the event store's `read_stream` (through which every `Repository.get` replays an
aggregate) is wrapped to record a read while that variable is set. Work the portal does
for itself (projections, the notices worker, the booker) runs in tasks started before any
request, outside that context, and is not recorded.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from aiohttp import web
from aiohttp.typedefs import Handler
from eventsourcing.domain import DomainEventProtocol

from immportal.adapters.postgres.eventstore import PostgresEventStore

_ROUTE: ContextVar[str | None] = ContextVar("get_route_in_flight", default=None)


@dataclass(frozen=True)
class StreamRead:
    """One `read_stream` made while a GET was served: the route and what was read."""

    route: str
    aggregate: str
    """The aggregate's class, from its first event's topic (e.g. 'Case'), or '?' if none."""


@web.middleware
async def note_get_route(request: web.Request, handler: Handler) -> web.StreamResponse:
    """While a GET (or HEAD) is served, name its route in the context."""
    if request.method not in ("GET", "HEAD"):
        return await handler(request)
    resource = request.match_info.route.resource
    token = _ROUTE.set(resource.canonical if resource is not None else request.path)
    try:
        return await handler(request)
    finally:
        _ROUTE.reset(token)


def aggregate_of(events: list[DomainEventProtocol[UUID]]) -> str:
    """The class name of the aggregate the events belong to ('Case' for 'Case.Started')."""
    if not events:
        return "?"
    return type(events[0]).__qualname__.split(".")[0]


@dataclass
class StreamReads:
    """The reads recorded so far, in order."""

    reads: list[StreamRead] = field(default_factory=list)

    def take(self) -> list[StreamRead]:
        """The reads since the last call, forgetting them."""
        taken, self.reads = self.reads, []
        return taken


@contextmanager
def recording_stream_reads(store: PostgresEventStore) -> Iterator[StreamReads]:
    """Wrap the store's `read_stream` for the block; every read under a GET is recorded."""
    recorded = StreamReads()
    real = store.read_stream

    async def read_stream(
        aggregate_id: UUID,
        *,
        up_to_version: int | None = None,
        as_of: datetime | None = None,
    ) -> list[DomainEventProtocol[UUID]]:
        events = await real(aggregate_id, up_to_version=up_to_version, as_of=as_of)
        route = _ROUTE.get()
        if route is not None:
            recorded.reads.append(StreamRead(route, aggregate_of(events)))
        return events

    patched: Any = store
    patched.read_stream = read_stream
    try:
        yield recorded
    finally:
        del patched.read_stream

"""The relay: the event log is the outbox; publish it in order, then record how far.

The position is recorded only after the broker confirmed the batch, so a crash in
between republishes (at least once); consumers drop repeats by message id.
"""

import asyncio
import time
from collections import deque

import asyncpg
import orjson
import structlog
from opentelemetry import trace
from opentelemetry.context import Context

from immportal import metrics
from immportal.adapters.postgres.connection import map_db_errors
from immportal.adapters.postgres.eventstore import LogRecord, PostgresEventStore
from immportal.adapters.postgres.log_worker import LeadingLogWorker
from immportal.adapters.postgres.notifier import LogNotifier
from immportal.adapters.trace_context import TRACEPARENT, context_from
from immportal.integration.contracts import is_published, to_integration_event
from immportal.integration.ports import BrokerUnavailable, OutgoingMessage, Publisher

log = structlog.get_logger(__name__)

RELAY_LOCK_CLASS = 719
RELAY_NAME = "integration"
# While catching up, confirmed positions are recorded at most this often (seconds): each
# record is a round trip with a WAL flush that the relay would otherwise wait for on every
# batch. A crash republishes at most this long's confirmed events, which at least once allows.
RECORD_EVERY = 0.1


TRACER = trace.get_tracer(__name__)
MAX_LINKS = 32
"""Links kept per published batch: enough to follow a few commands, bounded for big batches."""


def to_message(record: LogRecord, store: PostgresEventStore) -> OutgoingMessage | None:
    """The outgoing message for one stored event, or None for unpublished events."""
    if not is_published(record.topic):
        return None  # not decoded at all: an unreadable unpublished event cannot block us
    mapped = to_integration_event(record.topic, store.decode(record))
    if mapped is None:
        return None
    routing_key, event = mapped
    headers: dict[str, str | int] = {
        "position": record.position,
        "aggregate_id": str(record.originator_id),
        "version": record.originator_version,
        "occurred_at": event.occurred_at.isoformat(),
        "schema_version": type(event).schema_version,
    }
    if record.trace_context:
        # The command's own trace: the consumer's work joins it, whenever it runs.
        headers[TRACEPARENT] = record.trace_context
    return OutgoingMessage(
        message_id=str(event.event_id),
        routing_key=routing_key,
        body=orjson.dumps(event.model_dump(mode="json")),
        headers=headers,
    )


async def publish_traced(publisher: Publisher, messages: list[OutgoingMessage]) -> None:
    """Publish one batch in a span linked to each message's command (a batch has many)."""
    links = [
        trace.Link(span_context)
        for m in messages[:MAX_LINKS]
        if (
            span_context := trace.get_current_span(context_from(m.headers)).get_span_context()
        ).is_valid
    ]
    with TRACER.start_as_current_span("relay.publish", context=Context(), links=links) as span:
        span.set_attribute("messaging.batch.message_count", len(messages))
        await publisher.publish(messages)


class Relay(LeadingLogWorker):
    """Publishes the global log to the bus, one leader at a time."""

    def __init__(
        self,
        *,
        dsn: str,
        role: str | None,
        store: PostgresEventStore,
        notifier: LogNotifier,
        publisher: Publisher,
        batch_size: int = 500,
        idle_wait: float = 1.0,
        in_flight: int = 2,
    ) -> None:
        super().__init__(
            dsn=dsn,
            role=role,
            store=store,
            notifier=notifier,
            lock_class=RELAY_LOCK_CLASS,
            name=RELAY_NAME,
            batch_size=batch_size,
            idle_wait=idle_wait,
        )
        self._publisher = publisher
        self._in_flight = max(1, in_flight)

    async def _lead(self, conn: asyncpg.Connection) -> None:
        with map_db_errors():
            await conn.execute(
                "INSERT INTO relay_positions (name) VALUES ($1) ON CONFLICT DO NOTHING", RELAY_NAME
            )
            self.position = await conn.fetchval(
                "SELECT position FROM relay_positions WHERE name = $1", RELAY_NAME
            )
        pause = 0.2
        while True:
            started_at = self.position
            try:
                await self._publish_from_position(conn)
            except BrokerUnavailable as exc:
                if self.position != started_at:
                    pause = 0.2  # it got going again before this failure
                log.warning("relay_broker_unavailable", error=str(exc), retry_in=pause)
                await asyncio.sleep(pause)
                pause = min(pause * 2, 10.0)

    async def _publish_from_position(self, conn: asyncpg.Connection) -> None:
        """Publish from the recorded position on, in log order, until the broker fails.

        Up to `in_flight` batches await the broker's confirms at once: the broker stores
        one while the next is read, mapped and sent (one at a time it sits idle in
        between). Positions are recorded in order once their batch is confirmed: every
        RECORD_EVERY seconds while batches keep coming, and whenever the relay has caught
        up. After a failure everything from the last recorded position is published again,
        as a failure inside one batch always made it.
        """
        sent = self.position
        window: deque[tuple[asyncio.Task[None], int]] = deque()
        publishing_sizes: dict[asyncio.Task[None], int] = {}
        recorded_at = 0.0
        try:
            while True:
                records = await self._store.read_log(sent, self._batch_size, conn=conn)
                if records:
                    messages = [m for r in records if (m := to_message(r, self._store)) is not None]
                    sent = records[-1].position
                    task = asyncio.create_task(publish_traced(self._publisher, messages))
                    publishing_sizes[task] = len(messages)
                    window.append((task, sent))
                if len(window) >= self._in_flight or (window and not records):
                    publishing, position = window.popleft()
                    await publishing
                    metrics.relay_confirmed.inc(publishing_sizes.pop(publishing, 0))
                    metrics.relay_lag.set(max(0, self._notifier.latest - position))
                    if not window or time.monotonic() - recorded_at >= RECORD_EVERY:
                        await self.record_position(conn, position)
                        recorded_at = time.monotonic()
                elif not window:
                    await self._notifier.wait(self.position, self._idle_wait)
        finally:
            for publishing, _position in window:
                publishing.cancel()
            await asyncio.gather(*(publishing for publishing, _ in window), return_exceptions=True)

    async def record_position(self, conn: asyncpg.Connection, position: int) -> None:
        """Remember that everything up to `position` was confirmed by the broker."""
        with map_db_errors():
            await conn.execute(
                "UPDATE relay_positions SET position = $2, updated_at = now() WHERE name = $1",
                RELAY_NAME,
                position,
            )
        self.position = position
        metrics.relay_position.set(position)

"""Benchmark 6: the relay from the event log to RabbitMQ, with publisher confirms.

The real `Relay` (leader election, `read_log`, `to_message`, `RabbitMqBus.publish` with
confirms, `record_position`) runs from position 0 until its position reaches the head,
once per batch size. Beside it, in the same run and on the same messages:
- the relay's stages one at a time over the whole log (read, map, publish through the bus);
- the relay on its earlier per-message aio-pika publisher (bench/before.py);
- raw aio-pika publishing of the same pre-built messages, with and without confirms.
"""

import asyncio
import time
from dataclasses import dataclass

import asyncpg

from bench import broker
from bench.broker import Corner
from bench.db import Database
from bench.measure import CpuUse, Throughput, cpu_use
from bench.profiling import profiled
from immportal.adapters.postgres.connection import connect
from immportal.adapters.rabbitmq import RabbitMqBus
from immportal.adapters.rabbitmq.messages import to_amqp
from immportal.app.container import Runtime
from immportal.integration.ports import IncomingMessage, OutgoingMessage, Publisher
from immportal.processes.relay import RELAY_NAME, Relay, to_message

RELAY_TIMEOUT = 180.0


@dataclass(frozen=True)
class Stages:
    """Seconds each of the relay's stages takes alone, over the whole log."""

    events: int
    published: int
    read: float
    map: float
    amqp: float
    publish: float

    def describe(self) -> str:
        """Microseconds per event for each stage."""
        per = 1_000_000 / self.events if self.events else 0.0
        return (
            f"read {self.read * per:.0f}, map {self.map * per:.0f},"
            f" publish {self.publish * per:.0f} (to_amqp {self.amqp * per:.0f} of it) us/ev"
        )

    @property
    def publish_rate(self) -> float:
        """Messages per second through `RabbitMqBus.publish` alone, one batch at a time."""
        return self.published / self.publish if self.publish > 0 else 0.0

    @property
    def rate(self) -> float:
        """Events per second if the stages ran back to back, with nothing else."""
        total = self.read + self.map + self.publish
        return self.events / total if total > 0 else 0.0


@dataclass(frozen=True)
class RelayRow:
    """One batch size: the relay beside its stages, its earlier publisher and raw aio-pika."""

    batch: int
    relay: Throughput
    cpu: CpuUse
    messages: int
    queued: int
    stages: Stages
    before: Throughput | None
    raw_confirms: Throughput
    raw_plain: Throughput | None


async def set_position(db: Database, position: int) -> None:
    """Where the relay starts (as the superuser, behind the relay's back)."""
    conn = await asyncpg.connect(db.url)
    try:
        await conn.execute(
            "INSERT INTO relay_positions (name, position) VALUES ($1, $2)"
            " ON CONFLICT (name) DO UPDATE SET position = $2",
            RELAY_NAME,
            position,
        )
    finally:
        await conn.close()


def make_relay(runtime: Runtime, publisher: Publisher, batch: int) -> Relay:
    """The relay as `workers.relay` builds it, on another publisher and batch size."""
    return Relay(
        dsn=runtime.dsn,
        role=runtime.settings.database_app_role,
        store=runtime.store,
        notifier=runtime.notifier,
        publisher=publisher,
        batch_size=batch,
        idle_wait=runtime.settings.projection_idle_wait,
    )


async def stop(task: asyncio.Task[None]) -> None:
    """Cancel a background task and wait for it."""
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


async def relay_to_head(
    runtime: Runtime, db: Database, publisher: Publisher, batch: int, head: int
) -> tuple[Throughput, CpuUse]:
    """The real relay from position 0 until its position is the head."""
    await set_position(db, 0)
    relay = make_relay(runtime, publisher, batch)
    with cpu_use(db.watched, broker=True) as cpu:
        started = time.perf_counter()
        task = asyncio.create_task(relay.run())
        try:
            while relay.position < head:
                if time.perf_counter() - started > RELAY_TIMEOUT:
                    raise TimeoutError(f"relay stuck at {relay.position} of {head}")
                await asyncio.sleep(0.002)
            elapsed = time.perf_counter() - started
        finally:
            await stop(task)
    return Throughput(head, elapsed), cpu


async def stages(
    runtime: Runtime, bus: RabbitMqBus, batch: int
) -> tuple[Stages, list[OutgoingMessage]]:
    """Each stage alone over the whole log, in batches of `batch`; the messages built."""
    store = runtime.store
    conn = await connect(runtime.dsn, role=runtime.settings.database_app_role)
    try:
        started = time.perf_counter()
        batches = []
        position = 0
        while records := await store.read_log(position, batch, conn=conn):
            batches.append(records)
            position = records[-1].position
        read = time.perf_counter() - started
    finally:
        await conn.close()
    started = time.perf_counter()
    mapped = [[m for r in b if (m := to_message(r, store)) is not None] for b in batches]
    mapping = time.perf_counter() - started
    messages = [m for b in mapped for m in b]
    started = time.perf_counter()
    for message in messages:
        _ = to_amqp(message).properties
    amqp = time.perf_counter() - started
    started = time.perf_counter()
    for chunk in mapped:
        await bus.publish(chunk)
    publish = time.perf_counter() - started
    events = sum(len(b) for b in batches)
    return Stages(events, len(messages), read, mapping, amqp, publish), messages


async def relay_beside_consumer(
    runtime: Runtime, db: Database, corner: Corner, bus: RabbitMqBus, batch: int, messages: int
) -> tuple[Throughput, CpuUse]:
    """The relay as above while a consumer on the same bus drains the queue (until it has
    seen the log's `messages` published messages), as in a process that runs both the
    relay and the notification consumer."""
    head = await runtime.store.head()
    await broker.purge(corner)
    seen: list[str] = []

    async def handler(message: IncomingMessage) -> None:
        seen.append(message.message_id)

    consuming = asyncio.create_task(bus.consume(corner.spec, handler))
    try:
        await broker.wait_for_consumer(corner)
        result = await relay_to_head(runtime, db, bus, batch, head)
        deadline = time.monotonic() + 60
        while len(seen) < messages and time.monotonic() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
    finally:
        await stop(consuming)
    await broker.purge(corner)
    return result


async def _settle(corner: Corner, expected: int) -> int:
    """Wait for the queue to show every message, then empty it; how many it showed."""
    depth = await broker.wait_for_depth(corner, expected)
    await broker.purge(corner)
    return depth


async def relay_row(
    runtime: Runtime,
    db: Database,
    corner: Corner,
    publishers: tuple[RabbitMqBus, Publisher | None],
    batch: int,
    *,
    plain: bool,
    profile: bool,
) -> RelayRow:
    """The stages one at a time (which also tell how many events are published), then
    the relay at one batch size, on its earlier per-message publisher, and raw aio-pika on
    the same messages; the queue is checked to hold every message after each, then emptied."""
    bus, earlier = publishers
    head = await runtime.store.head()
    await broker.purge(corner)
    alone, messages = await stages(runtime, bus, batch)
    expected = len(messages)
    await _settle(corner, expected)
    with profiled(f"relay-{batch}", profile):
        relay, cpu = await relay_to_head(runtime, db, bus, batch, head)
    queued = await _settle(corner, expected)
    before = None
    if earlier is not None:
        before = (await relay_to_head(runtime, db, earlier, batch, head))[0]
        await _settle(corner, expected)
    raw = [(m.routing_key, to_amqp(m)) for m in messages]
    confirmed = await broker.raw_publish(corner, raw, batch, confirms=True)
    await _settle(corner, expected)
    unconfirmed = None
    if plain:
        unconfirmed = await broker.raw_publish(corner, raw, batch, confirms=False)
        await _settle(corner, expected)
    return RelayRow(batch, relay, cpu, expected, queued, alone, before, confirmed, unconfirmed)

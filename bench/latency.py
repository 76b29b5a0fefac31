"""Benchmark 7: end-to-end latency from commit to consumer at a steady append rate.

Single events are appended through `PostgresEventStore.append` at a fixed pace; the
real relay (default settings: LISTEN/NOTIFY wake-up, `projection_idle_wait` poll,
`relay_batch_size`) publishes them to RabbitMQ and a `RabbitMqBus.consume` handler
notes when each arrives. Commit time is taken right after `append` returns, arrival
when the handler is called: same process, same clock; the `position` header says which
event a message is. The relay's publisher is wrapped to note when each batch was handed
to the bus and when the broker confirmed it, to say where the time goes.
"""

import asyncio
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from uuid import UUID

import asyncpg
from eventsourcing.domain import DomainEventProtocol

from bench import broker
from bench.broker import Corner
from bench.db import Database
from bench.measure import CpuUse, cpu_use, percentile
from bench.relay import make_relay, set_position, stop
from bench.workload import copy_case, lifecycle
from immportal.adapters.rabbitmq import RabbitMqBus
from immportal.app.container import Runtime
from immportal.integration.ports import IncomingMessage, OutgoingMessage
from immportal.processes.relay import Relay

ACTIVE_CASES = 50
DRAIN_SECONDS = 30.0


@dataclass(frozen=True)
class Spread:
    """Percentiles of one delay, in milliseconds."""

    count: int
    p50: float
    p95: float
    p99: float
    max: float

    @classmethod
    def of(cls, seconds: Sequence[float]) -> "Spread":
        """From delays in seconds."""
        ordered = sorted(s * 1000 for s in seconds)
        if not ordered:
            return cls(0, 0.0, 0.0, 0.0, 0.0)
        pick = [percentile(ordered, f) for f in (0.50, 0.95, 0.99)]
        return cls(len(ordered), pick[0], pick[1], pick[2], ordered[-1])

    def describe(self) -> str:
        """E.g. 'p50 4.1, p95 7.0, p99 9.9, max 21.0 ms'."""
        return f"p50 {self.p50:.1f}, p95 {self.p95:.1f}, p99 {self.p99:.1f}, max {self.max:.1f} ms"


@dataclass
class TimedPublisher:
    """The bus as the relay's publisher, noting per position when it went out and came back."""

    bus: RabbitMqBus
    handed: dict[int, float] = field(default_factory=dict)
    confirmed: dict[int, float] = field(default_factory=dict)
    batches: list[int] = field(default_factory=list)

    async def publish(self, messages: Sequence[OutgoingMessage]) -> None:
        """Publish through the bus; note the times of every message's position."""
        handed = time.perf_counter()
        await self.bus.publish(messages)
        confirmed = time.perf_counter()
        self.batches.append(len(messages))
        for message in messages:
            position = int(message.headers["position"])
            self.handed[position] = handed
            self.confirmed[position] = confirmed


@dataclass(frozen=True)
class EndToEnd:
    """What the paced run measured."""

    appended: int
    seconds: float
    published: int
    delivered: int
    latency: Spread
    to_bus: Spread
    confirm: Spread
    to_consumer: Spread
    position_updates: Spread
    batches: list[int]
    cpu: CpuUse
    notified: bool

    @property
    def rate(self) -> float:
        """Events appended per second."""
        return self.appended / self.seconds if self.seconds > 0 else 0.0


def paced_events() -> Iterator[DomainEventProtocol[UUID]]:
    """Real case histories, `ACTIVE_CASES` at a time, interleaved one event per case, so
    a case's next event comes many appends after its last."""
    template = lifecycle()
    number = 0
    while True:
        cases = [copy_case(template, len(template), number + i) for i in range(ACTIVE_CASES)]
        number += ACTIVE_CASES
        for depth in range(len(template)):
            for case in cases:
                yield case[depth]


async def _wait_for(condition: Callable[[], bool], within: float) -> None:
    deadline = time.monotonic() + within
    while not condition() and time.monotonic() < deadline:  # noqa: ASYNC110 - polling src state
        await asyncio.sleep(0.01)


async def _append_paced(
    runtime: Runtime, rate: float, seconds: float, commits: dict[int, float]
) -> float:
    """Append single events at `rate` per second for `seconds`; the time it took."""
    loop = asyncio.get_running_loop()
    events = paced_events()
    total = round(rate * seconds)

    async def append(event: DomainEventProtocol[UUID]) -> None:
        [position] = await runtime.store.append([event])
        commits[position] = time.perf_counter()

    tasks: list[asyncio.Task[None]] = []
    started = loop.time()
    for index in range(total):
        delay = started + index / rate - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(append(next(events))))
    await asyncio.gather(*tasks)
    return loop.time() - started


async def end_to_end(
    runtime: Runtime, db: Database, corner: Corner, bus: RabbitMqBus, rate: float, seconds: float
) -> EndToEnd:
    """The paced run: relay and consumer in this process, on one bus."""
    await broker.purge(corner)
    await set_position(db, await runtime.store.head())
    publisher = TimedPublisher(bus)
    relay = make_relay(runtime, publisher, runtime.settings.relay_batch_size)
    updates = _time_position_updates(relay)
    arrivals: dict[int, float] = {}

    async def handler(message: IncomingMessage) -> None:
        arrivals.setdefault(int(str(message.headers["position"])), time.perf_counter())

    relaying = asyncio.create_task(relay.run())
    consuming = asyncio.create_task(bus.consume(corner.spec, handler))
    commits: dict[int, float] = {}
    try:
        await _wait_for(lambda: relay.is_leader, 10.0)
        await broker.wait_for_consumer(corner)
        with cpu_use(db.watched, broker=True) as cpu:
            took = await _append_paced(runtime, rate, seconds, commits)
            last = max(commits, default=0)
            # Drained: the relay is past the last commit and every message it published
            # has arrived (events unpublished by contract never do).
            await _wait_for(
                lambda: relay.position >= last and len(arrivals) >= len(publisher.handed),
                DRAIN_SECONDS,
            )
    finally:
        await stop(relaying)
        await stop(consuming)
    done = [p for p in commits if p in arrivals and p in publisher.handed]
    return EndToEnd(
        appended=len(commits),
        seconds=took,
        published=sum(1 for p in commits if p in publisher.handed),
        delivered=len(done),
        latency=Spread.of([arrivals[p] - commits[p] for p in done]),
        to_bus=Spread.of([publisher.handed[p] - commits[p] for p in done]),
        confirm=Spread.of([publisher.confirmed[p] - publisher.handed[p] for p in done]),
        to_consumer=Spread.of([arrivals[p] - publisher.handed[p] for p in done]),
        position_updates=Spread.of(updates),
        batches=publisher.batches,
        cpu=cpu,
        notified=runtime.notifier.latest >= max(commits, default=0),
    )


def _time_position_updates(relay: Relay) -> list[float]:
    """Wrap this relay's `record_position` (the instance only) to time each UPDATE."""
    seconds: list[float] = []
    original = relay.record_position

    async def timed(conn: asyncpg.Connection, position: int) -> None:
        started = time.perf_counter()
        await original(conn, position)
        seconds.append(time.perf_counter() - started)

    relay.record_position = timed  # type: ignore[method-assign]
    return seconds


async def lose_listener(db: Database) -> int:
    """Terminate the backend of every LISTEN connection of the bench database, as a
    server restart or network cut would; how many there were."""
    conn = await asyncpg.connect(db.url)
    try:
        killed: int = await conn.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = $1 AND query LIKE 'LISTEN %'",
            db.name,
        )
    finally:
        await conn.close()
    return killed

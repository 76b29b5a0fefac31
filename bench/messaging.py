"""The relay section: benchmarks 6 (relay throughput) and 7 (end-to-end latency).

Runs on its own log (cleared, then seeded) and its own corner of the broker (a fresh
exchange and queue prefix, deleted at the end).
"""

from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from typing import TypeVar

import aiormq.exceptions

from bench import broker, latency, relay
from bench.before import PerMessagePublisher, per_message_publisher
from bench.broker import BrokerWentAway, Corner, broker_corner, sentinel
from bench.db import Database, clear_log
from bench.measure import CpuUse, Throughput
from bench.report import Report, ResultRow
from bench.seed import Seeded, seed
from immportal.adapters.rabbitmq import RabbitMqBus
from immportal.app.container import Runtime, open_runtime
from immportal.integration.ports import BrokerUnavailable

RELAY_TARGET = 10_000
LATENCY_P99_MS = 200.0
ATTEMPTS = 5
T = TypeVar("T")
Buses = tuple[RabbitMqBus, PerMessagePublisher]
BROKER_GONE = (
    BrokerWentAway,
    BrokerUnavailable,
    aiormq.exceptions.AMQPError,
    aiormq.exceptions.ChannelInvalidStateError,
    ConnectionError,
    TimeoutError,
)

NOTES = [
    "Relay = the real `Relay` (leader election, `read_log`, `to_message`,"
    " `RabbitMqBus.publish` with publisher confirms, `record_position`) from position 0"
    " until its position is the head, on a fresh exchange with one quorum queue bound to"
    " `#` (every message routed and persisted; the queue depth is checked, then purged)."
    " Stages alone = the same batches read, mapped (`to_message`) and published through"
    " the bus one stage at a time; raw aio-pika = the same messages pre-built, published"
    " on one channel with `asyncio.gather` per chunk of the batch size, one chunk at a"
    " time. Bus publish alone = the same batches through `RabbitMqBus.publish` (the batch"
    " publisher), one at a time. Earlier publisher = the relay on the per-message aio-pika"
    " publisher `RabbitMqBus.publish` used before (bench/before.py). Events are stored"
    " encrypted (a random AES key per run), as the portal requires outside development"
    " mode. CPU column mq ="
    " the RabbitMQ node (beam.smp).",
    "End to end = single events appended at a steady rate through"
    " `PostgresEventStore.append`, the relay (default settings) and a `RabbitMqBus.consume`"
    " handler in one process; latency = handler call - return of `append`, same clock.",
]


@dataclass(frozen=True)
class RelayOptions:
    """Sizes of the relay section (see `python -m bench.run --help`)."""

    rabbitmq_url: str
    events: int
    batches: tuple[int, ...]
    latency_rate: float
    latency_seconds: float
    before: bool
    listener_loss: bool
    profile: bool


@dataclass
class Measured:
    """Everything the section measured."""

    batch: int = 0
    rows: list[relay.RelayRow] = field(default_factory=list)
    beside: tuple[Throughput, CpuUse] | None = None
    runs: list[tuple[str, latency.EndToEnd]] = field(default_factory=list)


def _say(text: str) -> None:
    print(text, flush=True)


async def run_relay(db: Database, options: RelayOptions, report: Report) -> None:
    """Seed, relay the log at each batch size, then the paced end-to-end runs."""
    await clear_log(db.url)
    seeded = Seeded()
    async with open_runtime(db.settings()) as runtime:
        await seed(runtime.store, options.events, seeded)
    _say(f"seeded for relay: {seeded.events:,} events")
    retries: list[str] = []
    async with broker_corner(options.rabbitmq_url) as corner:
        measured = await _measure(db, options, Steps(corner, retries))
    report.relay += measured.rows
    _relay_rows(report, measured)
    for label, run in measured.runs:
        _latency_row(report, label, run, measured.batch)
    if retries:
        report.notes.append(
            f"Relay steps measured again after the shared broker was restarted mid-step"
            f" (by others' outage tests): {', '.join(retries)}."
        )


@dataclass
class Steps:
    """Runs each measurement on a fresh bus, again from the start if the broker restarted
    during it (up to ATTEMPTS times), so one restart costs one step, not the section."""

    corner: Corner
    retries: list[str]

    async def run(self, name: str, step: Callable[[Buses], Awaitable[T]]) -> T:
        """`step` with a started bus (its consumer queue declared) and the earlier publisher."""
        for attempt in range(1, ATTEMPTS + 1):
            try:
                async with AsyncExitStack() as stack:
                    check = await stack.enter_async_context(sentinel(self.corner.url))
                    bus = await stack.enter_async_context(self.corner.bus())
                    earlier = await stack.enter_async_context(per_message_publisher(self.corner))
                    await bus.declare(self.corner.spec)
                    result = await step((bus, earlier))
                    check()
                    return result
            except BROKER_GONE as exc:
                if attempt == ATTEMPTS:
                    raise
                _say(f"broker went away during {name} ({type(exc).__name__}); measuring again")
                self.retries.append(name)
                await broker.wait_for_broker(self.corner.url)
        raise AssertionError("unreachable")


async def _measure(db: Database, options: RelayOptions, steps: Steps) -> Measured:
    """Every measurement of the section, one step at a time."""
    measured = Measured()
    corner = steps.corner
    async with open_runtime(db.settings()) as runtime:
        for batch in options.batches:

            async def row_step(buses: Buses, batch: int = batch) -> relay.RelayRow:
                earlier = buses[1] if options.before else None
                return await relay.relay_row(
                    runtime,
                    db,
                    corner,
                    (buses[0], earlier),
                    batch,
                    plain=True,
                    profile=options.profile,
                )

            row = await steps.run(f"batch {batch}", row_step)
            measured.rows.append(row)
            _say(
                f"relay batch {batch}: {row.relay.rate:,.0f} ev/s (earlier publisher"
                f" {row.before.rate if row.before else 0:,.0f}, bus publish alone"
                f" {row.stages.publish_rate:,.0f}, raw aio-pika {row.raw_confirms.rate:,.0f});"
                f" {row.stages.describe()}"
            )
        measured.batch = batch = runtime.settings.relay_batch_size
        published = measured.rows[-1].messages if measured.rows else 0
        measured.beside = await steps.run(
            "relay beside a consumer",
            lambda b: relay.relay_beside_consumer(runtime, db, corner, b[0], batch, published),
        )
        _say(f"relay batch {batch} beside a consumer: {measured.beside[0].rate:,.0f} ev/s")
        rate, seconds = options.latency_rate, options.latency_seconds
        e2e = await steps.run(
            "end to end", lambda b: latency.end_to_end(runtime, db, corner, b[0], rate, seconds)
        )
        measured.runs.append(("", e2e))
        _say(f"end to end at {e2e.rate:,.0f} ev/s: {e2e.latency.describe()}")
        if options.listener_loss:
            lost = await steps.run(
                "end to end, LISTEN lost", lambda b: _lost(runtime, db, b[0], corner, options)
            )
            label = ", after its LISTEN connection was killed"
            measured.runs.append((label, lost))
            _say(f"end to end{label}: {lost.latency.describe()}")
    return measured


async def _lost(
    runtime: Runtime, db: Database, bus: RabbitMqBus, corner: Corner, options: RelayOptions
) -> latency.EndToEnd:
    """Kill the notifier's LISTEN connection, then the paced run for half as long."""
    await latency.lose_listener(db)
    rate, seconds = options.latency_rate, options.latency_seconds / 2
    return await latency.end_to_end(runtime, db, corner, bus, rate, seconds)


def _relay_rows(report: Report, measured: Measured) -> None:
    if not measured.rows or measured.beside is None:
        return
    batch, beside = measured.batch, measured.beside
    best = max(measured.rows, key=lambda row: row.relay.rate)
    rate = best.relay.rate
    report.rows.append(
        ResultRow(
            f"6. Relay to RabbitMQ with publisher confirms (best batch, {best.batch:,})",
            f"{rate:,.0f} ev/s",
            f">= {RELAY_TARGET:,} ev/s",
            rate >= RELAY_TARGET,
            f"{best.relay.count:,} events ({best.messages:,} published, the rest"
            f" unpublished by contract) in {best.relay.seconds:.1f} s; {best.queued:,} of"
            f" {best.messages:,} messages in the queue; raw aio-pika with confirms"
            f" {best.raw_confirms.rate:,.0f} ev/s; relay on the earlier per-message publisher"
            f" {best.before.rate if best.before else 0:,.0f} ev/s; {best.cpu.describe()}",
        )
    )
    rate = beside[0].rate
    report.rows.append(
        ResultRow(
            f"6. Relay (batch {batch:,}) while a consumer on the same bus drains the queue",
            f"{rate:,.0f} ev/s",
            f">= {RELAY_TARGET:,} ev/s",
            rate >= RELAY_TARGET,
            f"{beside[0].count:,} events in {beside[0].seconds:.1f} s; as in a process"
            f" running the relay and the notification consumer; {beside[1].describe()}",
        )
    )


def _latency_row(report: Report, label: str, run: latency.EndToEnd, batch: int) -> None:
    lat = run.latency
    mean_batch = sum(run.batches) / len(run.batches) if run.batches else 0.0
    woken = (
        "NOTIFY kept waking the relay"
        if run.notified
        else "NOTIFY stopped reaching the relay (it fell back to the idle poll)"
    )
    report.rows.append(
        ResultRow(
            f"7. Commit to consumer, {run.rate:,.0f} ev/s for {run.seconds:.0f} s{label}",
            f"p99 {lat.p99:.1f} ms",
            f"p99 <= {LATENCY_P99_MS:.0f} ms",
            0 < run.delivered == run.published and lat.p99 <= LATENCY_P99_MS,
            f"{run.delivered:,} of {run.published:,} published events delivered"
            f" ({run.appended - run.published:,} more unpublished by contract);"
            f" {lat.describe()}; {woken};"
            f" commit to relay publish {run.to_bus.describe()};"
            f" broker confirm {run.confirm.describe()};"
            f" relay publish to consumer {run.to_consumer.describe()};"
            f" relay position UPDATE {run.position_updates.describe()};"
            f" {len(run.batches):,} relay batches of {mean_batch:.1f} events"
            f" (batch size {batch}); {run.cpu.describe()}",
        )
    )

"""A private corner of the RabbitMQ broker for the relay benchmarks, and the raw baseline.

Each run gets its own exchange and queue prefix (`bench-<random>`); one consumer's
queues are bound to `#`, so every message is routed to a durable quorum queue and
persisted, as in production. Everything is deleted at the end, whatever happens.
"""

import asyncio
import contextlib
import secrets
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass

import aio_pika
import aiormq.exceptions
from aio_pika import Message

from bench.measure import Throughput
from immportal.adapters.rabbitmq import RabbitMqBus
from immportal.adapters.rabbitmq.topology import QueueNames
from immportal.integration.ports import ConsumerSpec

DEFAULT_BROKER = "amqp://guest:guest@127.0.0.1:5672/"
CONSUMER = "all"
CLEANUP_ATTEMPTS = 30


@dataclass(frozen=True)
class Corner:
    """One run's exchange and queue prefix on the broker."""

    url: str
    exchange: str
    prefix: str

    @property
    def spec(self) -> ConsumerSpec:
        """The one consumer: everything published (`#`), the default prefetch."""
        return ConsumerSpec(name=CONSUMER, patterns=("#",))

    @property
    def names(self) -> QueueNames:
        """The consumer's main, retry and dead-letter queues."""
        return QueueNames.of(self.prefix, CONSUMER)

    def bus(self) -> RabbitMqBus:
        """A bus (not started) on this corner, as `open_runtime` would build it."""
        return RabbitMqBus(self.url, exchange=self.exchange, queue_prefix=self.prefix)


@asynccontextmanager
async def _channel(url: str) -> AsyncIterator[aio_pika.abc.AbstractChannel]:
    connection = await aio_pika.connect(url)
    try:
        yield await connection.channel()
    finally:
        await connection.close()


async def _delete(corner: Corner) -> None:
    async with _channel(corner.url) as channel:
        names = corner.names
        for queue in (names.main, names.retry, names.dead):
            await channel.queue_delete(queue)
        await channel.exchange_delete(corner.exchange)


@asynccontextmanager
async def broker_corner(url: str) -> AsyncIterator[Corner]:
    """A fresh exchange and prefix; its queues and exchange are deleted afterwards, even
    if the broker is restarting then (others' outage tests stop it): retried for a minute."""
    token = secrets.token_hex(4)
    corner = Corner(url, f"bench-{token}.events", f"bench-{token}")
    try:
        yield corner
    finally:
        for attempt in range(CLEANUP_ATTEMPTS):
            try:
                await _delete(corner)
                break
            except (OSError, aiormq.exceptions.AMQPError):
                if attempt == CLEANUP_ATTEMPTS - 1:
                    print(f"could not delete {corner.prefix}.* and {corner.exchange}", flush=True)
                    raise
                await asyncio.sleep(2)


async def queue_depth(corner: Corner) -> tuple[int, int]:
    """Ready messages and consumers of the main queue."""
    async with _channel(corner.url) as channel:
        queue = await channel.declare_queue(corner.names.main, passive=True)
        result = queue.declaration_result
        return result.message_count or 0, result.consumer_count or 0


async def purge(corner: Corner) -> None:
    """Empty the main queue (between runs, so it never grows past one run's messages)."""
    async with _channel(corner.url) as channel:
        queue = await channel.get_queue(corner.names.main, ensure=False)
        await queue.purge()


async def wait_for_depth(corner: Corner, count: int, within: float = 30.0) -> int:
    """Wait until the main queue holds `count` messages (a quorum queue counts late)."""
    deadline = time.monotonic() + within
    depth = (await queue_depth(corner))[0]
    while depth < count and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
        depth = (await queue_depth(corner))[0]
    return depth


async def wait_for_consumer(corner: Corner, within: float = 10.0) -> None:
    """Wait until the broker lists a consumer on the main queue."""
    deadline = time.monotonic() + within
    while (await queue_depth(corner))[1] < 1 and time.monotonic() < deadline:  # noqa: ASYNC110
        await asyncio.sleep(0.05)


async def raw_publish(
    corner: Corner, messages: Sequence[tuple[str, Message]], chunk: int, *, confirms: bool
) -> Throughput:
    """aio-pika alone: one channel, `asyncio.gather` over chunks of `chunk` publishes.

    With confirms each chunk waits for all its confirms, as the relay's batches do.
    Without, the clock stops after one synchronous round trip on the same channel, so
    the broker has taken every publish before it (not necessarily persisted it).
    """
    connection = await aio_pika.connect(corner.url)
    try:
        channel = await connection.channel(publisher_confirms=confirms)
        exchange = await channel.get_exchange(corner.exchange, ensure=False)
        started = time.perf_counter()
        for start in range(0, len(messages), chunk):
            await asyncio.gather(
                *(
                    exchange.publish(m, key, mandatory=False)
                    for key, m in messages[start : start + chunk]
                )
            )
        if not confirms:
            await channel.declare_queue(corner.names.main, passive=True)
        elapsed = time.perf_counter() - started
    finally:
        await connection.close()
    return Throughput(len(messages), elapsed)


async def broker_version(url: str) -> str:
    """'RabbitMQ 3.10.8' from the server's connection properties."""
    connection = await aio_pika.connect(url)
    try:
        transport = connection.transport
        properties = transport.connection.server_properties if transport else {}
    finally:
        await connection.close()

    def text(key: str, default: str) -> str:
        value = properties.get(key, default)
        return value.decode() if isinstance(value, bytes) else str(value)

    return f"{text('product', 'RabbitMQ')} {text('version', '?')}"


class BrokerWentAway(Exception):
    """The broker closed its connections during a measurement (a restart)."""


@asynccontextmanager
async def sentinel(url: str) -> AsyncIterator[Callable[[], None]]:
    """A plain connection held through the measurements; the check raises BrokerWentAway
    once the broker has closed it (others' outage tests stop the shared broker)."""
    connection = await aio_pika.connect(
        url, client_properties={"connection_name": "bench-sentinel"}
    )
    # aio-pika 10 leaves `is_closed` False after the broker closes a connection; the
    # close callbacks do run.
    gone: list[object] = []
    connection.close_callbacks.add(lambda *args: gone.append(args))

    def check() -> None:
        if gone or connection.is_closed:
            raise BrokerWentAway("the broker closed its connections during the measurement")

    try:
        yield check
    finally:
        with contextlib.suppress(Exception):
            await connection.close()


async def wait_for_broker(url: str, within: float = 300.0) -> None:
    """Wait until the broker accepts connections again, then a little longer."""
    deadline = time.monotonic() + within
    while True:
        try:
            connection = await aio_pika.connect(url)
        except (OSError, aiormq.exceptions.AMQPError):
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(2)
            continue
        await connection.close()
        await asyncio.sleep(5)
        return

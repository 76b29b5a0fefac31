"""Shared helpers for the RabbitMQ bus tests (no tests here): scoped names, a recorder."""

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar
from uuid import uuid4

import aio_pika

from immportal.adapters.rabbitmq import RabbitMqBus
from immportal.integration.ports import ConsumerSpec, Handler, IncomingMessage, OutgoingMessage

RABBIT_URL = "amqp://guest:guest@127.0.0.1:5672/"

T = TypeVar("T")


class Recorder:
    """A handler that keeps every delivery and lets a test wait for them."""

    def __init__(self, fail: Callable[[IncomingMessage], bool] = lambda _: False) -> None:
        self.seen: list[IncomingMessage] = []
        self._fail = fail
        self._arrived = asyncio.Condition()

    async def __call__(self, message: IncomingMessage) -> None:
        """Record the delivery, then fail if the test asked for it."""
        async with self._arrived:
            self.seen.append(message)
            self._arrived.notify_all()
        if self._fail(message):
            raise ValueError(f"cannot handle {message.body!r} for Jane Doe")

    async def wait_for(self, count: int, within: float = 10) -> list[IncomingMessage]:
        """The first `count` deliveries, once they have arrived."""
        await self.wait_until(lambda seen: len(seen) >= count, within)
        return self.seen[:count]

    async def wait_until(
        self, condition: Callable[[list[IncomingMessage]], bool], within: float = 10
    ) -> None:
        """Return once the deliveries so far satisfy `condition`."""
        async with asyncio.timeout(within), self._arrived:
            await self._arrived.wait_for(lambda: condition(self.seen))


@dataclass
class Rabbit:
    """One test's corner of the broker: a unique exchange and queue prefix, cleaned up after."""

    exchange: str = field(default_factory=lambda: f"test-{uuid4().hex[:8]}")
    prefix: str = field(default_factory=lambda: f"test-{uuid4().hex[:8]}")
    consumers: set[str] = field(default_factory=set)
    buses: list[RabbitMqBus] = field(default_factory=list)

    def spec(self, name: str, *patterns: str, **options: Any) -> ConsumerSpec:
        """A consumer spec whose queues are deleted at the end of the test."""
        self.consumers.add(name)
        return ConsumerSpec(name=name, patterns=patterns, **options)

    def queue(self, consumer: str, kind: str = "") -> str:
        """The name of a consumer's main queue, or of its `retry` or `dead` queue."""
        return ".".join(part for part in (self.prefix, consumer, kind) if part)

    async def bus(self, url: str = RABBIT_URL, **options: Any) -> RabbitMqBus:
        """A started bus on this test's exchange and prefix, closed at the end of the test."""
        bus = RabbitMqBus(url, exchange=self.exchange, queue_prefix=self.prefix, **options)
        await bus.start()
        self.buses.append(bus)
        return bus

    async def message_count(self, queue: str) -> int:
        """How many ready messages a queue holds."""
        async with raw_channel() as channel:
            declared = await channel.declare_queue(queue, passive=True)
            return declared.declaration_result.message_count or 0

    async def consumer_count(self, queue: str) -> int:
        """How many consumers a queue has."""
        async with raw_channel() as channel:
            declared = await channel.declare_queue(queue, passive=True)
            return declared.declaration_result.consumer_count or 0

    @asynccontextmanager
    async def consuming(
        self, bus: RabbitMqBus, spec: ConsumerSpec, handler: Handler
    ) -> AsyncIterator[asyncio.Task[None]]:
        """Run `bus.consume` in the background, from the moment the broker lists it."""
        await bus.declare(spec)
        task = asyncio.create_task(bus.consume(spec, handler))
        try:
            await eventually(lambda: self.consumer_count(self.queue(spec.name)))
            yield task
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    async def get(self, queue: str) -> aio_pika.abc.AbstractIncomingMessage:
        """Take one message off a queue directly (acknowledged)."""
        async with raw_channel() as channel:
            declared = await channel.declare_queue(queue, passive=True)
            delivery = await declared.get(no_ack=True)
            assert delivery is not None
            return delivery

    async def delete_queue(self, queue: str) -> None:
        """Delete a queue behind the bus's back."""
        async with raw_channel() as channel:
            await channel.queue_delete(queue)

    async def cleanup(self) -> None:
        """Close the buses, delete the queues and the exchange."""
        for bus in self.buses:
            await bus.close()
        async with raw_channel() as channel:
            for consumer in self.consumers:
                for kind in ("", "retry", "dead"):
                    await channel.queue_delete(self.queue(consumer, kind))
            await channel.exchange_delete(self.exchange)


@asynccontextmanager
async def raw_channel() -> AsyncIterator[aio_pika.abc.AbstractChannel]:
    """A plain aio-pika channel for looking behind the bus."""
    connection = await aio_pika.connect(RABBIT_URL)
    try:
        yield await connection.channel()
    finally:
        await connection.close()


@asynccontextmanager
async def rabbit_scope() -> AsyncIterator[Rabbit]:
    """A Rabbit for one test, cleaned up whatever happens."""
    rabbit = Rabbit()
    try:
        yield rabbit
    finally:
        await rabbit.cleanup()


async def rabbitmqctl(*args: str) -> str:
    """Run rabbitmqctl and return what it printed."""
    process = await asyncio.create_subprocess_exec(
        "rabbitmqctl", *args, stdout=asyncio.subprocess.PIPE
    )
    out, _ = await process.communicate()
    assert 0 == process.returncode
    return out.decode()


def event(routing_key: str, body: bytes = b"{}", **headers: str | int) -> OutgoingMessage:
    """An outgoing message with a fresh id."""
    return OutgoingMessage(uuid4().hex, routing_key, body, headers)


async def eventually(probe: Callable[[], Awaitable[T]], *, within: float = 10) -> T:
    """The first truthy result of `probe`, polled for up to `within` seconds."""
    deadline = time.monotonic() + within
    while True:
        result = await probe()
        if result or time.monotonic() > deadline:
            return result
        await asyncio.sleep(0.05)

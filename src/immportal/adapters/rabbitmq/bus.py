"""RabbitMqBus: the MessageBus port on RabbitMQ through aio-pika."""

import asyncio
from collections.abc import Sequence
from types import TracebackType
from typing import Self

import aio_pika
from aio_pika.abc import AbstractRobustConnection

from immportal.adapters.rabbitmq import dead_letters
from immportal.adapters.rabbitmq.aiormq_internals import check_aiormq_internals
from immportal.adapters.rabbitmq.batch import BatchPublisher
from immportal.adapters.rabbitmq.consumer import Consumer
from immportal.adapters.rabbitmq.errors import map_broker_errors
from immportal.adapters.rabbitmq.publisher import ConfirmingPublisher
from immportal.adapters.rabbitmq.topology import QueueNames, declare_consumer, declare_exchange
from immportal.integration.ports import (
    EXCHANGE,
    BrokerUnavailable,
    ConsumerSpec,
    Handler,
    IncomingMessage,
    OutgoingMessage,
)


class RabbitMqBus:
    """Events on a durable topic exchange; each consumer gets quorum queues, retries, dead letters.

    The connection is robust: after a broker loss aio-pika reconnects in the background
    and restores channels, prefetch, queues, bindings and consumers. While it is away,
    publishing raises BrokerUnavailable at once (at most after `confirm_timeout` if the
    loss comes mid-confirm) and `consume` keeps running. Handlers in progress when the
    channel drops are cancelled by aiormq; their messages were never acknowledged, so
    the broker delivers them again once the connection is back (at least once).
    """

    def __init__(
        self,
        url: str,
        *,
        exchange: str = EXCHANGE,
        queue_prefix: str = "immportal",
        confirm_timeout: float = 10.0,
    ) -> None:
        self._url = url
        self._exchange = exchange
        self._prefix = queue_prefix
        self._timeout = confirm_timeout
        self._connection: AbstractRobustConnection | None = None
        self._publisher: ConfirmingPublisher | None = None
        self._events: BatchPublisher | None = None
        self._closed = asyncio.Event()
        self._consuming: set[asyncio.Task[object]] = set()

    async def start(self) -> None:
        """Connect, open the confirming publish channel and declare the exchange."""
        if self._connection is not None:
            return
        with map_broker_errors("connect"):
            connection = await aio_pika.connect_robust(
                self._url,
                timeout=self._timeout,
                client_properties={"connection_name": f"immportal:{self._prefix}"},
            )
            try:
                channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
                check_aiormq_internals(await channel.get_underlay_channel())
                topic = await declare_exchange(channel, self._exchange)
            except BaseException:
                await connection.close()
                raise
        self._connection = connection
        self._publisher = ConfirmingPublisher(channel, timeout=self._timeout, exchanges=[topic])
        # Events on the same confirming channel, a batch per socket write.
        self._events = BatchPublisher(channel, self._exchange, timeout=self._timeout)
        self._closed.clear()

    async def close(self) -> None:
        """End running `consume` calls (they return), then close the connection."""
        self._closed.set()
        # Their channels close first: closing the connection under them cancels that.
        consuming = self._consuming - {asyncio.current_task()}
        if consuming:
            await asyncio.wait(consuming, timeout=self._timeout)
        connection, self._connection = self._connection, None
        self._publisher = self._events = None
        if connection is not None:
            await connection.close()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def publish(self, messages: Sequence[OutgoingMessage]) -> None:
        """Publish persistently; return once the broker confirmed all, else BrokerUnavailable."""
        if self._events is None:
            raise BrokerUnavailable("the RabbitMQ bus is not started")
        await self._events.publish(messages)

    async def declare(self, spec: ConsumerSpec) -> None:
        """Declare a consumer's queues and bindings, so events wait for it before it runs."""
        connection = self._open()[0]
        with map_broker_errors("declare"):
            channel = await connection.channel(publisher_confirms=False)
            try:
                await declare_consumer(channel, self._exchange, self._names(spec.name), spec)
            finally:
                await channel.close()

    async def consume(self, spec: ConsumerSpec, handler: Handler) -> None:
        """Deliver matching messages to `handler`, `spec.prefetch` at a time, until cancelled.

        Returns when the bus is closed. A handler cancelled with it leaves its message
        unacknowledged, so the broker delivers it again.
        """
        connection, publisher = self._open()
        names = self._names(spec.name)
        consumer = Consumer(spec, names, handler, publisher)
        with map_broker_errors("consume"):
            # A channel per consumer: prefetch applies per channel, and aio-pika restores
            # this channel's qos, queues, bindings and consumer after a reconnect.
            channel = await connection.channel(publisher_confirms=False)
        task = asyncio.current_task()
        if task is not None:
            self._consuming.add(task)
            task.add_done_callback(self._consuming.discard)
        try:
            with map_broker_errors("consume"):
                await channel.set_qos(prefetch_count=spec.prefetch)
                queue = await declare_consumer(channel, self._exchange, names, spec)
                await queue.consume(consumer.on_delivery, no_ack=False)
            await self._closed.wait()
        finally:
            await consumer.stop()
            if not channel.is_closed:
                with map_broker_errors("stop consuming"):
                    await channel.close()

    async def dead_letters(self, consumer: str) -> list[IncomingMessage]:
        """Messages parked after their last attempt, oldest first, left in place."""
        return await dead_letters.list_dead_letters(self._open()[0], self._names(consumer))

    async def replay_dead_letters(self, consumer: str) -> int:
        """Send every parked message back to the consumer's queue for a fresh set of attempts."""
        connection, publisher = self._open()
        return await dead_letters.replay_dead_letters(connection, self._names(consumer), publisher)

    def _names(self, consumer: str) -> QueueNames:
        return QueueNames.of(self._prefix, consumer)

    def _open(self) -> tuple[AbstractRobustConnection, ConfirmingPublisher]:
        if self._connection is None or self._publisher is None:
            raise BrokerUnavailable("the RabbitMQ bus is not started")
        return self._connection, self._publisher

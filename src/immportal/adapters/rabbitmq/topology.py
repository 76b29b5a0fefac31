"""The topic exchange and each consumer's main, retry and dead-letter queues."""

from dataclasses import dataclass
from typing import Any

from aio_pika import ExchangeType
from aio_pika.abc import AbstractChannel, AbstractExchange, AbstractQueue

from immportal.integration.ports import ConsumerSpec


@dataclass(frozen=True)
class QueueNames:
    """The three queues of one consumer."""

    main: str
    retry: str
    dead: str

    @classmethod
    def of(cls, prefix: str, consumer: str) -> "QueueNames":
        """`{prefix}.{consumer}` and its `.retry` and `.dead` companions."""
        main = f"{prefix}.{consumer}"
        return cls(main=main, retry=f"{main}.retry", dead=f"{main}.dead")


def _quorum(arguments: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"x-queue-type": "quorum", **(arguments or {})}


async def declare_exchange(channel: AbstractChannel, name: str) -> AbstractExchange:
    """Declare the durable topic exchange every integration event is published to."""
    return await channel.declare_exchange(name, ExchangeType.TOPIC, durable=True)


async def declare_dead_queue(channel: AbstractChannel, names: QueueNames) -> AbstractQueue:
    """Declare the queue where messages are parked after their last attempt."""
    return await channel.declare_queue(names.dead, durable=True, arguments=_quorum())


async def declare_consumer(
    channel: AbstractChannel, exchange: str, names: QueueNames, spec: ConsumerSpec
) -> AbstractQueue:
    """Declare the exchange and a consumer's queues and bindings; return the main queue."""
    topic = await declare_exchange(channel, exchange)
    await declare_dead_queue(channel, names)
    # The main queue never rejects on its own; this route only catches what the broker
    # gives up on (a quorum queue's delivery limit, RabbitMQ 4 defaults it to 20), so
    # such messages are parked instead of dropped.
    main = await channel.declare_queue(
        names.main,
        durable=True,
        arguments=_quorum({"x-dead-letter-exchange": "", "x-dead-letter-routing-key": names.dead}),
    )
    # The retry queue has no consumer: a copy waits out the TTL, then the broker moves it
    # back to the main queue. Dead-lettering stays at-most-once (the default) on purpose:
    # on RabbitMQ 3.10 an at-least-once queue deleted right after a node restart crashes
    # the broker-wide rabbit_fifo_dlx_sup, and every at-least-once queue then fails.
    await channel.declare_queue(
        names.retry,
        durable=True,
        arguments=_quorum(
            {
                "x-message-ttl": round(spec.retry_delay * 1000),
                "x-dead-letter-exchange": "",
                "x-dead-letter-routing-key": names.main,
            }
        ),
    )
    for pattern in spec.patterns:
        await main.bind(topic, routing_key=pattern)
    return main

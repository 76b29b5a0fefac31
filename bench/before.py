"""The relay's publisher before the batch publisher, kept as a baseline in the same run.

It is what `RabbitMqBus.publish` did until the batch publisher: every message built as
an `aio_pika.Message` (`to_amqp`) and sent with its own `Exchange.publish` on a
confirming channel (src's `ConfirmingPublisher`), all of a batch gathered, then every
confirm awaited. Same guarantee, one aio-pika/aiormq round of Python per message.
"""

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import aio_pika

from bench.broker import Corner
from immportal.adapters.rabbitmq.messages import to_amqp
from immportal.adapters.rabbitmq.publisher import ConfirmingPublisher, Envelope
from immportal.integration.ports import OutgoingMessage


class PerMessagePublisher:
    """The relay's earlier publisher: one aio-pika publish per message, confirms together."""

    def __init__(self, publisher: ConfirmingPublisher, exchange: str) -> None:
        self._publisher = publisher
        self._exchange = exchange

    async def publish(self, messages: Sequence[OutgoingMessage]) -> None:
        """Return once the broker confirmed all; else raise BrokerUnavailable."""
        await self._publisher.publish(
            [Envelope(self._exchange, m.routing_key, to_amqp(m)) for m in messages]
        )


@asynccontextmanager
async def per_message_publisher(corner: Corner) -> AsyncIterator[PerMessagePublisher]:
    """The earlier publisher on its own connection to the corner's exchange."""
    connection = await aio_pika.connect(corner.url)
    try:
        channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
        exchange = await channel.get_exchange(corner.exchange, ensure=False)
        confirming = ConfirmingPublisher(channel, timeout=30.0, exchanges=[exchange])
        yield PerMessagePublisher(confirming, corner.exchange)
    finally:
        await connection.close()

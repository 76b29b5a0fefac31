"""What-if (bench only): the relay on a leaner confirming publisher, as a suggested src fix.

`ConfirmingPublisher._send` publishes each message through aio-pika's
`Exchange.publish`, which calls aiormq's `basic_publish` with `wait=True`: each publish
holds the channel lock until the connection's writer task has written its frames to
the socket, so a batch's publishes go out one event-loop turn at a time. This
publisher calls `basic_publish` on the same kind of channel with `wait=False` (the
lock is released once the frames are queued) and builds the AMQP properties directly
instead of through `aio_pika.Message`. It still returns only once the broker has
confirmed every message, so the relay's guarantee is unchanged.
"""

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import cast

import aio_pika
from aiormq import Channel
from pamqp.commands import Basic

from bench.broker import Corner
from immportal.adapters.rabbitmq.errors import map_broker_errors
from immportal.integration.ports import BrokerUnavailable, OutgoingMessage

PERSISTENT = 2


class LeanPublisher:
    """Every message of a batch queued at once on one confirming channel, then all confirms."""

    def __init__(self, channel: Channel, exchange: str, timeout: float = 10.0) -> None:
        self._channel = channel
        self._exchange = exchange
        self._timeout = timeout

    async def publish(self, messages: Sequence[OutgoingMessage]) -> None:
        """Return once the broker confirmed all; else raise BrokerUnavailable."""
        if not messages:
            return
        now = datetime.now(UTC)
        with map_broker_errors("publish"):
            async with asyncio.timeout(self._timeout):
                results = await asyncio.gather(
                    *(self._send(message, now) for message in messages), return_exceptions=True
                )
        for result in results:
            if isinstance(result, BaseException):
                raise BrokerUnavailable(f"publish: {type(result).__name__}") from result

    async def _send(self, message: OutgoingMessage, now: datetime) -> None:
        properties = Basic.Properties(
            message_id=message.message_id,
            headers=dict(message.headers),
            content_type="application/json",
            delivery_mode=PERSISTENT,
            timestamp=now,
        )
        await self._channel.basic_publish(
            message.body,
            exchange=self._exchange,
            routing_key=message.routing_key,
            properties=properties,
            mandatory=False,
            wait=False,
        )


@asynccontextmanager
async def lean_publisher(corner: Corner) -> AsyncIterator[LeanPublisher]:
    """A lean publisher on its own connection to the corner's exchange."""
    connection = await aio_pika.connect(corner.url)
    try:
        channel = await connection.channel(publisher_confirms=True)
        underlay = cast(Channel, await channel.get_underlay_channel())
        yield LeanPublisher(underlay, corner.exchange)
    finally:
        await connection.close()

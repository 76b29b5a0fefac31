"""Publishing batches on one channel with publisher confirms, all in flight at once."""

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from aio_pika import Message
from aio_pika.abc import AbstractChannel, AbstractExchange

from immportal.adapters.rabbitmq.errors import map_broker_errors


@dataclass(frozen=True)
class Envelope:
    """A message and its address: an exchange ("" is the default one) and a routing key.

    `mandatory` makes an unroutable message an error instead of a silent drop; copies
    addressed to one of our queues use it, events on the topic exchange do not (an event
    nobody subscribes to is not a failure).
    """

    exchange: str
    routing_key: str
    message: Message
    mandatory: bool = False


class ConfirmingPublisher:
    """Sends every envelope, then waits for all the broker's confirms together."""

    def __init__(
        self,
        channel: AbstractChannel,
        *,
        timeout: float,
        exchanges: Sequence[AbstractExchange] = (),
    ) -> None:
        self._channel = channel
        self._timeout = timeout
        self._exchanges = {exchange.name: exchange for exchange in exchanges}

    async def publish(self, envelopes: Sequence[Envelope]) -> None:
        """Return once each envelope is confirmed; else raise BrokerUnavailable."""
        if not envelopes:
            return
        with map_broker_errors("publish"):
            async with asyncio.timeout(self._timeout):
                results = await asyncio.gather(
                    *(self._send(envelope) for envelope in envelopes), return_exceptions=True
                )
            for result in results:
                if isinstance(result, BaseException):
                    raise result

    async def _send(self, envelope: Envelope) -> None:
        exchange = await self._exchange(envelope.exchange)
        await exchange.publish(envelope.message, envelope.routing_key, mandatory=envelope.mandatory)

    async def _exchange(self, name: str) -> AbstractExchange:
        if not name:
            return self._channel.default_exchange
        if name not in self._exchanges:
            # Not declared on this channel: only a handle, without a round trip.
            self._exchanges[name] = await self._channel.get_exchange(name, ensure=False)
        return self._exchanges[name]

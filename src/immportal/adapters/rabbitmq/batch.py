"""Publishing a batch of events as one socket write, then waiting for the broker's confirms.

aio-pika hands each message to aiormq separately: a lock, several futures, a writer
task turn and a send() per message, about 100 us of Python each. Here the batch's
frames are encoded up front (`frames`) and queued to the connection's writer as one
payload, on the channel aio-pika keeps open (and reopens after a reconnect). The
delivery tags and their confirmations are registered in aiormq's channel under its
lock, exactly as its own `basic_publish` does, so its reader settles them from the
broker's Basic.Ack / Basic.Nack (`multiple` included) and a closing channel or
connection rejects them.
"""

import asyncio
import time
from collections.abc import Sequence

import aiormq
from aio_pika.abc import AbstractChannel
from aiormq.abc import ChannelFrame

from immportal.adapters.rabbitmq.errors import map_broker_errors
from immportal.adapters.rabbitmq.frames import publish_frames
from immportal.integration.ports import BrokerUnavailable, OutgoingMessage


class BatchPublisher:
    """Persistent, non-mandatory publishes to one exchange, confirmed a batch at a time."""

    def __init__(self, channel: AbstractChannel, exchange: str, *, timeout: float) -> None:
        self._channel = channel
        self._exchange = exchange
        self._timeout = timeout

    async def publish(self, messages: Sequence[OutgoingMessage]) -> None:
        """Return once the broker confirmed every message; else raise BrokerUnavailable.

        A Nack, a closed channel or connection, or no answer within the timeout all
        raise: some messages may have been delivered, none may be assumed so.
        """
        if not messages:
            return
        with map_broker_errors("publish"):
            async with asyncio.timeout(self._timeout):
                underlay = await self._channel.get_underlay_channel()
                if not isinstance(underlay, aiormq.Channel):
                    raise TypeError(f"not an aiormq channel: {underlay!r}")
                confirms = await self._send(underlay, messages)
                try:
                    await _confirmed(confirms)
                finally:
                    for confirm in confirms:
                        confirm.cancel()  # a no-op once settled; else aiormq drops it quietly

    async def _send(
        self, channel: aiormq.Channel, messages: Sequence[OutgoingMessage]
    ) -> list[asyncio.Future[object]]:
        number, exchange = channel.number, self._exchange
        max_body, now = channel.max_content_size, int(time.time())
        payload = b"".join(
            [f for m in messages for f in publish_frames(number, exchange, m, now, max_body)]
        )
        async with channel.lock:
            first = channel.delivery_tag + 1
            confirms: list[asyncio.Future[object]] = []
            for tag in range(first, first + len(messages)):
                confirm = channel.create_future()
                channel.confirmations[tag] = confirm
                confirms.append(confirm)
            channel.delivery_tag += len(messages)
            try:
                await channel.write_queue.put(ChannelFrame(payload=payload, should_close=False))
            except BaseException:
                # Never queued, so the broker never counted these tags: hand them back.
                channel.delivery_tag -= len(messages)
                for tag in range(first, first + len(messages)):
                    channel.confirmations.pop(tag, None)
                for confirm in confirms:
                    confirm.cancel()
                raise
        return confirms


async def _confirmed(confirms: list[asyncio.Future[object]]) -> None:
    try:
        for confirm in confirms:
            await confirm
    except asyncio.CancelledError as exc:
        task = asyncio.current_task()
        if task is not None and task.cancelling():
            raise
        # aiormq cancels pending confirmations when their channel closes normally.
        raise BrokerUnavailable("publish: the channel closed before the broker confirmed") from exc

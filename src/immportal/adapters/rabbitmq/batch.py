"""Publishing a batch of events as one socket write, then waiting for the broker's confirms.

aio-pika hands each message to aiormq separately: a lock, several futures, a writer
task turn and a send() per message, about 100 us of Python each. Here the batch's
frames are encoded up front (`frames`) and queued to the connection's writer as one
payload, on the channel aio-pika keeps open (and reopens after a reconnect). The
delivery tags and their confirmations are registered in aiormq's channel under its
lock, exactly as its own `basic_publish` does, so its reader settles them from the
broker's Basic.Ack / Basic.Nack (`multiple` included) and a closing channel or
connection rejects them. That state is private to aiormq: its release is pinned and
`aiormq_internals.check_aiormq_internals` verifies it when the bus starts.
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
                confirmed = await self._send(underlay, messages)
                try:
                    await _confirmed(confirmed)
                finally:
                    confirmed.cancel()  # a no-op once settled

    async def _send(
        self, channel: aiormq.Channel, messages: Sequence[OutgoingMessage]
    ) -> asyncio.Future[None]:
        number, exchange = channel.number, self._exchange
        max_body, now = channel.max_content_size, int(time.time())
        payload = b"".join(
            [f for m in messages for f in publish_frames(number, exchange, m, now, max_body)]
        )
        # Created by the channel, so that aiormq rejects it when the channel closes.
        confirmed: asyncio.Future[None] = channel.create_future()
        tally = _Tally(confirmed, len(messages))
        async with channel.lock:
            first = channel.delivery_tag + 1
            tags = range(first, first + len(messages))
            for tag in tags:
                channel.confirmations[tag] = _Confirmation(tally)  # type: ignore[assignment]  # see _Confirmation
            channel.delivery_tag += len(messages)
            try:
                await channel.write_queue.put(ChannelFrame(payload=payload, should_close=False))
            except BaseException:
                # Never queued, so the broker never counted these tags: hand them back.
                channel.delivery_tag -= len(messages)
                for tag in tags:
                    channel.confirmations.pop(tag, None)
                confirmed.cancel()
                raise
        return confirmed


class _Tally:
    """Counts a batch's acks into one future; the first Nack fails it."""

    __slots__ = ("future", "left")

    def __init__(self, future: asyncio.Future[None], count: int) -> None:
        self.future = future
        self.left = count

    def acked(self) -> None:
        self.left -= 1
        if self.left == 0 and not self.future.done():
            self.future.set_result(None)

    def failed(self, error: BaseException) -> None:
        if not self.future.done():
            self.future.set_exception(error)


class _Confirmation:
    """One delivery tag's entry in aiormq's `Channel.confirmations`.

    aiormq settles an entry with `set_result(Basic.Ack)` or `set_exception(DeliveryError)`
    after asking `done()` (and `cancelled()` only when done); a future per message would
    cost several callbacks each, so entries are these, counted into one future per batch.
    """

    __slots__ = ("_settled", "_tally")

    def __init__(self, tally: _Tally) -> None:
        self._tally = tally
        self._settled = False

    def done(self) -> bool:
        return self._settled

    def cancelled(self) -> bool:
        return False

    def set_result(self, _frame: object) -> None:
        self._settled = True
        self._tally.acked()

    def set_exception(self, error: BaseException) -> None:
        self._settled = True
        self._tally.failed(error)


async def _confirmed(confirmed: asyncio.Future[None]) -> None:
    try:
        await confirmed
    except asyncio.CancelledError as exc:
        task = asyncio.current_task()
        if task is not None and task.cancelling():
            raise
        # aiormq cancels pending confirmations when their channel closes normally.
        raise BrokerUnavailable("publish: the channel closed before the broker confirmed") from exc

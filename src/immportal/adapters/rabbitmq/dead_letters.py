"""Reading a consumer's parked messages without losing them, and sending them back.

Deliveries are held unacknowledged while reading, so one pass never sees a message
twice, and are then settled one by one: RabbitMQ 3.10 quorum queues settle only some
basic.get deliveries when acked or nacked with `multiple`.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aio_pika.abc import AbstractIncomingMessage, AbstractQueue, AbstractRobustConnection

from immportal.adapters.rabbitmq.errors import map_broker_errors
from immportal.adapters.rabbitmq.messages import copy_of, from_amqp, parking_order
from immportal.adapters.rabbitmq.publisher import ConfirmingPublisher, Envelope
from immportal.adapters.rabbitmq.topology import QueueNames, declare_dead_queue
from immportal.integration.ports import IncomingMessage

LIST_LIMIT = 10_000
REPLAY_BATCH = 256


@asynccontextmanager
async def _dead_queue(
    connection: AbstractRobustConnection, names: QueueNames
) -> AsyncIterator[AbstractQueue]:
    # A channel of its own: closing it hands back anything still unsettled, whatever happens.
    channel = await connection.channel(publisher_confirms=False)
    try:
        yield await declare_dead_queue(channel, names)
    finally:
        await channel.close()


async def _hold(queue: AbstractQueue, limit: int) -> list[AbstractIncomingMessage]:
    # Until the queue is empty rather than up to its declared message count: a quorum
    # queue counts a just-requeued message late, and reading holds each message once.
    held: list[AbstractIncomingMessage] = []
    while len(held) < limit:
        delivery = await queue.get(no_ack=False, fail=False)
        if delivery is None:
            break
        held.append(delivery)
    return held


async def list_dead_letters(
    connection: AbstractRobustConnection, names: QueueNames
) -> list[IncomingMessage]:
    """Up to LIST_LIMIT parked messages, oldest first, each handed back after reading."""
    with map_broker_errors("list dead letters"):
        async with _dead_queue(connection, names) as queue:
            held = await _hold(queue, LIST_LIMIT)
            for delivery in held:
                # basic.nack, not reject: RabbitMQ 4.3+ does not count it as a failed delivery.
                await delivery.nack(requeue=True)
    return [from_amqp(delivery) for delivery in sorted(held, key=parking_order)]


async def replay_dead_letters(
    connection: AbstractRobustConnection, names: QueueNames, publisher: ConfirmingPublisher
) -> int:
    """Move every parked message to the main queue at attempt 1; return how many moved.

    Each batch is confirmed on the main queue before its dead copies are acknowledged,
    so a failure part-way leaves the rest parked (and a message at most duplicated).
    A message that fails again and is parked during the replay is left for the next one.
    """
    moved: set[str] = set()
    count = 0
    with map_broker_errors("replay dead letters"):
        async with _dead_queue(connection, names) as queue:
            while held := await _hold(queue, REPLAY_BATCH):
                fresh = [d for d in held if d.message_id is None or d.message_id not in moved]
                again = [d for d in held if d.message_id is not None and d.message_id in moved]
                await publisher.publish(
                    [
                        Envelope("", names.main, copy_of(d, attempt=1), mandatory=True)
                        for d in sorted(fresh, key=parking_order)
                    ]
                )
                for delivery in fresh:
                    await delivery.ack()
                    moved.add(delivery.message_id or "")
                count += len(fresh)
                if again:
                    # Moved earlier in this replay and parked again: leave it for the next.
                    for delivery in again:
                        await delivery.nack(requeue=True)
                    break
    return count

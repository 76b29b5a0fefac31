"""The bus's batch publisher on a real broker: what arrives, and when it must not be trusted."""

import asyncio
from collections.abc import AsyncIterator, Mapping

import pytest
from aio_pika import DeliveryMode

from immportal.adapters.rabbitmq import RabbitMqBus
from immportal.adapters.rabbitmq.topology import declare_exchange
from immportal.integration.ports import BrokerUnavailable
from testkit.rabbitmq_support import Rabbit, event, rabbit_scope, rabbitmqctl, raw_channel


@pytest.fixture
async def rabbit() -> AsyncIterator[Rabbit]:
    """A unique exchange and queue prefix, deleted after the test."""
    async with rabbit_scope() as scope:
        yield scope


def own_headers(headers: Mapping[str, object]) -> dict[str, object]:
    """The publisher's headers, without the quorum queue's `x-delivery-count`."""
    return {key: value for key, value in headers.items() if not key.startswith("x-")}


async def close_connection(rabbit: Rabbit) -> None:
    """Have the broker force-close this test's bus connection (only this one)."""
    listed = await rabbitmqctl("list_connections", "pid", "client_properties", "--quiet")
    [pid] = [line.split("\t")[0] for line in listed.splitlines() if rabbit.prefix in line]
    await rabbitmqctl("close_connection", pid, "closed by a test")


async def publish_eventually(bus: RabbitMqBus, within: float = 30) -> None:
    """Publish one message, retrying while the bus reconnects."""
    async with asyncio.timeout(within):
        while True:
            try:
                await bus.publish([event("case.back")])
                return
            except BrokerUnavailable:
                await asyncio.sleep(0.2)


class TestDelivery:
    """Every message of a batch arrives as sent."""

    async def test_a_batch_arrives_in_order_with_ids_headers_and_persistence(
        self, rabbit: Rabbit
    ) -> None:
        """500 messages in one write: same order, ids, keys, bodies, headers; persistent JSON."""
        bus = await rabbit.bus()
        await bus.declare(rabbit.spec("order", "case.#"))
        sent = [event(f"case.n{n % 7}", b'{"n": %d}' % n, position=n, note="x") for n in range(500)]

        await bus.publish(sent)

        async with raw_channel() as channel:
            queue = await channel.declare_queue(rabbit.queue("order"), passive=True)
            got = [await queue.get(no_ack=True) for _ in sent]
        assert [(m.message_id, m.routing_key, m.body, dict(m.headers)) for m in sent] == [
            (g.message_id, g.routing_key, g.body, own_headers(g.headers)) for g in got
        ]
        assert {(DeliveryMode.PERSISTENT, "application/json")} == {
            (g.delivery_mode, g.content_type) for g in got
        }
        assert all(g.timestamp is not None for g in got)

    async def test_a_body_larger_than_a_frame_arrives_whole(self, rabbit: Rabbit) -> None:
        """A 300 kB body spans several frames and arrives intact, between two small ones."""
        bus = await rabbit.bus()
        await bus.declare(rabbit.spec("big", "case.#"))
        big = bytes(range(256)) * 1200

        await bus.publish([event("case.a"), event("case.big", big), event("case.b")])

        async with raw_channel() as channel:
            queue = await channel.declare_queue(rabbit.queue("big"), passive=True)
            bodies = [(await queue.get(no_ack=True)).body for _ in range(3)]
        assert [b"{}", big, b"{}"] == bodies

    async def test_an_event_nobody_subscribes_to_is_confirmed(self, rabbit: Rabbit) -> None:
        """Not mandatory, as before: an unroutable event is no failure."""
        bus = await rabbit.bus()

        await bus.publish([event("nobody.listens")])


class TestNotConfirmed:
    """Anything short of the broker's Ack for every message raises BrokerUnavailable."""

    async def test_a_nack_raises(self, rabbit: Rabbit) -> None:
        """A queue that rejects publishes when full makes the broker Nack; the bus carries on."""
        bus = await rabbit.bus()
        full = f"{rabbit.prefix}.full"
        async with raw_channel() as channel:
            queue = await channel.declare_queue(
                full, arguments={"x-max-length": 1, "x-overflow": "reject-publish"}
            )
            await queue.bind(rabbit.exchange, routing_key="case.full")
        try:
            with pytest.raises(BrokerUnavailable, match="DeliveryError"):
                await bus.publish([event("case.full") for _ in range(3)])
            await bus.publish([event("case.other")])
        finally:
            await rabbit.delete_queue(full)

    async def test_a_connection_closed_by_the_broker_raises_then_recovers(
        self, rabbit: Rabbit
    ) -> None:
        """After a forced close publishing fails at once; after the reconnect it works again."""
        bus = await rabbit.bus(confirm_timeout=5)
        await bus.declare(rabbit.spec("forced", "case.#"))
        await bus.publish([event("case.before")])

        await close_connection(rabbit)

        with pytest.raises(BrokerUnavailable):
            await bus.publish([event("case.during")])
        await publish_eventually(bus)
        assert 2 <= await rabbit.message_count(rabbit.queue("forced"))

    async def test_a_channel_closed_by_the_broker_raises_then_recovers(
        self, rabbit: Rabbit
    ) -> None:
        """With its exchange gone the broker closes the channel mid-batch, confirming nothing;
        once the exchange is back, the reopened channel publishes again."""
        bus = await rabbit.bus()
        await bus.declare(rabbit.spec("reopened", "case.#"))
        async with raw_channel() as channel:
            await channel.exchange_delete(rabbit.exchange)

            with pytest.raises(BrokerUnavailable, match="NOT_FOUND"):
                await bus.publish([event("case.lost") for _ in range(2000)])
            await declare_exchange(channel, rabbit.exchange)
            await bus.declare(rabbit.spec("reopened", "case.#"))
        await publish_eventually(bus)

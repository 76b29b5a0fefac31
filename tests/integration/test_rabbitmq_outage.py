"""RabbitMqBus through a broker outage: the RabbitMQ app is stopped and started again."""

import asyncio
import time
from collections.abc import AsyncIterator

import pytest

from immportal.adapters.rabbitmq import RabbitMqBus
from immportal.integration.ports import BrokerUnavailable, IncomingMessage, OutgoingMessage
from testkit.rabbitmq_support import (
    RABBIT_URL,
    Rabbit,
    Recorder,
    event,
    eventually,
    rabbit_scope,
    rabbitmqctl,
)

# Stops the shared broker or kills workers mid-stream: run alone, after the rest.
pytestmark = pytest.mark.serial


@pytest.fixture
async def rabbit() -> AsyncIterator[Rabbit]:
    """A unique exchange and queue prefix, deleted after the test."""
    async with rabbit_scope() as scope:
        yield scope


async def published(bus: RabbitMqBus, message: OutgoingMessage) -> bool:
    """Whether the broker confirmed the message (False while it is unavailable)."""
    try:
        await bus.publish([message])
    except BrokerUnavailable:
        return False
    return True


@pytest.mark.slow
class TestBrokerOutage:
    """The broker goes away for a few seconds and comes back."""

    async def test_publishing_fails_while_down_and_consuming_resumes(self, rabbit: Rabbit) -> None:
        """Publishing raises; a running handler finishes; its message and new work arrive."""
        bus = await rabbit.bus(f"{RABBIT_URL}?reconnect_interval=0.5", confirm_timeout=2)
        gate = asyncio.Event()
        interrupted: list[str] = []

        async def recorded(message: IncomingMessage) -> None:
            await recorder(message)
            if message.body == b"slow" and not gate.is_set():
                try:
                    await gate.wait()
                except asyncio.CancelledError:
                    interrupted.append(message.message_id)
                    raise

        recorder = Recorder()
        before, slow, after = event("case.before"), event("case.slow", b"slow"), event("case.after")
        async with rabbit.consuming(bus, rabbit.spec("outage", "case.*"), recorded):
            await bus.publish([before, slow])
            await recorder.wait_for(2)
            try:
                await rabbitmqctl("stop_app")
                started = time.monotonic()
                with pytest.raises(BrokerUnavailable):
                    await bus.publish([event("case.during")])
                failed_within = time.monotonic() - started
                gate.set()
            finally:
                await rabbitmqctl("start_app")
                await rabbitmqctl("await_startup")
            down_for = time.monotonic() - started
            assert await eventually(lambda: published(bus, after), within=20)
            await recorder.wait_until(lambda seen: after.message_id in {m.message_id for m in seen})
            await recorder.wait_for(4)

        print(f"publish failed after {failed_within:.2f} s; broker app down {down_for:.2f} s")
        assert failed_within <= 2.5
        # The handler under way was not cut off (its effect completes and is recorded);
        # its lost ack makes the broker deliver the message again: at least once.
        assert [] == interrupted
        assert sorted([before.message_id, slow.message_id, slow.message_id, after.message_id]) == (
            sorted(m.message_id for m in recorder.seen)
        )

"""RabbitMqBus dead letters on a real broker: parking, listing in place, replaying."""

import time
from collections.abc import AsyncIterator, Awaitable
from dataclasses import replace

import pytest

from immportal.integration.ports import IncomingMessage
from testkit.rabbitmq_support import Rabbit, Recorder, event, eventually, rabbit_scope


@pytest.fixture
async def rabbit() -> AsyncIterator[Rabbit]:
    """A unique exchange and queue prefix, deleted after the test."""
    async with rabbit_scope() as scope:
        yield scope


class TestParking:
    """A message that keeps failing is parked after its last attempt."""

    async def test_poison_message_is_parked_with_its_error(self, rabbit: Rabbit) -> None:
        """After max_attempts the message waits in the dead queue, marked with the error class."""
        bus = await rabbit.bus()
        recorder = Recorder(fail=lambda _: True)
        sent = event("case.submitted", b'{"name": "Jane Doe"}', tenant="uscis")
        spec = rabbit.spec("poison", "case.*", max_attempts=3, retry_delay=0.2)
        async with rabbit.consuming(bus, spec, recorder):
            await bus.publish([sent])
            [dead] = await eventually(lambda: bus.dead_letters("poison"))

        headers = dict(dead.headers)
        parked_at = headers.pop("x-parked-at")
        expected = IncomingMessage(
            sent.message_id,
            "case.submitted",
            b'{"name": "Jane Doe"}',
            {
                "tenant": "uscis",
                "x-last-error": "ValueError",
                "x-last-error-note": "ValueError on attempt 3 of 3",
            },
            attempt=3,
        )
        assert expected == replace(dead, headers=headers)
        assert isinstance(parked_at, int)
        assert abs(time.time() - parked_at / 1_000_000) < 60
        assert [1, 2, 3] == [m.attempt for m in recorder.seen]

    async def test_the_error_text_is_not_recorded(self, rabbit: Rabbit) -> None:
        """The exception's message (which may quote personal data) stays out of the headers."""
        bus = await rabbit.bus()
        spec = rabbit.spec("private", "case.*", max_attempts=1)
        async with rabbit.consuming(bus, spec, Recorder(fail=lambda _: True)):
            await bus.publish([event("case.submitted")])
            [dead] = await eventually(lambda: bus.dead_letters("private"))

        assert not any("Jane" in str(value) for value in dead.headers.values())


class TestListing:
    """Listing dead letters leaves them where they are."""

    async def test_listing_twice_gives_the_same_messages_oldest_first(self, rabbit: Rabbit) -> None:
        """Three parked messages are listed in parking order, every time."""
        bus = await rabbit.bus()
        sent = [event(f"case.n{n}") for n in range(3)]
        spec = rabbit.spec("listed", "case.*", max_attempts=1, prefetch=1)
        async with rabbit.consuming(bus, spec, Recorder(fail=lambda _: True)):
            await bus.publish(sent)
            await eventually(lambda: _has(bus.dead_letters("listed"), 3))

        listings = [await bus.dead_letters("listed") for _ in range(3)]

        ids = [m.message_id for m in sent]
        assert [ids, ids, ids] == [[m.message_id for m in listed] for listed in listings]
        assert 3 == await rabbit.message_count(rabbit.queue("listed", "dead"))

    async def test_a_consumer_never_seen_has_no_dead_letters(self, rabbit: Rabbit) -> None:
        """Unknown consumers list nothing and replay nothing."""
        bus = await rabbit.bus()
        rabbit.consumers.add("nobody")

        assert ([], 0) == (
            await bus.dead_letters("nobody"),
            await bus.replay_dead_letters("nobody"),
        )


class TestReplay:
    """Replaying sends parked messages back for a fresh set of attempts."""

    async def test_replayed_message_is_handled_once_the_handler_is_fixed(
        self, rabbit: Rabbit
    ) -> None:
        """Replay moves each message back at attempt 1, without its failure headers."""
        bus = await rabbit.bus()
        broken = True
        recorder = Recorder(fail=lambda _: broken)
        sent = event("case.submitted", tenant="uscis")
        spec = rabbit.spec("fixed", "case.*", max_attempts=2, retry_delay=0.2)
        async with rabbit.consuming(bus, spec, recorder):
            await bus.publish([sent])
            await eventually(lambda: bus.dead_letters("fixed"))
            broken = False

            replayed = await bus.replay_dead_letters("fixed")
            await recorder.wait_for(3)

        assert 1 == replayed
        assert (
            IncomingMessage(
                sent.message_id, "case.submitted", b"{}", {"tenant": "uscis"}, attempt=1
            )
            == recorder.seen[2]
        )
        assert [] == await bus.dead_letters("fixed")
        assert 3 == len(recorder.seen)

    async def test_replay_moves_every_message(self, rabbit: Rabbit) -> None:
        """More messages than one replay batch are all moved to the main queue."""
        bus = await rabbit.bus()
        spec = rabbit.spec("many", "case.*", max_attempts=1, prefetch=100)
        recorder = Recorder(fail=lambda _: True)
        async with rabbit.consuming(bus, spec, recorder):
            await bus.publish([event("case.submitted") for _ in range(300)])
            await eventually(lambda: _has(bus.dead_letters("many"), 300))

        assert 300 == await bus.replay_dead_letters("many")
        assert (300, 0) == (
            await rabbit.message_count(rabbit.queue("many")),
            await rabbit.message_count(rabbit.queue("many", "dead")),
        )


async def _has(listing: Awaitable[list[IncomingMessage]], count: int) -> bool:
    return count == len(await listing)

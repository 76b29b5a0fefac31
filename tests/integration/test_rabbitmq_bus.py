"""RabbitMqBus on a real broker: publishing, routing, prefetch, retries and topology."""

import asyncio
import time
from collections.abc import AsyncIterator

import pytest
from aio_pika import DeliveryMode

from immportal.adapters.rabbitmq import RabbitMqBus
from immportal.integration.ports import BrokerUnavailable, IncomingMessage
from testkit.rabbitmq_support import (
    RABBIT_URL,
    Rabbit,
    Recorder,
    event,
    eventually,
    rabbit_scope,
    rabbitmqctl,
)


@pytest.fixture
async def rabbit() -> AsyncIterator[Rabbit]:
    """A unique exchange and queue prefix, deleted after the test."""
    async with rabbit_scope() as scope:
        yield scope


class TestRoundtrip:
    """Publishing and consuming one message."""

    async def test_consumer_sees_id_key_body_and_headers(self, rabbit: Rabbit) -> None:
        """What was published arrives unchanged, on its first attempt."""
        bus = await rabbit.bus()
        recorder = Recorder()
        sent = event("case.submitted", b'{"case": 1}', **{"event-type": "CaseSubmitted", "v": 2})
        async with rabbit.consuming(bus, rabbit.spec("notify", "case.*"), recorder):
            await bus.publish([sent])
            [got] = await recorder.wait_for(1)

        expected = IncomingMessage(
            sent.message_id,
            "case.submitted",
            b'{"case": 1}',
            {"event-type": "CaseSubmitted", "v": 2},
        )
        assert expected == got

    async def test_messages_are_persistent_json_with_a_timestamp(self, rabbit: Rabbit) -> None:
        """The stored message is persistent, JSON, stamped, with its id."""
        bus = await rabbit.bus()
        await bus.declare(rabbit.spec("store", "#"))
        sent = event("case.submitted")
        await bus.publish([sent])

        stored = await rabbit.get(rabbit.queue("store"))

        assert (DeliveryMode.PERSISTENT, "application/json", sent.message_id) == (
            stored.delivery_mode,
            stored.content_type,
            stored.message_id,
        )
        assert stored.timestamp is not None

    async def test_publishing_nothing_returns(self, rabbit: Rabbit) -> None:
        """An empty batch is confirmed trivially."""
        bus = await rabbit.bus()
        await bus.publish([])

    async def test_a_thousand_messages_are_confirmed_together(self, rabbit: Rabbit) -> None:
        """A batch of 1,000 is confirmed in one go and every message is queued."""
        bus = await rabbit.bus()
        await bus.declare(rabbit.spec("bulk", "case.#"))
        batch = [event(f"case.n{n}") for n in range(1000)]

        started = time.perf_counter()
        await bus.publish(batch)
        elapsed = time.perf_counter() - started

        assert 1000 == await rabbit.message_count(rabbit.queue("bulk"))
        print(f"1000 confirmed publishes in {elapsed:.3f} s")
        assert elapsed < 5


class TestRouting:
    """Topic patterns decide which consumer gets what."""

    async def test_each_consumer_gets_only_matching_keys(self, rabbit: Rabbit) -> None:
        """`case.*` takes one word after `case`, `account.#` takes any depth."""
        bus = await rabbit.bus()
        cases, accounts = Recorder(), Recorder()
        keys = ["case.submitted", "case.decision.issued", "account.created", "account.mfa.on"]
        async with (
            rabbit.consuming(bus, rabbit.spec("cases", "case.*"), cases),
            rabbit.consuming(bus, rabbit.spec("accounts", "account.#"), accounts),
        ):
            await bus.publish([event(key) for key in keys])
            await cases.wait_for(1)
            await accounts.wait_for(2)
            await asyncio.sleep(0.3)

        assert ["case.submitted"] == [m.routing_key for m in cases.seen]
        assert ["account.created", "account.mfa.on"] == sorted(m.routing_key for m in accounts.seen)


class TestPrefetch:
    """The consumer's prefetch bounds the deliveries in progress."""

    async def test_no_more_than_prefetch_handlers_run_at_once(self, rabbit: Rabbit) -> None:
        """With prefetch 3 and a blocking handler, 3 run and the rest wait."""
        bus = await rabbit.bus()
        release = asyncio.Event()
        changed = asyncio.Condition()
        running, peak, done = 0, 0, 0

        async def blocking(message: IncomingMessage) -> None:
            nonlocal running, peak, done
            async with changed:
                running += 1
                peak = max(peak, running)
                changed.notify_all()
            await release.wait()
            async with changed:
                running, done = running - 1, done + 1
                changed.notify_all()

        spec = rabbit.spec("slow", "case.#", prefetch=3)
        async with rabbit.consuming(bus, spec, blocking):
            await bus.publish([event("case.submitted") for _ in range(10)])
            async with asyncio.timeout(10), changed:
                await changed.wait_for(lambda: running == 3)
            await asyncio.sleep(0.5)
            peak_while_blocked = peak
            release.set()
            async with asyncio.timeout(10), changed:
                await changed.wait_for(lambda: done == 10)

        assert (3, 3) == (peak_while_blocked, peak)


class TestRetries:
    """A failing handler is retried after the delay."""

    async def test_failing_twice_then_succeeding_sees_attempts_one_two_three(
        self, rabbit: Rabbit
    ) -> None:
        """Attempts count 1, 2, 3, with the same id, routing key and headers each time."""
        bus = await rabbit.bus()
        recorder = Recorder(fail=lambda message: message.attempt < 3)
        sent = event("case.submitted", tenant="uscis")
        spec = rabbit.spec("flaky", "case.*", retry_delay=0.2, max_attempts=5)
        async with rabbit.consuming(bus, spec, recorder):
            await bus.publish([sent])
            seen = await recorder.wait_for(3)
            await asyncio.sleep(0.5)

        assert [1, 2, 3] == [m.attempt for m in recorder.seen]
        assert {(sent.message_id, "case.submitted", (("tenant", "uscis"),))} == {
            (m.message_id, m.routing_key, tuple(m.headers.items())) for m in seen
        }
        assert 0 == await rabbit.message_count(rabbit.queue("flaky", "dead"))

    async def test_a_retry_that_cannot_be_stored_is_requeued(self, rabbit: Rabbit) -> None:
        """With the retry queue gone the original is requeued; retries resume once it is back."""
        bus = await rabbit.bus()
        recorder = Recorder(fail=lambda message: message.attempt < 2)
        spec = rabbit.spec("stuck", "case.*", retry_delay=0.2, max_attempts=5)
        async with rabbit.consuming(bus, spec, recorder):
            await rabbit.delete_queue(rabbit.queue("stuck", "retry"))
            await bus.publish([event("case.submitted")])
            await recorder.wait_for(3)
            await bus.declare(spec)
            await recorder.wait_until(lambda seen: seen[-1].attempt == 2)
            await asyncio.sleep(0.3)

        attempts = [m.attempt for m in recorder.seen]
        assert [2] == attempts[-1:]
        assert {1} == set(attempts[:-1])
        assert 3 <= len(attempts[:-1])


class TestTopology:
    """Exchange and queues as RabbitMQ reports them."""

    async def test_queues_are_durable_quorum_queues(self, rabbit: Rabbit) -> None:
        """Main, retry and dead-letter queues are durable quorum queues."""
        bus = await rabbit.bus()
        await bus.declare(rabbit.spec("shape", "case.*"))

        listed = await rabbitmqctl("list_queues", "name", "type", "durable", "--quiet")

        rows = {tuple(line.split()) for line in listed.splitlines()}
        ours = {row for row in rows if row and row[0].startswith(rabbit.prefix)}
        assert {
            (rabbit.queue("shape"), "quorum", "true"),
            (rabbit.queue("shape", "retry"), "quorum", "true"),
            (rabbit.queue("shape", "dead"), "quorum", "true"),
        } == ours

    async def test_exchange_is_a_durable_topic_exchange(self, rabbit: Rabbit) -> None:
        """The events exchange is durable and of type topic."""
        await rabbit.bus()

        listed = await rabbitmqctl("list_exchanges", "name", "type", "durable", "--quiet")

        assert (rabbit.exchange, "topic", "true") in {
            tuple(line.split()) for line in listed.splitlines()
        }

    async def test_declaring_twice_is_harmless(self, rabbit: Rabbit) -> None:
        """Declaring the same consumer again keeps its queued messages."""
        bus = await rabbit.bus()
        spec = rabbit.spec("again", "case.*")
        await bus.declare(spec)
        await bus.publish([event("case.submitted")])
        await bus.declare(spec)

        assert 1 == await rabbit.message_count(rabbit.queue("again"))


class TestLifecycle:
    """Starting and closing the bus."""

    async def test_consume_returns_when_the_bus_closes(self, rabbit: Rabbit) -> None:
        """Closing the bus ends its consumers without an error."""
        bus = RabbitMqBus(RABBIT_URL, exchange=rabbit.exchange, queue_prefix=rabbit.prefix)
        async with bus:
            spec = rabbit.spec("closing", "case.*")
            await bus.declare(spec)
            task = asyncio.create_task(bus.consume(spec, Recorder()))
            await eventually(lambda: rabbit.consumer_count(rabbit.queue("closing")))

        async with asyncio.timeout(5):
            await task

    async def test_a_closed_bus_refuses_to_publish(self, rabbit: Rabbit) -> None:
        """After close, publishing raises BrokerUnavailable."""
        bus = await rabbit.bus()
        await bus.close()

        with pytest.raises(BrokerUnavailable):
            await bus.publish([event("case.submitted")])


class TestUnavailable:
    """Failures reach callers as BrokerUnavailable."""

    async def test_starting_against_nothing_raises(self) -> None:
        """No broker on the port: BrokerUnavailable, from the socket error."""
        bus = RabbitMqBus("amqp://guest:guest@127.0.0.1:1/", confirm_timeout=2)

        with pytest.raises(BrokerUnavailable) as raised:
            await bus.start()

        assert isinstance(raised.value.__cause__, OSError)

    async def test_publishing_before_start_raises(self) -> None:
        """A bus that was never started refuses to publish."""
        with pytest.raises(BrokerUnavailable):
            await RabbitMqBus("amqp://guest:guest@127.0.0.1:5672/").publish([event("case.x")])

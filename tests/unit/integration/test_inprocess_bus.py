"""The in-process bus behaves like the broker: routing, prefetch, retries, dead letters."""

import asyncio
from collections.abc import Callable

import pytest

from immportal.integration.inprocess import InProcessBus, pattern_matches
from immportal.integration.ports import ConsumerSpec, IncomingMessage, OutgoingMessage


def message(n: int, key: str = "case.accepted") -> OutgoingMessage:
    """A small message with a unique id."""
    return OutgoingMessage(f"m-{n}", key, b"{}", {"position": n})


async def settle(condition: Callable[[], bool], seconds: float = 5) -> None:
    """Wait until a callable returns true."""
    async with asyncio.timeout(seconds):
        while not condition():  # noqa: ASYNC110 - polling state the bus has no event for
            await asyncio.sleep(0.01)


class TestPatterns:
    """AMQP topic patterns."""

    @pytest.mark.parametrize(
        ("pattern", "key", "expected"),
        [
            ("case.*", "case.accepted", True),
            ("case.*", "case.a.b", False),
            ("case.#", "case", True),
            ("case.#", "case.a.b", True),
            ("#", "anything.at.all", True),
            ("*.accepted", "case.accepted", True),
            ("a.#.z", "a.b.c.z", True),
            ("a.#.z", "a.bz", False),
            ("account.#", "case.accepted", False),
        ],
    )
    def test_matching(self, pattern: str, key: str, expected: bool) -> None:
        """`*` is one word, `#` zero or more."""
        assert expected == pattern_matches(pattern, key)


class TestDelivery:
    """Consumers get what matches, retry failures, park poison messages."""

    async def test_routes_by_pattern(self) -> None:
        """Only matching keys reach the consumer."""
        bus, seen = InProcessBus(), []

        async def handle(m: IncomingMessage) -> None:
            seen.append(m.routing_key)

        task = asyncio.create_task(bus.consume(ConsumerSpec("c", ("case.*",)), handle))
        await asyncio.sleep(0)
        await bus.publish([message(1), message(2, "account.created"), message(3, "case.x")])
        await settle(lambda: len(seen) == 2)
        task.cancel()
        assert ["case.accepted", "case.x"] == seen

    async def test_retries_then_dead_letters_then_replays(self) -> None:
        """A failing message is retried, parked after max attempts, and replayable."""
        bus, attempts = InProcessBus(), []
        broken = True

        async def handle(m: IncomingMessage) -> None:
            attempts.append(m.attempt)
            if broken:
                raise ValueError("poison")

        spec = ConsumerSpec("c", ("#",), max_attempts=3, retry_delay=0.01)
        task = asyncio.create_task(bus.consume(spec, handle))
        await asyncio.sleep(0)
        await bus.publish([message(1)])
        await settle(lambda: len(attempts) == 3)
        await settle(lambda: bool(bus._queues["c"].dead))
        parked = await bus.dead_letters("c")
        broken = False
        replayed = await bus.replay_dead_letters("c")
        await settle(lambda: len(attempts) == 4)
        task.cancel()
        await bus.close()
        assert [1, 2, 3, 1] == attempts
        assert (["m-1"], "ValueError", 1) == (
            [m.message_id for m in parked],
            parked[0].headers["x-last-error"],
            replayed,
        )

    async def test_prefetch_bounds_concurrency(self) -> None:
        """No more than `prefetch` messages are in a handler at once."""
        bus, running, peak = InProcessBus(), [0], [0]
        release = asyncio.Event()

        async def handle(_m: IncomingMessage) -> None:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
            await release.wait()
            running[0] -= 1

        task = asyncio.create_task(bus.consume(ConsumerSpec("c", ("#",), prefetch=3), handle))
        await asyncio.sleep(0)
        await bus.publish([message(n) for n in range(10)])
        await settle(lambda: running[0] == 3)
        await asyncio.sleep(0.05)
        release.set()
        await settle(lambda: running[0] == 0 and bus._queues["c"].pending.empty())
        task.cancel()
        assert 3 == peak[0]

"""The relay: in order, position only after confirmation, one leader at a time."""

import asyncio
from collections.abc import Sequence

from pipeline_support import open_cases
from projection_support import wait_until

from immportal.integration.inprocess import InProcessBus
from immportal.integration.ports import BrokerUnavailable, OutgoingMessage
from immportal.integration.relay import RELAY_NAME, Relay
from immportal.runtime import Runtime


class RecordingPublisher:
    """A publisher that can be made to fail, remembering what it confirmed."""

    def __init__(self) -> None:
        self.confirmed: list[OutgoingMessage] = []
        self.down = False

    async def publish(self, messages: Sequence[OutgoingMessage]) -> None:
        """Confirm everything, unless the broker is 'down'."""
        if self.down:
            raise BrokerUnavailable("broker down")
        self.confirmed.extend(messages)


def new_relay(runtime: Runtime, publisher: RecordingPublisher | InProcessBus) -> Relay:
    """A relay on this runtime's database."""
    return Relay(
        dsn=runtime.dsn,
        role=runtime.settings.database_app_role,
        store=runtime.store,
        notifier=runtime.notifier,
        publisher=publisher,
        batch_size=7,
        idle_wait=0.05,
    )


async def recorded_position(runtime: Runtime) -> int:
    """The relay's position as stored."""
    value = await runtime.pool.fetchval(
        "SELECT coalesce(max(position), 0) FROM relay_positions WHERE name = $1", RELAY_NAME
    )
    return int(value)


class TestRelay:
    """What the relay promises."""

    async def test_publishes_in_log_order_with_headers(self, runtime: Runtime) -> None:
        """Every event is published once, in position order, with its headers."""
        publisher = RecordingPublisher()
        task = asyncio.create_task(new_relay(runtime, publisher).run())
        await open_cases(runtime, 3)
        head = await runtime.store.head()
        await wait_until(lambda: _position_is(runtime, head))
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        positions = [m.headers["position"] for m in publisher.confirmed]
        assert list(range(1, head + 1)) == positions
        first = publisher.confirmed[0]
        assert ("case.started", 1, 1) == (
            first.routing_key,
            first.headers["version"],
            first.headers["schema_version"],
        )

    async def test_position_waits_for_confirmation(self, runtime: Runtime) -> None:
        """While the broker is down nothing is recorded; afterwards all is published."""
        publisher = RecordingPublisher()
        publisher.down = True
        task = asyncio.create_task(new_relay(runtime, publisher).run())
        await open_cases(runtime, 2)
        await asyncio.sleep(0.5)
        during = await recorded_position(runtime)
        publisher.down = False
        head = await runtime.store.head()
        await wait_until(lambda: _position_is(runtime, head))
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        assert 0 == during
        assert list(range(1, head + 1)) == [m.headers["position"] for m in publisher.confirmed]

    async def test_standby_takes_over(self, runtime: Runtime) -> None:
        """Two relays: one leads; when it stops, the other carries on from its position."""
        first_publisher, second_publisher = RecordingPublisher(), RecordingPublisher()
        first, second = new_relay(runtime, first_publisher), new_relay(runtime, second_publisher)
        leading = asyncio.create_task(first.run())
        await wait_until(lambda: _leads(first))
        standing_by = asyncio.create_task(second.run())
        await open_cases(runtime, 2)
        middle = await runtime.store.head()
        await wait_until(lambda: _position_is(runtime, middle))
        leading.cancel()
        await asyncio.gather(leading, return_exceptions=True)
        await open_cases(runtime, 2)
        head = await runtime.store.head()
        await wait_until(lambda: _position_is(runtime, head))
        standing_by.cancel()
        await asyncio.gather(standing_by, return_exceptions=True)
        assert [] == [m for m in second_publisher.confirmed if m.headers["position"] <= middle]
        assert list(range(middle + 1, head + 1)) == [
            m.headers["position"] for m in second_publisher.confirmed
        ]


async def _position_is(runtime: Runtime, position: int) -> bool:
    return await recorded_position(runtime) == position


async def _leads(relay: Relay) -> bool:
    return relay.is_leader

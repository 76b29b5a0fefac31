"""The relay: in order, position only after confirmation, one leader at a time."""

import asyncio
from collections.abc import Sequence

import asyncpg

from immportal.app.container import Runtime
from immportal.integration.inprocess import InProcessBus
from immportal.integration.ports import BrokerUnavailable, OutgoingMessage
from immportal.processes.relay import RELAY_NAME, Relay
from testkit.pipeline_support import open_cases
from testkit.projection_support import wait_until


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


class GatedPublisher:
    """Holds each publish until the test confirms or fails it, as a slow broker would."""

    def __init__(self) -> None:
        self.batches: list[list[OutgoingMessage]] = []
        self._gates: list[asyncio.Future[None]] = []

    async def publish(self, messages: Sequence[OutgoingMessage]) -> None:
        """Wait for the test's verdict on this batch."""
        gate = asyncio.get_running_loop().create_future()
        self.batches.append(list(messages))
        self._gates.append(gate)
        await gate

    def waiting(self) -> int:
        """How many publishes await their verdict."""
        return sum(not gate.done() for gate in self._gates)

    def settle(self, index: int, error: Exception | None = None) -> None:
        """Confirm the index-th publish, or fail it with `error`."""
        if error is None:
            self._gates[index].set_result(None)
        else:
            self._gates[index].set_exception(error)

    def confirm_all(self) -> None:
        """Confirm every publish still waiting."""
        for gate in self._gates:
            if not gate.done():
                gate.set_result(None)


def new_relay(
    runtime: Runtime, publisher: RecordingPublisher | InProcessBus | GatedPublisher
) -> Relay:
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


class TestBatchesInFlight:
    """The next batch is published while the broker confirms one, in order, never a third."""

    async def test_two_batches_wait_for_confirms_and_positions_follow_in_order(
        self, runtime: Runtime
    ) -> None:
        """Two publishes wait at once; the first confirm records its batch, a third follows."""
        await open_cases(runtime, 3)
        head = await runtime.store.head()
        publisher = GatedPublisher()
        task = asyncio.create_task(new_relay(runtime, publisher).run())
        await wait_until(lambda: _waiting(publisher, 2))
        await asyncio.sleep(0.3)
        held = (len(publisher.batches), await recorded_position(runtime))

        publisher.settle(0)
        await wait_until(lambda: _position_is(runtime, 7))
        await wait_until(lambda: _waiting(publisher, 2))
        await wait_until(lambda: _all_confirmed(publisher, runtime, head))
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

        assert (2, 0) == held
        positions = [m.headers["position"] for batch in publisher.batches for m in batch]
        assert sorted(positions) == positions
        assert head == positions[-1]

    async def test_a_failed_batch_is_republished_with_the_one_after_it(
        self, runtime: Runtime
    ) -> None:
        """The second batch confirmed, the first failed: nothing is recorded, both go again."""
        await open_cases(runtime, 3)
        head = await runtime.store.head()
        publisher = GatedPublisher()
        task = asyncio.create_task(new_relay(runtime, publisher).run())
        await wait_until(lambda: _waiting(publisher, 2))
        first_try = [m.headers["position"] for m in publisher.batches[0]]

        publisher.settle(1)
        publisher.settle(0, BrokerUnavailable("nacked"))
        await wait_until(lambda: _waiting(publisher, 2))
        during = await recorded_position(runtime)
        second_try = [m.headers["position"] for m in publisher.batches[2]]
        await wait_until(lambda: _all_confirmed(publisher, runtime, head))
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

        assert (0, first_try) == (during, second_try)


class CountingRelay(Relay):
    """A relay that remembers every position it records."""

    recorded: list[int]

    async def record_position(self, conn: asyncpg.Connection, position: int) -> None:
        """Record as usual, and remember it."""
        await super().record_position(conn, position)
        self.recorded.append(position)


class TestRecordingWhileCatchingUp:
    """Catching up does not pay a position write for every batch."""

    async def test_positions_are_recorded_now_and_then_and_at_the_head(
        self, runtime: Runtime
    ) -> None:
        """Fifteen quick batches take fewer position writes; the last one is the head."""
        await open_cases(runtime, 6)
        head = await runtime.store.head()
        relay = CountingRelay(
            dsn=runtime.dsn,
            role=runtime.settings.database_app_role,
            store=runtime.store,
            notifier=runtime.notifier,
            publisher=RecordingPublisher(),
            batch_size=2,
            idle_wait=0.05,
        )
        relay.recorded = []
        task = asyncio.create_task(relay.run())
        await wait_until(lambda: _position_is(runtime, head))
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

        assert head == relay.recorded[-1]
        assert sorted(relay.recorded) == relay.recorded
        assert len(relay.recorded) < -(-head // 2)


async def _waiting(publisher: GatedPublisher, count: int) -> bool:
    return publisher.waiting() == count


async def _all_confirmed(publisher: GatedPublisher, runtime: Runtime, head: int) -> bool:
    publisher.confirm_all()
    return await _position_is(runtime, head)


async def _position_is(runtime: Runtime, position: int) -> bool:
    return await recorded_position(runtime) == position


async def _leads(relay: Relay) -> bool:
    return relay.is_leader

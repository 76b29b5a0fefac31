"""The PostgreSQL event store: appends, optimistic concurrency, streams, group commit."""

import asyncio
from datetime import UTC, datetime
from uuid import uuid4

import asyncpg
import pytest

from immportal.app.container import Runtime, open_runtime
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.errors import ConcurrencyConflict
from testkit.support import make_settings

APPLICANT = Actor("applicant-store", Role.APPLICANT)


def new_case(answers: int = 0) -> Case:
    """A draft case with `answers` further events."""
    case = Case.start(
        applicant_id=APPLICANT.user_id, form_type=FormType.I765, office="NBC", actor=APPLICANT
    )
    for n in range(answers):
        case.save_answers(APPLICANT, f"section-{n}", {"answer": n})
    return case


class TestAppend:
    """Appending events."""

    async def test_positions_follow_commit_order(self, runtime: Runtime) -> None:
        """Positions are 1, 2, 3 … in the order appends commit."""
        first, second = new_case(1), new_case(2)
        assert await runtime.store.append(first.collect_events()) == [1, 2]
        assert await runtime.store.append(second.collect_events()) == [3, 4, 5]

    async def test_events_of_several_aggregates_commit_together(self, runtime: Runtime) -> None:
        """One append spanning two aggregates is all or nothing."""
        fresh, stale = new_case(), new_case()
        await runtime.store.append(stale.collect_events())
        copy = await runtime.cases.get(stale.id)
        copy.save_answers(APPLICANT, "a", {"x": 1})
        await runtime.store.append(copy.collect_events())
        stale.save_answers(APPLICANT, "b", {"y": 2})  # now behind the stored version
        with pytest.raises(ConcurrencyConflict):
            await runtime.store.append([*fresh.collect_events(), *stale.collect_events()])
        assert await runtime.store.read_stream(fresh.id) == []

    async def test_stale_version_raises_conflict(self, runtime: Runtime) -> None:
        """Two writers that read the same version: the second to save is refused."""
        case = new_case()
        await runtime.store.append(case.collect_events())
        one, two = await runtime.cases.get(case.id), await runtime.cases.get(case.id)
        one.save_answers(APPLICANT, "a", {"n": 1})
        two.save_answers(APPLICANT, "a", {"n": 2})
        await runtime.store.append(one.collect_events())
        with pytest.raises(ConcurrencyConflict):
            await runtime.store.append(two.collect_events())
        stored = await runtime.cases.get(case.id)
        assert stored.answers["a"] == {"n": 1}

    async def test_one_conflict_in_a_group_fails_only_that_append(self, runtime: Runtime) -> None:
        """Concurrent appends grouped into one transaction keep their own outcomes."""
        base = new_case()
        await runtime.store.append(base.collect_events())
        rivals = [await runtime.cases.get(base.id) for _ in range(2)]
        for n, rival in enumerate(rivals):
            rival.save_answers(APPLICANT, "a", {"n": n})
        others = [new_case(2) for _ in range(20)]
        results = await asyncio.gather(
            *(runtime.store.append(r.collect_events()) for r in rivals),
            *(runtime.store.append(o.collect_events()) for o in others),
            return_exceptions=True,
        )
        conflicts = [r for r in results if isinstance(r, ConcurrencyConflict)]
        assert len(conflicts) == 1
        assert all(isinstance(r, list) for r in results[2:])
        assert await runtime.store.head() == 1 + 1 + 20 * 3

    async def test_concurrent_appends_share_transactions(self, runtime: Runtime) -> None:
        """Fifty appends issued together commit in fewer than fifty transactions."""
        before = runtime.store.writer.groups_committed
        await asyncio.gather(
            *(runtime.store.append(new_case().collect_events()) for _ in range(50))
        )
        groups = runtime.store.writer.groups_committed - before
        assert 1 <= groups < 50
        assert 50 == await runtime.store.head()

    async def test_readers_are_woken_by_notify(self, runtime: Runtime) -> None:
        """After an append the notifier knows the new head without polling the table."""
        waiter = asyncio.create_task(runtime.notifier.wait(0, 30))
        await runtime.store.append(new_case(1).collect_events())
        await asyncio.wait_for(waiter, 10)
        assert 2 == runtime.notifier.latest

    async def test_app_role_cannot_update_or_delete_events(
        self, runtime: Runtime, database_url: str
    ) -> None:
        """The portal's database role may add events but never change or remove them."""
        await runtime.store.append(new_case().collect_events())
        conn = await asyncpg.connect(database_url, server_settings={"role": "immportal_app"})
        try:
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await conn.execute("UPDATE events SET topic = 'x'")
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await conn.execute("DELETE FROM events")
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await conn.execute("TRUNCATE events")
        finally:
            await conn.close()
        assert await runtime.store.head() == 1


class TestReadStream:
    """Reading one aggregate's history."""

    async def test_whole_stream_rebuilds_equal_aggregate(self, runtime: Runtime) -> None:
        """Replaying the stored events gives the same case."""
        case = new_case(3)
        await runtime.store.append(case.collect_events())
        loaded = await runtime.cases.get(case.id)
        assert (case.version, case.answers, case.status) == (
            loaded.version,
            loaded.answers,
            loaded.status,
        )

    async def test_up_to_version(self, runtime: Runtime) -> None:
        """A case can be rebuilt as it stood at an earlier version."""
        case = new_case(3)
        await runtime.store.append(case.collect_events())
        earlier = await runtime.cases.get(case.id, up_to_version=2)
        assert earlier.version == 2
        assert list(earlier.answers) == ["section-0"]

    async def test_as_of_a_moment(self, runtime: Runtime) -> None:
        """A case can be rebuilt as it stood at a moment in time."""
        case = new_case(1)
        await runtime.store.append(case.collect_events())
        between = datetime.now(UTC)
        await asyncio.sleep(0.01)
        later = await runtime.cases.get(case.id)
        later.save_answers(APPLICANT, "later", {"x": 1})
        await runtime.store.append(later.collect_events())
        events = await runtime.store.read_stream(case.id, as_of=between)
        assert [e.originator_version for e in events] == [1, 2]

    async def test_unknown_stream_is_empty(self, runtime: Runtime) -> None:
        """An id nobody used has no events."""
        assert await runtime.store.read_stream(uuid4()) == []


class TestGapFreeOrder:
    """Readers of the global log never skip a position that is filled later."""

    async def test_sixteen_writers_and_a_tailing_reader(self, runtime: Runtime) -> None:
        """16 concurrent writers; a concurrent reader sees every event once, in order."""
        await self._race(runtime, [runtime])

    async def test_two_processes_worth_of_writers(
        self, runtime: Runtime, database_url: str
    ) -> None:
        """Writers of two separate stores (as in two web processes) still commit gap-free."""
        async with open_runtime(make_settings(database_url)) as other:
            await self._race(runtime, [runtime, other])

    async def _race(self, reader_runtime: Runtime, writer_runtimes: list[Runtime]) -> None:
        runtime = reader_runtime
        writers, appends_each = 16, 25
        seen: list[int] = []
        done = asyncio.Event()

        async def write(n: int) -> None:
            store = writer_runtimes[n % len(writer_runtimes)].store
            for _ in range(appends_each):
                await store.append(new_case(n % 3).collect_events())

        async def read() -> None:
            position = 0
            while True:
                finished = done.is_set()
                batch = await runtime.store.read_log(position, 50)
                seen.extend(r.position for r in batch)
                if batch:
                    position = batch[-1].position
                elif finished:
                    return
                else:
                    await runtime.notifier.wait(position, 0.05)

        reader = asyncio.create_task(read())
        await asyncio.gather(*(write(n) for n in range(writers)))
        done.set()
        await reader
        total = sum(appends_each * (1 + n % 3) for n in range(writers))
        assert list(range(1, total + 1)) == seen

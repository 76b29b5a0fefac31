"""Waiting for read models to pass a log position: woken by NOTIFY, bounded, and never stuck."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from uuid import UUID

import asyncpg

from immportal.app.container import Runtime
from immportal.app.workers import running_projections
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from immportal.projections.base import Projection
from immportal.projections.case_summary import CaseSummaryProjection
from immportal.projections.case_timeline import CaseTimelineProjection
from immportal.projections.engine import process_batch
from immportal.projections.read_your_writes import SAFETY_INTERVAL, ProjectionWaiter
from immportal.services.ports import Written
from testkit.projection_support import wait_until

APPLICANT = Actor("applicant-read-your-writes", Role.APPLICANT)
PAGE = (CaseSummaryProjection.name, CaseTimelineProjection.name)
NEVER = 60.0
"""A safety re-read interval no test lasts: a waiter built with it returns only when woken."""
WOKEN_WITHIN = 0.2
"""Well under the safety interval: a wait that ends this soon was ended by a notification."""


async def new_case(runtime: Runtime) -> UUID:
    """A draft case, its opening already in the log."""
    return await runtime.cases.start(
        actor=APPLICANT, applicant_id=APPLICANT.user_id, form_type=FormType.I90, office="NBC"
    )


async def add_note(runtime: Runtime, case_id: UUID, n: int) -> Written:
    """One more event on the case; where it went in the log."""
    return await runtime.cases.update(
        case_id, None, lambda c: c.save_answers(APPLICANT, "about_you", {"n": n})
    )


@asynccontextmanager
async def projector(runtime: Runtime) -> AsyncIterator[asyncpg.Connection]:
    """A connection (as the login role) to commit projection batches on, when a test says."""
    conn = await asyncpg.connect(runtime.dsn)
    try:
        yield conn
    finally:
        await conn.close()


async def project(conn: asyncpg.Connection, runtime: Runtime, *projections: Projection) -> float:
    """Commit one batch of each projection; return the moment the last commit returned."""
    for projection in projections:
        await process_batch(conn, runtime.store, projection, 1000)
    return asyncio.get_running_loop().time()


async def timed_wait(waiter: ProjectionWaiter, position: int, seconds: float) -> tuple[bool, float]:
    """Wait for the page's projections; return the answer and the moment it came."""
    answer = await waiter.wait_until(position, PAGE, seconds)
    return answer, asyncio.get_running_loop().time()


async def listening_backends(conn: asyncpg.Connection) -> list[int]:
    """The server processes of this database whose last statement was a LISTEN."""
    # Asked as the login role: the application's role may not read others' statements.
    rows = await conn.fetch(
        "SELECT pid FROM pg_stat_activity"
        " WHERE datname = current_database() AND query LIKE 'LISTEN %'"
    )
    return [r["pid"] for r in rows]


class TestWoken:
    """A waiter returns as soon as the projections commit past its position, woken by NOTIFY."""

    async def test_returns_within_milliseconds_of_the_commit(self, runtime: Runtime) -> None:
        """With re-reads disabled, every wait still ends promptly after the batch commits."""
        waiter = ProjectionWaiter(runtime.pool, runtime.notifier, safety_interval=NEVER)
        await waiter.start()
        case_id = await new_case(runtime)
        delays = []
        async with projector(runtime) as conn:
            for n in range(5):
                written = await add_note(runtime, case_id, n)
                waiting = asyncio.create_task(timed_wait(waiter, written.position, 10))
                await asyncio.sleep(0.1)
                assert not waiting.done()
                committed = await project(conn, runtime, *_page_projections())
                answer, returned = await waiting
                assert answer
                delays.append(returned - committed)
        assert max(delays) < WOKEN_WITHIN, delays

    async def test_a_position_already_passed_needs_no_wait(self, runtime: Runtime) -> None:
        """Once the projections are past a position, waiting for it returns at once."""
        case_id = await new_case(runtime)
        written = await add_note(runtime, case_id, 1)
        async with projector(runtime) as conn:
            await project(conn, runtime, *_page_projections())
        loop = asyncio.get_running_loop()
        started = loop.time()

        answer = await runtime.read_models.wait_until(written.position, PAGE, 10)

        assert answer
        assert loop.time() - started < WOKEN_WITHIN


class TestBounded:
    """With nothing projecting, the wait ends at its timeout and says the page may lag."""

    async def test_false_after_the_timeout(self, runtime: Runtime) -> None:
        """No projection runs: the answer is False, after the timeout and not much later."""
        case_id = await new_case(runtime)
        written = await add_note(runtime, case_id, 1)
        loop = asyncio.get_running_loop()
        started = loop.time()

        answer = await runtime.read_models.wait_until(written.position, PAGE, 0.3)

        elapsed = loop.time() - started
        assert not answer
        assert 0.3 <= elapsed < 0.3 + SAFETY_INTERVAL, elapsed

    async def test_one_projection_behind_is_not_enough(self, runtime: Runtime) -> None:
        """The summary alone passing the position does not end a wait for the timeline too."""
        case_id = await new_case(runtime)
        written = await add_note(runtime, case_id, 1)
        async with projector(runtime) as conn:
            await project(conn, runtime, CaseSummaryProjection())

            answer = await runtime.read_models.wait_until(written.position, PAGE, 0.3)

        assert not answer


class TestLostConnection:
    """A listening connection that drops loses notifications, never a waiter."""

    async def test_a_lost_notification_is_made_up_by_the_safety_reread(
        self, runtime: Runtime
    ) -> None:
        """LISTEN dies mid-wait: the re-read answers; once listening again, wake-ups return."""
        case_id = await new_case(runtime)
        written = await add_note(runtime, case_id, 1)
        loop = asyncio.get_running_loop()
        async with projector(runtime) as conn:
            started = loop.time()
            waiting = asyncio.create_task(timed_wait(runtime.read_models, written.position, 10))
            await asyncio.sleep(0.1)
            [backend] = await listening_backends(conn)
            await conn.execute("SELECT pg_terminate_backend($1)", backend)
            await wait_until(lambda: _listening(runtime, False))
            committed = await project(conn, runtime, *_page_projections())
            answer, returned = await waiting
            assert answer
            # Not woken (the notification went to the dead connection): the re-read found it.
            assert returned - started >= SAFETY_INTERVAL
            assert returned - committed < SAFETY_INTERVAL + WOKEN_WITHIN
            await wait_until(lambda: _listening(runtime, True))

            woken_only = ProjectionWaiter(runtime.pool, runtime.notifier, safety_interval=NEVER)
            await woken_only.start()
            again = await add_note(runtime, case_id, 2)
            waiting = asyncio.create_task(timed_wait(woken_only, again.position, 10))
            await asyncio.sleep(0.1)
            committed = await project(conn, runtime, *_page_projections())
            answer, returned = await waiting
            assert [backend] != await listening_backends(conn)
        assert answer
        assert returned - committed < WOKEN_WITHIN


def _page_projections() -> tuple[Projection, ...]:
    return (CaseSummaryProjection(), CaseTimelineProjection())


async def _listening(runtime: Runtime, expected: bool) -> bool:
    return runtime.notifier.listening is expected


class TestNoLeader:
    """A projection nobody leads will not catch up: a write does not wait for it."""

    async def test_answers_at_once_when_no_leader_runs(self, runtime: Runtime) -> None:
        """No projection worker holds a leader lock: the wait gives up long before its timeout."""
        waiter = ProjectionWaiter(runtime.pool, runtime.notifier, startup_grace=0)
        await waiter.start()
        case_id = await new_case(runtime)
        written = await add_note(runtime, case_id, 1)

        # A wait of an hour that must come back without being woken: bounded by wait_for.
        answer = await asyncio.wait_for(waiter.wait_until(written.position, PAGE, 3600), 30)

        assert not answer

    async def test_waits_for_a_running_leader(self, runtime: Runtime) -> None:
        """With the projection workers leading, the same wait ends because they caught up."""
        waiter = ProjectionWaiter(runtime.pool, runtime.notifier, startup_grace=0)
        await waiter.start()
        async with running_projections(runtime) as runners:

            async def leading() -> bool:
                return all(runner.is_leader for runner in runners)

            await wait_until(leading)
            case_id = await new_case(runtime)
            written = await add_note(runtime, case_id, 1)

            answer = await waiter.wait_until(written.position, PAGE, 30)

        assert answer

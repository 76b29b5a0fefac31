"""The timeline's actor column: added to an older generation, reached by its view, rebuilt."""

import contextlib
from collections.abc import AsyncIterator
from uuid import UUID

from immportal.adapters.postgres.connection import connect
from immportal.app.container import Runtime
from immportal.app.workers import running_projections
from immportal.projections.case_timeline import CaseTimelineProjection, get_timeline
from immportal.projections.engine import ensure_projection
from immportal.projections.rebuild import rebuild
from testkit.projection_support import APPLICANT, caught_up, seed_cases, wait_until


@contextlib.asynccontextmanager
async def projected(runtime: Runtime, cases: int) -> AsyncIterator[None]:
    """Seed draft cases (two saves each) and run the projections until they caught up."""
    async with running_projections(runtime):
        await seed_cases(runtime, cases, answers=2)
        await wait_until(lambda: caught_up(runtime))
        yield


async def case_ids(runtime: Runtime) -> list[UUID]:
    """Every case the timeline has entries of."""
    rows = await runtime.pool.fetch("SELECT DISTINCT case_id FROM read.case_timeline")
    return sorted(r["case_id"] for r in rows)


class TestActorColumn:
    """Entries say who acted; a rebuild reproduces them; an older table gains the column."""

    async def test_rebuild_reproduces_the_entries(self, runtime: Runtime) -> None:
        """Every entry names its actor, and the rebuilt generation holds the same entries."""
        async with projected(runtime, 20):
            ids = await case_ids(runtime)
            before = [await get_timeline(runtime.pool, i) for i in ids]
            await rebuild(
                dsn=runtime.dsn,
                role=runtime.settings.database_app_role,
                store=runtime.store,
                projection=CaseTimelineProjection(),
                batch_size=7,
            )
            after = [await get_timeline(runtime.pool, i) for i in ids]
        assert 20 == len(ids)
        assert {APPLICANT.user_id} == {e.actor_id for entries in before for e in entries}
        assert before == after

    async def test_older_generation_gains_the_column(self, runtime: Runtime) -> None:
        """A table and view made before the column: start-up adds it and the view shows it."""
        async with projected(runtime, 3):
            ids = await case_ids(runtime)
        conn = await connect(runtime.dsn, role=runtime.settings.database_app_role)
        try:
            # As a generation made by the previous version looked.
            await conn.execute("DROP VIEW read.case_timeline")
            await conn.execute('ALTER TABLE read."case_timeline_g1" DROP COLUMN actor_id')
            await conn.execute(
                'CREATE VIEW read.case_timeline AS SELECT * FROM read."case_timeline_g1"'
            )
            await ensure_projection(conn, CaseTimelineProjection())
        finally:
            await conn.close()

        entries = await get_timeline(runtime.pool, ids[0])

        assert 3 == len(entries)
        assert {None} == {e.actor_id for e in entries}  # known again after a rebuild

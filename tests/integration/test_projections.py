"""Projections: read models that follow the log exactly once, with leaders and rebuilds."""

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import AsyncIterator
from uuid import uuid4

from immportal.app.container import Runtime, all_projections
from immportal.app.workers import projection_runners, running_projections
from immportal.dev.demo.cases import seed_demo_cases
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from immportal.projections.case_summary import (
    CaseSummaryProjection,
    get_case_summary,
    list_case_summaries,
)
from immportal.projections.case_timeline import get_timeline
from immportal.projections.rebuild import rebuild
from immportal.projections.runner import ProjectionRunner
from immportal.projections.status import projection_statuses
from testkit.projection_support import caught_up, positions, seed_cases, wait_until


@contextlib.asynccontextmanager
async def projecting(runtime: Runtime) -> AsyncIterator[list[ProjectionRunner]]:
    """Run the projections in-process and wait until they lead."""
    async with running_projections(runtime) as runners:
        await wait_until(lambda: _all_leading(runners))
        yield runners


async def _all_leading(runners: list[ProjectionRunner]) -> bool:
    return all(r.is_leader for r in runners)


class TestReadModels:
    """case_summary and case_timeline say what happened, in order."""

    async def test_demo_cases_are_summarised(self, runtime: Runtime) -> None:
        """Each demo case gets one summary row with its status and key dates."""
        async with projecting(runtime):
            ids = await seed_demo_cases(runtime.cases)
            await wait_until(lambda: caught_up(runtime))
        summaries = {s.case_id: s for s in await list_case_summaries(runtime.pool)}
        decided = summaries[ids[-1]]
        draft = summaries[ids[0]]
        assert set(ids) == set(summaries)
        assert (decided.status, decided.decision, decided.office) == ("approved", "approved", "NBC")
        assert decided.receipt_number is not None
        assert decided.receipt_number.startswith("IOE")
        assert decided.submitted_at is not None
        assert decided.accepted_at is not None
        assert decided.submitted_at <= decided.accepted_at
        assert (draft.status, draft.receipt_number) == ("draft", None)
        assert all(s.event_count == s.version for s in summaries.values())

    async def test_a_just_started_draft_is_summarised(self, runtime: Runtime) -> None:
        """A case with only its first event gets a draft row and does not block others."""
        applicant = Actor("applicant-lone", Role.APPLICANT)
        async with projecting(runtime):
            case_id = await runtime.cases.start(
                actor=applicant,
                applicant_id=applicant.user_id,
                form_type=FormType.I90,
                office="NBC",
            )
            await wait_until(lambda: caught_up(runtime))
        summary = await get_case_summary(runtime.pool, case_id)
        assert summary is not None
        assert ("draft", 1, 1) == (summary.status, summary.version, summary.event_count)

    async def test_read_models_answer_before_any_worker_ran(self, runtime: Runtime) -> None:
        """Right after start-up the views exist, so a query finds nothing instead of failing."""
        assert await get_case_summary(runtime.pool, uuid4()) is None
        assert [] == await get_timeline(runtime.pool, uuid4())

    async def test_timeline_is_plain_language_and_ordered(self, runtime: Runtime) -> None:
        """Entries come oldest first, with titles, roles and reasons."""
        async with projecting(runtime):
            ids = await seed_demo_cases(runtime.cases)
            await wait_until(lambda: caught_up(runtime))
        entries = await get_timeline(runtime.pool, ids[4])
        titles = [e.title for e in entries]
        assert titles[0] == "Application started"
        assert "We asked for more evidence" in titles
        assert sorted(e.version for e in entries) == [e.version for e in entries]
        request = next(e for e in entries if e.event_type == "EvidenceRequested")
        assert (request.actor_role, request.reason) == (
            "officer",
            "The lease covers only part of the period.",
        )

    async def test_staff_only_entries_are_filtered(self, runtime: Runtime) -> None:
        """An internal note appears for staff and never for the applicant."""
        async with projecting(runtime):
            ids = await seed_demo_cases(runtime.cases)
            officer = Actor("officer-notes", Role.OFFICER)
            await runtime.cases.update(ids[3], None, lambda c: c.add_note(officer, "Call back."))
            await wait_until(lambda: caught_up(runtime))
        public = await get_timeline(runtime.pool, ids[3])
        staff = await get_timeline(runtime.pool, ids[3], include_staff_only=True)
        assert "NoteAdded" not in [e.event_type for e in public]
        assert staff[-1].event_type == "NoteAdded"


class TestLeaders:
    """One leader per projection; a standby takes over when it goes."""

    async def test_standby_takes_over(self, runtime: Runtime) -> None:
        """While one runner leads the other waits; when the leader dies, the standby leads."""
        first, second = projection_runners(runtime)[0], projection_runners(runtime)[0]
        lead = asyncio.create_task(first.run())
        await wait_until(lambda: _all_leading([first]))
        standby = asyncio.create_task(second.run())
        await seed_cases(runtime, 50)
        await wait_until(lambda: caught_up(runtime, ("case_summary",)))
        assert (first.is_leader, second.is_leader) == (True, False)
        lead.cancel()
        await asyncio.gather(lead, return_exceptions=True)
        written = await seed_cases(runtime, 50)
        await wait_until(lambda: _all_leading([second]))
        await wait_until(lambda: caught_up(runtime, ("case_summary",)))
        standby.cancel()
        await asyncio.gather(standby, return_exceptions=True)
        rows = await list_case_summaries(runtime.pool, limit=1000)
        assert (100, 2 * written) == (len(rows), sum(r.event_count for r in rows))


class TestExactlyOnce:
    """Killing a worker mid-batch neither loses nor repeats an event."""

    async def test_kill_worker_process_mid_run(self, runtime: Runtime, database_url: str) -> None:
        """SIGKILL a worker while it projects; a new worker finishes; counts are exact."""
        written = sum([await seed_cases(runtime, 500, answers=3) for _ in range(4)])
        worker = await start_worker(database_url)
        try:
            await wait_until(lambda: _progressed(runtime, 1000))
        finally:
            worker.send_signal(signal.SIGKILL)
            await worker.wait()
        at_kill = await positions(runtime.pool)
        assert min(at_kill.values()) < written, "the worker finished before it was killed"
        replacement = await start_worker(database_url)
        try:
            await wait_until(lambda: caught_up(runtime), seconds=120)
        finally:
            replacement.terminate()
            await replacement.wait()
        rows = await list_case_summaries(runtime.pool, limit=10_000)
        timeline = await runtime.pool.fetchval("SELECT count(*) FROM read.case_timeline")
        assert (2000, written, written) == (len(rows), sum(r.event_count for r in rows), timeline)


async def _progressed(runtime: Runtime, at_least: int) -> bool:
    found = await positions(runtime.pool)
    return len(found) == len(all_projections()) and min(found.values()) >= at_least


async def start_worker(database_url: str) -> asyncio.subprocess.Process:
    """`immportal worker` as its own process, with small batches."""
    env = {
        **os.environ,
        "IMMPORTAL_DATABASE_URL": database_url,
        "IMMPORTAL_PROJECTION_BATCH_SIZE": "20",
        "IMMPORTAL_PROJECTION_IDLE_WAIT": "0.05",
        "IMMPORTAL_LOG_LEVEL": "warning",
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "immportal",
        "worker",
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


class TestRebuild:
    """A rebuild fills a new generation while the old one keeps serving, then switches."""

    async def test_rebuild_while_serving(self, runtime: Runtime) -> None:
        """Queries answer throughout; afterwards the new generation has the same rows."""
        async with projecting(runtime):
            await seed_cases(runtime, 300)
            await wait_until(lambda: caught_up(runtime))
            before = {s.case_id: s for s in await list_case_summaries(runtime.pool, limit=1000)}
            probe = next(iter(before.values()))
            answers: list[bool] = []
            stop = asyncio.Event()

            async def keep_reading() -> None:
                while not stop.is_set():
                    answers.append(await get_case_summary(runtime.pool, probe.case_id) is not None)
                    await asyncio.sleep(0)

            reader = asyncio.create_task(keep_reading())
            generation = await rebuild(
                dsn=runtime.dsn,
                role=runtime.settings.database_app_role,
                store=runtime.store,
                projection=CaseSummaryProjection(),
                batch_size=50,
            )
            stop.set()
            await reader
            await seed_cases(runtime, 10)
            await wait_until(lambda: caught_up(runtime))
        after = {s.case_id: s for s in await list_case_summaries(runtime.pool, limit=1000)}
        statuses = {s.name: s for s in await projection_statuses(runtime.pool)}
        assert 2 == generation == statuses["case_summary"].generation
        assert answers
        assert all(answers)
        assert len(after) == 310
        assert all(
            after[k].status == v.status and after[k].version == v.version for k, v in before.items()
        )
        old_table = await runtime.pool.fetchval("SELECT to_regclass('read.case_summary_g1')")
        assert old_table is None


class TestStatusCommand:
    """`immportal projections status` shows position and lag of each projection."""

    async def test_status_lists_lag(self, runtime: Runtime, database_url: str) -> None:
        """Before projecting, lag equals the number of events."""
        from test_hash_chain import run_cli

        async with projecting(runtime):
            await wait_until(lambda: caught_up(runtime))
        written = await seed_cases(runtime, 5)
        code, output = await run_cli(database_url, "projections", "status")
        lines = {line.split()[0]: line.split() for line in output.splitlines()[1:]}
        assert code == 0
        assert str(written) == lines["case_summary"][4]
        assert lines["case_timeline"][5] == "none"

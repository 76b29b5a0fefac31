"""Processing times from the case_milestones read model (the analysts' weekly series are in
test_analyst_dashboards.py)."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from immportal.app.container import Runtime
from immportal.dev.demo.history import Step
from immportal.domain.cases.forms import FormType
from immportal.projections.processing_times import processing_time, processing_times
from testkit.milestone_support import decided_plan, project_milestones, write_plans

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


class TestHandComputation:
    """The numbers match a computation done by hand on known data."""

    async def test_five_decisions(self, runtime: Runtime) -> None:
        """Five I-765 decisions at NBC took 10, 20, 30, 40 and 100 days.

        percentile_cont(p) over n sorted values v1..vn takes position 1 + p * (n - 1)
        and interpolates between its neighbours:
          median: 1 + 0.5 * 4 = 3    -> v3 = 30 days
          80th:   1 + 0.8 * 4 = 4.2  -> v4 + 0.2 * (v5 - v4) = 40 + 0.2 * 60 = 52 days
        So "80% of cases are decided within 52 days; half within 30 days", from 5 decisions.
        A decision outside the window (8 months ago) and one at another office do not count.
        """
        decided_on = NOW - timedelta(days=3)
        plans = [
            decided_plan(FormType.I765, "NBC", decided_on - timedelta(days=d), d)
            for d in (10, 20, 30, 40, 100)
        ]
        plans.append(decided_plan(FormType.I765, "NBC", NOW - timedelta(days=300), 60))
        plans.append(decided_plan(FormType.I765, "PSC", NOW - timedelta(days=50), 5))
        await write_plans(runtime, plans)
        await project_milestones(runtime)

        found = await processing_time(runtime.pool, form_type="I-765", office="NBC", now=NOW)

        assert (5, 30.0, 52.0) == (found.decisions, found.median_days, found.p80_days)
        assert (30, 52, True) == (found.median_whole_days, found.p80_whole_days, found.enough)
        assert date(2026, 4, 10) == found.inquiry_receipt_date(date(2026, 6, 1))

    async def test_only_first_decisions_count(self, runtime: Runtime) -> None:
        """A case decided, reopened and decided again counts once, with its first decision."""
        plan = decided_plan(FormType.N400, "NYC", NOW - timedelta(days=40), 20)
        first = plan.steps[-1].at
        again = [
            Step(kind, first + timedelta(days=n))
            for n, kind in enumerate(["reopen", "assign", "propose_approval", "issue"], start=1)
        ]
        await write_plans(runtime, [replace(plan, steps=(*plan.steps, *again))])
        await project_milestones(runtime)

        found = await processing_time(runtime.pool, form_type="N-400", office="NYC", now=NOW)

        assert (1, 20.0, 20.0) == (found.decisions, found.median_days, found.p80_days)


class TestTables:
    """Every form at every office, as the public page's overview reads them."""

    async def test_processing_times_per_form_and_office(self, runtime: Runtime) -> None:
        """Each form has a row per office and one over all offices (office None)."""
        decided_on = NOW - timedelta(days=10)
        plans = [
            decided_plan(FormType.I90, office, decided_on - timedelta(days=d), d)
            for office, d in (("NBC", 10), ("NBC", 30), ("CSC", 50))
        ]
        await write_plans(runtime, plans)
        await project_milestones(runtime)

        rows = await processing_times(runtime.pool, now=NOW)

        assert [("I-90", None, 3, 30.0), ("I-90", "CSC", 1, 50.0), ("I-90", "NBC", 2, 20.0)] == [
            (r.form_type, r.office, r.decisions, r.median_days) for r in rows
        ]

"""The dashboards' series (projections.analyst_dashboards) on known cases, checked by hand."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from immportal.app.container import Runtime
from immportal.dev.demo.history import PlannedCase, Step
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.status import CaseStatus
from immportal.projections.analyst_dashboards import dashboard_series
from immportal.services.analytics.dashboard import DashboardFilter, DaysBin
from testkit.milestone_support import decided_plan, open_plan, project_milestones, write_plans

FIRST = date(2026, 5, 4)
"""A Monday: the three weeks charted start on 4, 11 and 18 May 2026."""
WEEKS = DashboardFilter.covering(FIRST, date(2026, 5, 24), by="office")


def at(day: int, hour: int = 9) -> datetime:
    """A moment in May 2026 (UTC)."""
    return datetime(2026, 5, day, hour, tzinfo=UTC)


def accepted_then(form: FormType, office: str, accepted: datetime, *later: Step) -> PlannedCase:
    """A case accepted at a moment, then the steps given."""
    steps = (
        Step("start", accepted - timedelta(days=2)),
        Step("submit", accepted - timedelta(days=1)),
        Step("accept", accepted),
        *later,
    )
    return PlannedCase("applicant-dash", form, office, CaseStatus.ACCEPTED, steps)


@pytest.fixture
async def known_cases(runtime: Runtime) -> None:
    """Five cases around three weeks of May 2026.

    A (NBC) accepted 29 April, decided 13 May after 14 days: open before, leaves in week 2.
    B (NBC) accepted 5 May, still open.
    C (CSC) accepted 12 May, withdrawn 19 May: joins in week 2, leaves in week 3.
    D (NBC) accepted 4 May, denied 6 May after 2 days, appealed and reopened: joins and
      leaves in week 1, and a reopening does not bring it back.
    E accepted 6 May at NBC, transferred to CSC the next day: counts at CSC.
    """
    d = decided_plan(FormType.I765, "NBC", at(4), 2, deny=True)
    reopened = replace(d, steps=(*d.steps, Step("appeal", at(7)), Step("reopen", at(8))))
    await write_plans(
        runtime,
        [
            decided_plan(FormType.I765, "NBC", datetime(2026, 4, 29, 9, tzinfo=UTC), 14),
            open_plan(FormType.I765, "NBC", at(5)),
            accepted_then(FormType.N400, "CSC", at(12), Step("withdraw", at(19))),
            reopened,
            accepted_then(FormType.I130, "NBC", at(6), Step("transfer", at(7), office="CSC")),
        ],
    )
    await project_milestones(runtime)


class TestByHand:
    """Backlog, flows and days to decide equal the counts worked out in `known_cases`."""

    async def test_backlog_by_office(self, runtime: Runtime, known_cases: None) -> None:
        """NBC: A and B, then B; CSC: E, then E and C, then E."""
        backlog, _, _ = await dashboard_series(runtime.pool, WEEKS)

        assert ("CSC", "NBC") == backlog.groups
        assert ((1, 2, 1), (2, 1, 1)) == backlog.counts

    async def test_receipts_and_completions(self, runtime: Runtime, known_cases: None) -> None:
        """Week 1 receives B, D and E and completes D; week 2 receives C, completes A; week 3
        completes C."""
        _, flows, _ = await dashboard_series(runtime.pool, WEEKS)

        assert [(FIRST, 3, 1), (date(2026, 5, 11), 1, 1), (date(2026, 5, 18), 0, 1)] == [
            (f.week_of, f.receipts, f.completions) for f in flows
        ]

    async def test_days_to_decide(self, runtime: Runtime, known_cases: None) -> None:
        """D took 2 days and A 14: day-wide bins 0 to 15; median 8, 80th percentile
        2 + 0.8 * 12 = 11.6."""
        _, _, times = await dashboard_series(runtime.pool, WEEKS)

        assert (2, 8.0, 11.6) == (times.decisions, times.median_days, times.p80_days)
        assert [DaysBin(n, n + 1, 1 if n in (2, 14) else 0) for n in range(15)] == list(times.bins)

    async def test_one_office(self, runtime: Runtime, known_cases: None) -> None:
        """At CSC only: E and C in the backlog, no decision issued there."""
        chosen = replace(WEEKS, office="CSC", by="form")
        backlog, flows, times = await dashboard_series(runtime.pool, chosen)

        assert (("I-130", "N-400"), ((1, 1, 1), (0, 1, 0))) == (backlog.groups, backlog.counts)
        assert [(1, 0), (1, 0), (0, 1)] == [(f.receipts, f.completions) for f in flows]
        assert ((), 0, None, None) == (
            times.bins,
            times.decisions,
            times.median_days,
            times.p80_days,
        )

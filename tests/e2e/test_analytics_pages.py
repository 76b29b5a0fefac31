"""The analysts' dashboard and CSV downloads (immportal.web.analytics) over HTTP."""

import csv
import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from immportal.domain.actor import Role
from immportal.domain.cases.forms import FormType
from testkit.e2e_support import Portal
from testkit.html_tables import read_tables
from testkit.milestone_support import decided_plan, milestones_caught_up, open_plan, write_plans
from testkit.signed_in_support import SignIn, people

DOWNLOADS = tuple(
    f"/analytics/{name}.{suffix}"
    for name in ("backlog", "throughput", "processing-times", "processing-time-summary")
    for suffix in ("csv", "parquet")
)


@pytest.fixture
async def sign_in(portal: Portal) -> AsyncIterator[SignIn]:
    """Sign in new people in their own browsers."""
    async with people(portal) as signing_in:
        yield signing_in


@pytest.fixture
async def known_cases(portal: Portal) -> None:
    """Two N-400 decisions at NBC (20 and 40 days: median 30, 80th percentile 20 + 0.8 * 20 = 36)
    issued last week, and two open I-130s at CSC."""
    now = datetime.now(UTC)
    decided = now - timedelta(days=7)
    await write_plans(
        portal.runtime,
        [
            decided_plan(FormType.N400, "NBC", decided - timedelta(days=20), 20),
            decided_plan(FormType.N400, "NBC", decided - timedelta(days=40), 40, deny=True),
            open_plan(FormType.I130, "CSC", now - timedelta(days=30)),
            open_plan(FormType.I130, "CSC", now - timedelta(days=12)),
        ],
    )
    await milestones_caught_up(portal.runtime)


def read_csv(text: str) -> list[dict[str, str]]:
    """The rows of a CSV download, by column name."""
    return list(csv.DictReader(io.StringIO(text)))


class TestWhoMaySee:
    """Only analysts see the dashboard; others learn nothing about it."""

    @pytest.mark.parametrize("role", [Role.APPLICANT, Role.OFFICER, Role.AUDITOR])
    async def test_refused_to_other_roles(self, sign_in: SignIn, role: Role) -> None:
        """Other roles get the not-found page for the dashboard and every download."""
        person = await sign_in(role)
        for path in ("/analytics", *DOWNLOADS):
            response = await person.portal.client.get(path, allow_redirects=False)
            assert 404 == response.status, path

    async def test_signed_out_are_sent_to_sign_in(self, portal: Portal) -> None:
        """Someone signed out is sent to sign in first."""
        response = await portal.client.get("/analytics", allow_redirects=False)

        assert 303 == response.status
        assert response.headers["Location"].startswith("/sign-in?next=")


class TestDashboard:
    """The analyst sees the backlog, receipts and completions, and processing times."""

    async def test_tables(self, sign_in: SignIn, known_cases: None) -> None:
        """Each chart's table shows the known cases over the last twelve weeks."""
        analyst = await sign_in(Role.ANALYST)
        response = await analyst.portal.client.get("/analytics")
        tables = read_tables(await response.text())
        backlog = tables["backlog"]

        assert 200 == response.status
        assert ["Week of (Monday)", "I-130", "N-400"] == backlog.headings
        assert ["2", "0"] == backlog.rows[-1][1:]
        assert 12 == len(backlog.rows) == len(tables["throughput"].rows)
        assert [["2", "30.0", "36.0"]] == tables["processing-time-summary"].rows

    async def test_downloads_parse(self, sign_in: SignIn, known_cases: None) -> None:
        """The CSV files parse, with the counts and times of the known cases."""
        analyst = await sign_in(Role.ANALYST)
        client = analyst.portal.client
        answers = [await client.get(path) for path in DOWNLOADS if path.endswith(".csv")]
        backlog, weeks, bins, summary = [read_csv(await a.text()) for a in answers]

        assert all(200 == a.status for a in answers)
        assert all(a.headers["Content-Type"].startswith("text/csv") for a in answers)
        assert (
            answers[0]
            .headers["Content-Disposition"]
            .startswith('attachment; filename="backlog-by-form_all-forms_all-offices_')
        )
        assert ("2", "0") == (backlog[-1]["I-130"], backlog[-1]["N-400"])
        assert 12 == len(weeks)
        assert (4, 2) == tuple(sum(int(w[k]) for w in weeks) for k in ("receipts", "completions"))
        assert 2 == sum(int(b["decisions"]) for b in bins)
        assert [("2", "30.0", "36.0")] == [
            (r["decisions"], r["median_days"], r["p80_days"]) for r in summary
        ]

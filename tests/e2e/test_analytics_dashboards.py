"""The analysts' dashboards (immportal.web.analytics) over HTTP: each chart's table equals a
direct count over the `analytics` views with the same filter, the downloads equal the tables,
and a wrong filter gets a plain message."""

import csv
import io
import re
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from html import unescape
from urllib.parse import urlencode

import pyarrow.parquet as pq
import pytest

from immportal.adapters.postgres.receipts import PostgresReceiptNumbers
from immportal.dev.demo.history_events import seed_demo_history
from immportal.domain.actor import Role
from immportal.domain.cases.forms import FormType
from testkit.analytics_truth import (
    Chosen,
    as_analyst,
    backlog_rows,
    decisions_between,
    mondays,
    summary_row,
    throughput_rows,
)
from testkit.e2e_support import Portal, parse_page
from testkit.html_tables import HtmlTable, read_tables
from testkit.milestone_support import milestones_caught_up, open_plan, write_plans
from testkit.signed_in_support import Person, SignIn, people

TODAY = datetime.now(UTC).date()


@pytest.fixture
async def sign_in(portal: Portal) -> AsyncIterator[SignIn]:
    """Sign in new people in their own browsers."""
    async with people(portal) as signing_in:
        yield signing_in


@pytest.fixture
async def analyst(portal: Portal, sign_in: SignIn) -> Person:
    """An analyst signed in, over a year of synthetic case history (every form and office)."""
    runtime = portal.runtime
    await seed_demo_history(runtime.store, PostgresReceiptNumbers(runtime.pool))
    await milestones_caught_up(runtime, seconds=30)
    return await sign_in(Role.ANALYST)


FILTERS = {
    "the defaults": ({}, Chosen(None, None, "form", mondays(TODAY - timedelta(weeks=11), TODAY))),
    "one form, lines by office": (
        {"form": "I-765", "by": "office"},
        Chosen("I-765", None, "office", mondays(TODAY - timedelta(weeks=11), TODAY)),
    ),
    "one office over half a year": (
        {"office": "NBC", "from": (TODAY - timedelta(days=200)).isoformat()},
        Chosen(None, "NBC", "form", mondays(TODAY - timedelta(days=200), TODAY)),
    ),
    "a form at an office, a past range": (
        {
            "form": "N-400",
            "office": "CSC",
            "by": "office",
            "from": (TODAY - timedelta(days=330)).isoformat(),
            "to": (TODAY - timedelta(days=60)).isoformat(),
        },
        Chosen(
            "N-400",
            "CSC",
            "office",
            mondays(TODAY - timedelta(days=330), TODAY - timedelta(days=60)),
        ),
    ),
}


async def dashboard_tables(person: Person, query: dict[str, str]) -> dict[str, HtmlTable]:
    """The tables of the dashboards for a filter."""
    response = await person.portal.client.get(f"/analytics?{urlencode(query)}")
    assert 200 == response.status
    return read_tables(await response.text())


class TestTablesEqualDirectCounts:
    """Every number in every chart's table is what an analyst's SQL over the views counts."""

    @pytest.mark.parametrize("name", list(FILTERS))
    async def test_each_table(self, analyst: Person, database_url: str, name: str) -> None:
        """Backlog, receipts and completions, bins and summary, for the filter `name`."""
        query, chosen = FILTERS[name]
        tables = await dashboard_tables(analyst, query)

        async with as_analyst(database_url) as conn:
            backlog = await backlog_rows(conn, chosen)
            throughput = await throughput_rows(conn, chosen)
            summary = await summary_row(conn, chosen)
            bins = tables["processing-times"].rows
            binned = [await decisions_between(conn, chosen, int(lo), int(hi)) for lo, hi, _ in bins]

        assert backlog == tables["backlog"].rows
        assert throughput == tables["throughput"].rows
        assert [summary] == tables["processing-time-summary"].rows
        assert [int(n) for _, _, n in bins] == binned
        assert int(summary[0]) == sum(binned)
        assert any(int(row[1]) for row in throughput), "the filter should select some cases"

    async def test_bins_are_even_and_start_at_zero(self, analyst: Person) -> None:
        """The histogram's bins are consecutive, equally wide, from day 0."""
        bins = (await dashboard_tables(analyst, {}))["processing-times"].rows
        edges = [(int(lo), int(hi)) for lo, hi, _ in bins]

        assert edges[0][0] == 0
        assert len({hi - lo for lo, hi in edges}) == 1
        assert all(edges[n][1] == edges[n + 1][0] for n in range(len(edges) - 1))

    async def test_backlog_follows_receipts_and_completions(self, analyst: Person) -> None:
        """Each week's backlog is the week before's plus its receipts minus its completions."""
        tables = await dashboard_tables(
            analyst, {"from": (TODAY - timedelta(days=300)).isoformat()}
        )
        totals = [sum(int(n) for n in row[1:]) for row in tables["backlog"].rows]
        flows = [(int(r), int(c)) for _, r, c in tables["throughput"].rows]

        assert len(totals) == len(flows) > 40
        assert all(
            totals[n] == totals[n - 1] + flows[n][0] - flows[n][1] for n in range(1, len(totals))
        )

    async def test_charts_are_described_images(self, analyst: Person) -> None:
        """Three SVG images, each named by its title and described, beside accessible tables."""
        response = await analyst.portal.client.get("/analytics")
        html = await response.text()
        tables = read_tables(html)

        assert 3 == html.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"')
        for chart in ("backlog-chart", "throughput-chart", "times-chart"):
            assert f'aria-labelledby="{chart}-title {chart}-desc"' in html
        assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]
        assert all(t.caption and t.row_headers_scoped for t in tables.values())


class TestDownloads:
    """The CSV and Parquet files hold exactly the table the page shows, for the same filter."""

    async def test_files_equal_tables(self, analyst: Person) -> None:
        """Each download link on the page carries the filter, and its file equals the table."""
        query, chosen = FILTERS["one office over half a year"]
        response = await analyst.portal.client.get(f"/analytics?{urlencode(query)}")
        html = await response.text()
        tables = read_tables(html)
        links = [unescape(k) for k in re.findall(r'href="(/analytics/[^"]+)"', html)]
        client = analyst.portal.client

        assert 8 == len(links)
        for name, table in tables.items():
            for suffix in ("csv", "parquet"):
                link = next(k for k in links if k.startswith(f"/analytics/{name}.{suffix}?"))
                answer = await client.get(link)
                body = await answer.read()
                rows = _csv_rows(body) if suffix == "csv" else _parquet_rows(body)
                first, last = chosen.weeks[0], chosen.weeks[-1] + timedelta(days=6)
                stem = "backlog-by-form" if name == "backlog" else name
                expected = f'attachment; filename="{stem}_all-forms_NBC_{first}_{last}.{suffix}"'

                assert 200 == answer.status
                assert expected == answer.headers["Content-Disposition"]
                assert table.rows == rows[1:], link
                assert len(table.headings) == len(rows[0])

    async def test_formula_in_an_office_name_is_text(self, analyst: Person) -> None:
        """A column named after an office that starts like a formula opens as text."""
        office = "=HYPERLINK(1)"
        await write_plans(
            analyst.portal.runtime,
            [open_plan(FormType.I90, office, datetime.now(UTC) - timedelta(days=3))],
        )
        await milestones_caught_up(analyst.portal.runtime)
        query = urlencode({"office": office, "by": "office"})
        answer = await analyst.portal.client.get(f"/analytics/backlog.csv?{query}")
        header = _csv_rows(await answer.read())[0]

        assert 200 == answer.status
        assert ["week_of", "'=HYPERLINK(1)"] == header
        assert "_all-forms_-HYPERLINK-1-_" in answer.headers["Content-Disposition"]


def _csv_rows(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8"))))


def _parquet_rows(body: bytes) -> list[list[str]]:
    """The header and rows, cells as the page writes them (dates ISO, days to a tenth)."""
    table = pq.read_table(io.BytesIO(body))

    def text(value: object) -> str:
        if isinstance(value, date):
            return value.isoformat()
        return f"{value:.1f}" if isinstance(value, float) else str(value)

    return [table.column_names, *([text(v) for v in row.values()] for row in table.to_pylist())]


class TestRefusals:
    """A wrong filter gets a plain message and a 400, on the page and from the downloads."""

    @pytest.mark.parametrize(
        ("query", "message"),
        [
            ({"form": "I-999"}, "Choose a form from the list"),
            ({"office": "<b>XYZ</b>"}, "Choose an office from the list"),
            ({"by": "status"}, "Choose to show the backlog by form or by office"),
            ({"from": "2026-13-01"}, "Enter the date as year, month and day, like 2026-03-01"),
            ({"to": "next week"}, "Enter the date as year, month and day, like 2026-03-01"),
            (
                {"to": (TODAY + timedelta(days=1)).isoformat()},
                "The end date must be today or earlier",
            ),
            (
                {
                    "from": (TODAY - timedelta(days=9)).isoformat(),
                    "to": (TODAY - timedelta(days=10)).isoformat(),
                },
                "The start date must be on or before the end date",
            ),
            (
                {"from": (TODAY - timedelta(weeks=110)).isoformat()},
                "Choose a range of 104 weeks or fewer",
            ),
            ({"from": "1999-12-31"}, "Enter a date on or after 2000-01-01"),
        ],
    )
    async def test_refused(self, sign_in: SignIn, query: dict[str, str], message: str) -> None:
        """The page names the problem in its error summary and charts nothing; files are refused."""
        person = await sign_in(Role.ANALYST)
        client = person.portal.client
        page = await client.get(f"/analytics?{urlencode(query)}")
        text = parse_page(await page.text()).text
        download = await client.get(f"/analytics/throughput.parquet?{urlencode(query)}")

        assert 400 == page.status
        assert "There is a problem with the choices" in text
        assert message in text
        assert "<svg" not in await page.text()
        assert (400, message) == (download.status, (await download.text()).strip())

"""The de-identified `analytics` schema and the read-only role immportal_analyst."""

from collections import Counter
from uuid import UUID

import asyncpg
import pytest
from test_hash_chain import run_cli

from immportal.adapters.postgres.receipts import PostgresReceiptNumbers
from immportal.app.container import Runtime
from immportal.dev.demo.history_events import seed_demo_history
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.status import CaseStatus
from testkit.milestone_support import project_milestones

ANALYST = "immportal_analyst"
VIEWS = ("case_milestones", "decisions", "backlog", "processing_times")
PERSONAL = {"case_id", "applicant_id", "reason", "answers", "address", "email", "name"}


async def as_analyst(database_url: str) -> asyncpg.Connection:
    """A connection acting as the analyst role (the tests log in as a superuser)."""
    conn = await asyncpg.connect(database_url)
    await conn.execute(f"SET ROLE {ANALYST}")
    return conn


@pytest.fixture
async def seeded(runtime: Runtime) -> list[UUID]:
    """The synthetic demonstration history, projected."""
    ids = await seed_demo_history(runtime.store, PostgresReceiptNumbers(runtime.pool))
    await project_milestones(runtime)
    return ids


class TestAnalystRole:
    """The analyst reads the analytics views and nothing else."""

    async def test_reads_every_analytics_view(self, seeded: list[UUID], database_url: str) -> None:
        """Each view answers; cases carry a salted key instead of their id, and dates only."""
        conn = await as_analyst(database_url)
        try:
            counts = {v: await conn.fetchval(f"SELECT count(*) FROM analytics.{v}") for v in VIEWS}
            cases = await conn.fetch("SELECT * FROM analytics.case_milestones")
            columns = {
                r["column_name"]
                for r in await conn.fetch(
                    "SELECT column_name FROM information_schema.columns"
                    " WHERE table_schema = 'analytics'"
                )
            }
        finally:
            await conn.close()
        keys = {r["case_key"] for r in cases}
        assert len(seeded) == counts["case_milestones"] == len(keys)
        assert all(counts[v] > 0 for v in VIEWS), counts
        assert not keys & {str(i) for i in seeded}
        assert all(len(k) == 64 for k in keys)
        assert set() == columns & PERSONAL
        assert {"date"} == {type(r["accepted_on"]).__name__ for r in cases if r["accepted_on"]}
        assert set(CaseStatus) == {CaseStatus(r["status"]) for r in cases}
        assert set(FormType) == {FormType(r["form_type"]) for r in cases}

    @pytest.mark.parametrize(
        "query",
        [
            "SELECT * FROM events",
            "SELECT * FROM read.case_summary",
            "SELECT * FROM read.case_milestones",
            "SELECT * FROM sessions",
            "SELECT * FROM account_emails",
            "SELECT * FROM analytics_source.salt",
            "SELECT * FROM analytics_source.case_milestones()",
        ],
    )
    async def test_refused_everything_else(
        self, runtime: Runtime, database_url: str, query: str
    ) -> None:
        """The events, the read models, sessions, accounts and the salt are refused."""
        conn = await as_analyst(database_url)
        try:
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await conn.fetch(query)
        finally:
            await conn.close()

    async def test_cannot_write(self, seeded: list[UUID], database_url: str) -> None:
        """The analyst may neither change the views nor create anything in the schema."""
        conn = await as_analyst(database_url)
        try:
            writable = await conn.fetchval(
                "SELECT bool_or(has_table_privilege(format('analytics.%I', table_name),"
                " 'INSERT, UPDATE, DELETE, TRUNCATE'))"
                " FROM information_schema.tables WHERE table_schema = 'analytics'"
            )
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await conn.execute("CREATE TABLE analytics.scratch (n integer)")
        finally:
            await conn.close()
        assert writable is False


class TestDemoHistory:
    """Seeding the synthetic history is quick and fills every status."""

    async def test_seeds_every_status(self, runtime: Runtime) -> None:
        """About 150 cases with back-dated events reach every status (bench/ times the seeding)."""
        ids = await seed_demo_history(runtime.store, PostgresReceiptNumbers(runtime.pool))
        await project_milestones(runtime)
        statuses = Counter(
            r["status"] for r in await runtime.pool.fetch("SELECT status FROM read.case_milestones")
        )
        assert 150 == len(ids)
        assert set(CaseStatus) == set(statuses)

    async def test_demo_seed_command_with_history(
        self, runtime: Runtime, database_url: str
    ) -> None:
        """`immportal demo seed --history` adds the synthetic cases after the demo cases."""
        code, output = await run_cli(database_url, "demo", "seed", "--history")
        cases = await runtime.pool.fetchval("SELECT count(DISTINCT originator_id) FROM events")
        assert 0 == code
        assert [
            "Created 6 demonstration cases.",
            "Created 150 synthetic cases with a year of history.",
        ] == output.strip().splitlines()[-2:]
        assert 156 == cases

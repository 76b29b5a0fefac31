"""The `immportal` command line against a real database."""

from test_hash_chain import run_cli

from immportal.app.container import Runtime
from immportal.projections.case_summary import list_case_summaries
from immportal.projections.status import projection_statuses


class TestCommands:
    """migrate, demo seed, projections rebuild, each as a person would run them."""

    async def test_migrate_reports_up_to_date(self, runtime: Runtime, database_url: str) -> None:
        """On a migrated database there is nothing left to apply."""
        code, output = await run_cli(database_url, "migrate")
        assert (0, "Database is up to date.") == (code, output.strip())

    async def test_demo_seed_then_rebuild(self, runtime: Runtime, database_url: str) -> None:
        """Seeded cases are in the log; a rebuild projects them into a new generation."""
        seeded = await run_cli(database_url, "demo", "seed")
        rebuilt = await run_cli(database_url, "projections", "rebuild", "case_summary")
        rows = await list_case_summaries(runtime.pool)
        statuses = {s.name: s for s in await projection_statuses(runtime.pool)}
        assert (0, "Created 6 demonstration cases.") == (seeded[0], seeded[1].strip())
        assert 0 == rebuilt[0]
        assert "case_summary rebuilt; now serving generation 2." == rebuilt[1].strip()
        assert 6 == len(rows)
        assert (2, 0) == (statuses["case_summary"].generation, statuses["case_summary"].lag)

    async def test_rebuild_unknown_projection(self, runtime: Runtime, database_url: str) -> None:
        """A mistyped name is refused with the list of real ones."""
        code, output = await run_cli(database_url, "projections", "rebuild", "nope")
        assert 2 == code
        assert "case_summary, case_timeline" in output

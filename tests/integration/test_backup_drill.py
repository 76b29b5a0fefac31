"""The backup drill restores a dump into a new database and proves it whole, or names the gap."""

from pathlib import Path

import asyncpg

from immportal.app.backup_drill import dump
from immportal.app.container import Runtime
from immportal.app.workers import running_projections
from testkit.cli_support import run_cli
from testkit.projection_support import caught_up, wait_until
from testkit.support import TEST_CIPHER_KEY


def portal_env(database_url: str) -> dict[str, str | None]:
    """The environment `immportal` runs with against the test's database."""
    return {
        "IMMPORTAL_DATABASE_URL": database_url,
        "IMMPORTAL_CIPHER_KEY": TEST_CIPHER_KEY,
        "IMMPORTAL_LOG_LEVEL": "warning",
    }


async def seed(database_url: str) -> None:
    """The demonstration cases, with their notices and read models."""
    seeded = await run_cli("demo", "seed", env=portal_env(database_url))
    assert 0 == seeded.exit_code, seeded.stderr


async def restore_databases(runtime: Runtime) -> int:
    """How many restore copies are left on the server."""
    return int(
        await runtime.pool.fetchval(
            "SELECT count(*) FROM pg_database WHERE datname LIKE 'immportal_restore_%'"
        )
    )


class TestBackupVerify:
    """`immportal backup verify` dumps, restores, verifies and rebuilds."""

    async def test_a_fresh_backup_is_complete(self, runtime: Runtime, database_url: str) -> None:
        """The chain holds, the log equals the source's, every read model equals a rebuild."""
        await seed(database_url)
        copies_before = await restore_databases(runtime)
        drill = await run_cli("backup", "verify", env=portal_env(database_url))
        lines = drill.stdout.splitlines()
        assert 0 == drill.exit_code, drill.stdout + drill.stderr
        assert "hash chain: intact" in lines
        assert "log equals the source's: yes" in lines
        assert "read model case_summary: equal to a rebuild" in lines
        assert "read model notices: equal to a rebuild" in lines
        assert "backup complete" == lines[-1]
        events = int(lines[0].split()[2])
        assert events == await runtime.pool.fetchval("SELECT count(*) FROM events")
        assert copies_before == await restore_databases(runtime)  # the copy was dropped

    async def test_a_read_model_that_drifted_is_named(
        self, runtime: Runtime, database_url: str
    ) -> None:
        """A read-model row changed behind the projection's back is found and named."""
        await seed(database_url)
        async with running_projections(runtime):
            await wait_until(lambda: caught_up(runtime, ("case_summary",)))
        conn = await asyncpg.connect(database_url)  # as the owner: the app role cannot
        try:
            changed = await conn.execute(
                "UPDATE read.case_summary SET office = 'XXX'"
                " WHERE case_id = (SELECT case_id FROM read.case_summary LIMIT 1)"
            )
        finally:
            await conn.close()
        assert "UPDATE 1" == changed
        drill = await run_cli("backup", "verify", env=portal_env(database_url))
        assert 1 == drill.exit_code
        assert "read model case_summary: DIFFERS" in drill.stdout.splitlines()
        assert "difference: read model case_summary: before rebuild" in drill.stdout
        assert "backup NOT complete" == drill.stdout.splitlines()[-1]

    async def test_a_log_rewritten_after_the_dump_is_named(
        self, runtime: Runtime, database_url: str, tmp_path: Path
    ) -> None:
        """A dump taken before the source's log was rewritten no longer matches the source."""
        await seed(database_url)
        dump_file = tmp_path / "before.dump"
        await dump(database_url, dump_file)
        conn = await asyncpg.connect(database_url)
        try:
            await conn.execute(
                "UPDATE events SET chain_hash = sha256(chain_hash) WHERE notification_id = 3"
            )
        finally:
            await conn.close()
        drill = await run_cli(
            "backup", "verify", "--dump", str(dump_file), env=portal_env(database_url)
        )
        assert 1 == drill.exit_code
        assert "log equals the source's: NO" in drill.stdout.splitlines()
        assert "hash chain: intact" in drill.stdout.splitlines()  # the copy itself is whole

"""The `immportal` command line against a real database."""

import os
import time
from collections.abc import AsyncIterator
from pathlib import Path
from uuid import uuid4

from click.testing import Result

from immportal.adapters.blobs.disk import DiskBlobStore
from immportal.app.container import Runtime
from immportal.projections.case_summary import list_case_summaries
from immportal.projections.status import projection_statuses
from immportal.services.evidence.ports import document_key
from testkit.cli_support import run_cli


async def immportal(database_url: str, *args: str) -> Result:
    """Run one command on the test's database, logging only warnings."""
    env = {"IMMPORTAL_DATABASE_URL": database_url, "IMMPORTAL_LOG_LEVEL": "warning"}
    return await run_cli(*args, env=env)


class TestCommands:
    """migrate, demo seed, projections status and rebuild, each as a person would run them."""

    async def test_migrate_reports_up_to_date(self, runtime: Runtime, database_url: str) -> None:
        """On a migrated database there is nothing left to apply."""
        ran = await immportal(database_url, "migrate")
        assert (0, "Database is up to date.") == (ran.exit_code, ran.stdout.strip())

    async def test_migrate_lists_what_it_applied(self, empty_database_url: str) -> None:
        """On an empty database every migration is applied and named, one per line."""
        ran = await immportal(empty_database_url, "migrate")
        again = await immportal(empty_database_url, "migrate")
        applied = ran.stdout.split()
        assert 0 == ran.exit_code
        assert applied
        assert applied == sorted(applied)
        assert "Database is up to date." == again.stdout.strip()

    async def test_demo_seed_then_rebuild(self, runtime: Runtime, database_url: str) -> None:
        """Seeded cases are in the log; a rebuild projects them into a new generation."""
        seeded = await immportal(database_url, "demo", "seed")
        rebuilt = await immportal(database_url, "projections", "rebuild", "case_summary")
        rows = await list_case_summaries(runtime.pool)
        statuses = {s.name: s for s in await projection_statuses(runtime.pool)}
        assert (0, "Created 6 demonstration cases.") == (seeded.exit_code, seeded.stdout.strip())
        assert 0 == rebuilt.exit_code
        assert "case_summary rebuilt; now serving generation 2." == rebuilt.stdout.strip()
        assert 6 == len(rows)
        assert (2, 0) == (statuses["case_summary"].generation, statuses["case_summary"].lag)

    async def test_rebuild_unknown_projection(self, runtime: Runtime, database_url: str) -> None:
        """A mistyped name is refused with the list of real ones."""
        ran = await immportal(database_url, "projections", "rebuild", "nope")
        assert 2 == ran.exit_code
        assert "case_summary, case_timeline" in ran.stdout

    async def test_status_lists_every_projection(self, runtime: Runtime, database_url: str) -> None:
        """One line per projection under a header, each with its generation and lag."""
        ran = await immportal(database_url, "projections", "status")
        header, *lines = ran.stdout.splitlines()
        names = [line.split()[0] for line in lines]
        expected = [s.name for s in await projection_statuses(runtime.pool)]
        assert 0 == ran.exit_code
        assert header.split() == ["projection", "gen", "position", "head", "lag", "leader"]
        assert expected == names


class TestRefusals:
    """Commands that cannot do what was asked say why and exit non-zero."""

    async def test_appointments_need_a_day(self, database_url: str) -> None:
        """`appointments generate --days 0` is refused before the database is touched."""
        ran = await immportal(database_url, "appointments", "generate", "--days", "0")
        assert (2, "--days must be at least 1.") == (ran.exit_code, ran.stdout.strip())

    async def test_dead_letters_need_the_broker(self, database_url: str) -> None:
        """Without RabbitMQ there are no dead letters to list or replay."""
        env = {"IMMPORTAL_DATABASE_URL": database_url, "IMMPORTAL_RABBITMQ_URL": None}
        listed = await run_cli("deadletters", "list", env=env)
        replayed = await run_cli("deadletters", "replay", env=env)
        assert (2, 2) == (listed.exit_code, replayed.exit_code)
        assert "set IMMPORTAL_RABBITMQ_URL" in listed.stdout
        assert listed.stdout == replayed.stdout

    async def test_unknown_worker(self, database_url: str) -> None:
        """A mistyped worker name is refused with the list of real ones."""
        ran = await immportal(database_url, "worker", "projection")
        assert 2 == ran.exit_code
        assert (
            "Unknown worker projection; choose from projections, relay, notifications, "
            "appointments, transparency, maintenance." == ran.stdout.strip()
        )


class TestBlobSweep:
    """`blobs sweep` removes old blobs that no upload event names, and lists them first."""

    async def test_dry_run_then_sweep(
        self, runtime: Runtime, database_url: str, tmp_path: Path
    ) -> None:
        """An orphan two hours old is listed by --dry-run, then deleted; a new one stays."""
        blobs = DiskBlobStore(tmp_path / "blobs")
        await blobs.start()
        old, new = document_key(uuid4()), document_key(uuid4())
        for key in (old, new):
            await blobs.put(key, one_chunk(b"%PDF-1.7"), content_type="application/pdf")
        hours_ago = time.time() - 2 * 3600
        os.utime(tmp_path / "blobs" / old, (hours_ago, hours_ago))
        env = {"IMMPORTAL_DATABASE_URL": database_url, "IMMPORTAL_DATA_DIR": str(tmp_path)}
        listed = await run_cli("blobs", "sweep", "--older-than", "1h", "--dry-run", env=env)
        still_there = await blobs.exists(old)
        swept = await run_cli("blobs", "sweep", "--older-than", "1h", env=env)
        assert (0, 0) == (listed.exit_code, swept.exit_code)
        assert [f"would delete {old}", "1 orphan blobs of 2 examined."] == (
            listed.stdout.splitlines()
        )
        assert [f"deleted {old}", "1 orphan blobs of 2 examined."] == swept.stdout.splitlines()
        assert (True, False, True) == (
            still_there,
            await blobs.exists(old),
            await blobs.exists(new),
        )

    async def test_too_young_to_sweep(self, database_url: str, tmp_path: Path) -> None:
        """Blobs younger than ten minutes may be uploads under way: a usage error, exit 2."""
        env = {"IMMPORTAL_DATABASE_URL": database_url, "IMMPORTAL_DATA_DIR": str(tmp_path)}
        ran = await run_cli("blobs", "sweep", "--older-than", "5m", env=env)
        assert 2 == ran.exit_code
        assert "Invalid value for '--older-than': must be at least 0:10:00" in ran.stderr


class TestIntegrationSchemas:
    """`integration schemas` writes the published events' JSON schemas where it is told."""

    async def test_writes_and_lists(self, tmp_path: Path) -> None:
        """Every path it prints exists, holds JSON, and sits in the chosen folder."""
        ran = await run_cli("integration", "schemas", "--out", str(tmp_path / "docs"), env={})
        paths = [Path(line) for line in ran.stdout.splitlines()]
        assert 0 == ran.exit_code
        assert paths
        assert {tmp_path / "docs"} == {path.parent for path in paths}
        assert all(path.is_file() and path.stat().st_size > 0 for path in paths)


async def one_chunk(data: bytes) -> AsyncIterator[bytes]:
    """A blob's content as the one chunk an upload would stream."""
    yield data

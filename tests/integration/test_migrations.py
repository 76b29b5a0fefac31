"""Versioned migrations: applied once, in order, under a lock, and guarded against edits."""

import asyncio

import asyncpg
import pytest

from immportal.adapters.postgres.migrations import MigrationError, load_migrations, migrate

ROLE = "immportal_app"


class TestMigrate:
    """Applying the packaged migrations."""

    async def test_applies_all_once_and_records_them(self, empty_database_url: str) -> None:
        """A fresh database gets every migration; a second run applies nothing."""
        first = await migrate(empty_database_url, ROLE)
        second = await migrate(empty_database_url, ROLE)
        conn = await asyncpg.connect(empty_database_url)
        try:
            recorded = [
                r["name"]
                for r in await conn.fetch("SELECT name FROM schema_migrations ORDER BY version")
            ]
        finally:
            await conn.close()
        expected = [m.name for m in load_migrations(ROLE)]
        assert expected == first == recorded
        assert [] == second

    async def test_concurrent_runs_apply_each_migration_once(self, empty_database_url: str) -> None:
        """Several processes starting together serialize on the advisory lock."""
        results = await asyncio.gather(*(migrate(empty_database_url, ROLE) for _ in range(4)))
        applied = sorted(name for names in results for name in names)
        assert sorted(m.name for m in load_migrations(ROLE)) == applied

    async def test_edited_migration_is_refused(self, empty_database_url: str) -> None:
        """A migration changed after it was applied stops the run instead of drifting."""
        await migrate(empty_database_url, ROLE)
        conn = await asyncpg.connect(empty_database_url)
        try:
            await conn.execute("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1")
        finally:
            await conn.close()
        with pytest.raises(MigrationError, match=r"0001_events\.sql"):
            await migrate(empty_database_url, ROLE)

    def test_versions_are_unique_and_ordered(self) -> None:
        """Migration files are numbered without duplicates."""
        versions = [m.version for m in load_migrations(ROLE)]
        assert sorted(set(versions)) == versions

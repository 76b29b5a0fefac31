"""The tests' template database: a copy equals a database migrated and started from empty."""

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from immportal.adapters.postgres.migrations import Migration, load_migrations
from immportal.app.container import open_runtime
from testkit import databases
from testkit.databases import (
    APP_ROLE,
    STALE_AFTER,
    TEMPLATE_PREFIX,
    ensure_template,
    template_name,
    url_for,
)
from testkit.support import make_settings

HOUR = timedelta(hours=1)

# What a database's shape is: every column, view and function outside the system schemas.
SHAPE = """
SELECT 'column', table_schema || '.' || table_name || '.' || column_name || ' ' || data_type
  FROM information_schema.columns
 WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
UNION ALL
SELECT 'view', schemaname || '.' || viewname || ' ' || viewowner
  FROM pg_views WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
UNION ALL
SELECT 'function', n.nspname || '.' || p.proname || ' ' || pg_get_userbyid(p.proowner)
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
UNION ALL
SELECT 'migration', version || ' ' || name || ' ' || checksum FROM schema_migrations
UNION ALL
SELECT 'projection', name || ' ' || live_generation FROM projection_state
ORDER BY 1, 2
"""


async def shape(url: str) -> list[tuple[str, str]]:
    """The database's tables, views, functions, migrations and read models, sorted."""
    conn = await asyncpg.connect(url)
    try:
        return [(row[0], row[1]) for row in await conn.fetch(SHAPE)]
    finally:
        await conn.close()


class TestCopy:
    """Each test's database is a copy of the template."""

    async def test_copy_equals_a_database_migrated_and_started_from_empty(
        self, database_url: str, empty_database_url: str
    ) -> None:
        """Same columns, views, functions, recorded migrations and read models, same owners."""
        async with open_runtime(make_settings(empty_database_url)):
            pass
        started = await shape(empty_database_url)
        assert await shape(database_url) == started
        assert any(kind == "projection" for kind, _ in started)

    async def test_template_refuses_connections(
        self, admin_url: str, template_database: str
    ) -> None:
        """Nobody can connect to the template, so nothing can keep a copy from being made."""
        with pytest.raises(asyncpg.PostgresError, match="not currently accepting connections"):
            await asyncpg.connect(url_for(admin_url, template_database))


class TestBuild:
    """Building the template, once, from processes starting together."""

    async def test_concurrent_builds_make_one_template(self, admin_url: str) -> None:
        """Four sessions starting at once all get the same, complete template."""
        role = f"t_role_{uuid.uuid4().hex[:12]}"  # its own name, so a new template is built
        try:
            names = await asyncio.gather(*(ensure_template(admin_url, role) for _ in range(4)))
            conn = await asyncpg.connect(admin_url)
            try:
                found = await conn.fetch(
                    "SELECT datname, datistemplate FROM pg_database WHERE datname LIKE $1",
                    names[0] + "%",
                )
            finally:
                await conn.close()
        finally:
            await _drop_templates(admin_url, [template_name(role)], role)
        assert [template_name(role)] * 4 == names
        assert [(names[0], True)] == [(row["datname"], row["datistemplate"]) for row in found]

    async def test_a_new_build_drops_stale_templates(self, admin_url: str) -> None:
        """Earlier templates go once stale; younger ones stay for sessions still using them."""
        old, young = (
            f"{TEMPLATE_PREFIX}old_{uuid.uuid4().hex[:8]}",
            f"{TEMPLATE_PREFIX}young_{uuid.uuid4().hex[:8]}",
        )
        role = f"t_role_{uuid.uuid4().hex[:12]}"
        conn = await asyncpg.connect(admin_url)
        try:
            for name, age in ((old, STALE_AFTER + HOUR), (young, STALE_AFTER - HOUR)):
                await conn.execute(f'CREATE DATABASE "{name}" WITH IS_TEMPLATE true')
                built = (datetime.now(UTC) - age).isoformat()
                await conn.execute(f"COMMENT ON DATABASE \"{name}\" IS '{built}'")
            await ensure_template(admin_url, role)
            left = await conn.fetch(
                "SELECT datname FROM pg_database WHERE datname = any($1::text[])", [old, young]
            )
        finally:
            await conn.close()
            await _drop_templates(admin_url, [template_name(role), old, young], role)
        assert [young] == [row["datname"] for row in left]

    def test_name_follows_the_migrations(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An edited migration gives the template another name, so no stale copy is used."""
        before = template_name()
        edited = [*load_migrations(APP_ROLE)]
        last = edited[-1]
        edited[-1] = Migration(last.version, last.name, last.sql + "\n-- edited\n")
        monkeypatch.setattr(databases, "load_migrations", lambda _role: edited)
        assert before != template_name()


async def _drop_templates(admin_url: str, names: list[str], role: str) -> None:
    conn = await asyncpg.connect(admin_url)
    try:
        for name in names:
            if await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
                await conn.execute(f'ALTER DATABASE "{name}" WITH IS_TEMPLATE false')
                await conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        # Only the role's own template held objects of it: the role can go now.
        await conn.execute(f'DROP ROLE IF EXISTS "{role}"')
    finally:
        await conn.close()

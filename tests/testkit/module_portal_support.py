"""One portal for a whole test module: its own database, served on a local port.

The `portal` fixture starts a fresh application per test. Tests that only read, or that
check a refusal changed nothing, can share one expensive scene (many people signed in,
cases walked through their history) instead: the module's tests then run on one event
loop (`pytestmark = pytest.mark.asyncio(loop_scope="module")`) and this portal.
"""

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
from aiohttp.test_utils import TestClient, TestServer

from immportal.app.web_app import create_app
from testkit.e2e_support import Portal
from testkit.support import make_settings


def _url_for(admin: str, database: str) -> str:
    base, _, query = admin.partition("?")
    return base.rsplit("/", 1)[0] + "/" + database + ("?" + query if query else "")


@asynccontextmanager
async def module_database(admin_url: str) -> AsyncIterator[str]:
    """A new, empty database, dropped afterwards (as the per-test `database_url` does)."""
    name = f"t_{uuid.uuid4().hex[:16]}"
    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    try:
        yield _url_for(admin_url, name)
    finally:
        conn = await asyncpg.connect(admin_url)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()


@asynccontextmanager
async def module_portal(
    admin_url: str, data_dir: Path, **overrides: object
) -> AsyncIterator[Portal]:
    """The application in dev mode on its own database, mailing into `data_dir`."""
    async with module_database(admin_url) as url:
        settings = make_settings(url, dev=True, data_dir=data_dir, **overrides)
        client: TestClient = TestClient(TestServer(create_app(settings)))  # type: ignore[type-arg]
        await client.start_server()
        try:
            yield Portal(client)
        finally:
            # The application stops (and closes its pool) before the database is dropped.
            await client.close()

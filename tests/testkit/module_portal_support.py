"""One portal for a whole test module: its own database, served on a local port.

The `portal` fixture starts a fresh application per test. Tests that only read, or that
check a refusal changed nothing, can share one expensive scene (many people signed in,
cases walked through their history) instead: the module's tests then run on one event
loop (`pytestmark = pytest.mark.asyncio(loop_scope="module")`) and this portal.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from immportal.app.web_app import create_app
from testkit.databases import ensure_template, fresh_database
from testkit.e2e_support import Portal
from testkit.support import make_settings


@asynccontextmanager
async def module_database(admin_url: str) -> AsyncIterator[str]:
    """A migrated database of its own, dropped afterwards (as the per-test `database_url` is)."""
    template = await ensure_template(admin_url)
    async with fresh_database(admin_url, template=template) as url:
        yield url


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

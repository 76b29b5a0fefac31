"""Fixtures for the end-to-end tests: the real application on a fresh database."""

from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import pytest
from pytest_aiohttp import AiohttpClient

from immportal.app.web_app import create_app
from testkit.e2e_support import Portal, PortalOpener, with_host_port
from testkit.support import make_settings
from testkit.tcp_proxy import TcpProxy


@pytest.fixture
def open_portal(database_url: str, aiohttp_client: AiohttpClient) -> PortalOpener:
    """Start the real application (on this test's database unless given another URL).

    `database_url` comes first so that the database is dropped only after the
    application has stopped: fixtures are torn down in reverse order of set-up.
    """

    async def open_(url: str | None = None, **overrides: object) -> Portal:
        app = create_app(make_settings(url or database_url, **overrides))
        return Portal(await aiohttp_client(app))

    return open_


@pytest.fixture
async def portal(open_portal: PortalOpener) -> Portal:
    """The application with its development pages, on this test's own database."""
    return await open_portal(dev=True)


@pytest.fixture
async def db_proxy(database_url: str) -> AsyncIterator[TcpProxy]:
    """A TCP proxy in front of this test's database server; close it to cut the database off."""
    server = urlsplit(database_url)
    proxy = TcpProxy(server.hostname or "127.0.0.1", server.port or 5432)
    await proxy.start()
    yield proxy
    await proxy.close()


@pytest.fixture
async def proxied_portal(
    db_proxy: TcpProxy, open_portal: PortalOpener, database_url: str
) -> Portal:
    """The application with its development pages, reaching its database through `db_proxy`."""
    return await open_portal(with_host_port(database_url, "127.0.0.1", db_proxy.port), dev=True)

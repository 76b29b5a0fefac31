"""Versioned SQL migrations, applied in order under an advisory lock and recorded."""

import hashlib
from dataclasses import dataclass
from importlib import resources

import asyncpg
import structlog

from immportal.adapters.postgres.connection import connect, map_db_errors

log = structlog.get_logger(__name__)

# Any constant works; it only has to differ from the portal's other advisory locks.
MIGRATION_LOCK = 7_160_001


class MigrationError(Exception):
    """A recorded migration no longer matches its file."""


@dataclass(frozen=True)
class Migration:
    """One numbered SQL file."""

    version: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        """Fingerprint of the file, to notice edits to an applied migration."""
        return hashlib.sha256(self.sql.encode()).hexdigest()


def load_migrations(app_role: str) -> list[Migration]:
    """Read the packaged migrations in version order, with the app role filled in."""
    quoted = '"' + app_role.replace('"', '""') + '"'
    folder = resources.files("immportal.adapters.postgres") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            version = int(entry.name.split("_", 1)[0])
            sql = entry.read_text(encoding="utf-8").replace("{{app_role}}", quoted)
            found.append(Migration(version, entry.name, sql))
    return sorted(found, key=lambda m: m.version)


async def migrate(dsn: str, app_role: str) -> list[str]:
    """Apply every pending migration; return the names applied now."""
    conn = await connect(dsn)
    try:
        with map_db_errors():
            await conn.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
            try:
                return await _apply_pending(conn, load_migrations(app_role))
            finally:
                await conn.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)
    finally:
        await conn.close()


async def _apply_pending(conn: asyncpg.Connection, migrations: list[Migration]) -> list[str]:
    await conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,"
        " applied_at timestamptz NOT NULL DEFAULT now())"
    )
    rows = await conn.fetch("SELECT version, checksum FROM schema_migrations")
    applied = {row["version"]: row["checksum"] for row in rows}
    done = []
    for migration in migrations:
        if migration.version in applied:
            if applied[migration.version] != migration.checksum:
                raise MigrationError(f"{migration.name} changed after it was applied")
            continue
        async with conn.transaction():
            await conn.execute(migration.sql)
            await conn.execute(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                migration.version,
                migration.name,
                migration.checksum,
            )
        log.info("migration_applied", migration=migration.name)
        done.append(migration.name)
    return done

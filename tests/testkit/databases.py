"""Test databases: a migrated template built once, cloned for each test that needs one.

Migrating a new database and creating its read models costs several hundred
milliseconds; copying a database that has them with `CREATE DATABASE ... TEMPLATE`
costs about what creating an empty one does. The template holds what the portal's first
start leaves: every migration and the read models' first generation. It is named by a
hash of the migrations and the read models' DDL, so any change to them gets a new
template, and it is built under an advisory lock, so test processes started together
(pytest-xdist, or another checkout on the same server) build it only once. Roles the
migrations create are cluster-wide and outlive the template's build.
"""

import hashlib
import inspect
import sys
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

import asyncpg

from immportal.adapters.postgres import migrations
from immportal.adapters.postgres.connection import connect
from immportal.adapters.postgres.migrations import load_migrations, migrate
from immportal.app.container import all_projections
from immportal.projections import engine
from immportal.projections.base import physical_tables
from immportal.projections.engine import ensure_projection
from immportal.settings import Settings

APP_ROLE: str = Settings.model_fields["database_app_role"].default
"""The role tests' settings run as (make_settings keeps the default)."""

# Any constant works; it only has to differ from the portal's own advisory locks.
TEMPLATE_LOCK = 7_160_900
TEMPLATE_PREFIX = "immportal_template_"
STALE_AFTER = timedelta(hours=6)
"""Templates of other migrations older than this are dropped when a new one is built."""


def url_for(admin: str, database: str) -> str:
    """The admin URL pointed at another database."""
    base, _, query = admin.partition("?")
    base = base.rsplit("/", 1)[0] + "/" + database
    return base + ("?" + query if query else "")


def template_name(app_role: str = APP_ROLE) -> str:
    """The template's name: a hash of the migrations, the read models and the code applying them."""
    digest = hashlib.sha256()
    # The code that applies them decides what the database holds too (schema_migrations,
    # the projections' state and views), and so does this module's build.
    for module in (migrations, engine, sys.modules[__name__]):
        digest.update(inspect.getsource(module).encode())
    for migration in load_migrations(app_role):
        digest.update(f"\0{migration.name}\0{migration.sql}".encode())
    for projection in all_projections():
        for statement in projection.ddl(physical_tables(projection, 1)):
            digest.update(f"\0{projection.name}\0{statement}".encode())
    return TEMPLATE_PREFIX + digest.hexdigest()[:16]


async def ensure_template(admin_url: str, app_role: str = APP_ROLE) -> str:
    """Build the migrated template unless it exists already; return its name."""
    name = template_name(app_role)
    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute("SELECT pg_advisory_lock($1)", TEMPLATE_LOCK)
        try:
            if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
                await _build(conn, admin_url, name, app_role)
                await _drop_stale(conn, name)
        finally:
            await conn.execute("SELECT pg_advisory_unlock($1)", TEMPLATE_LOCK)
    finally:
        await conn.close()
    return name


async def _build(conn: asyncpg.Connection, admin_url: str, name: str, app_role: str) -> None:
    # Built under another name and renamed when complete: a run stopped half-way
    # leaves only a `_building` database, which the next build drops and redoes.
    building = name + "_building"
    await conn.execute(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
    await conn.execute(f'CREATE DATABASE "{building}"')
    url = url_for(admin_url, building)
    await migrate(url, app_role)
    await _create_read_models(url, app_role)
    # A template is copied only while nobody is connected to it; refusing connections
    # for good means a stray client cannot make a later clone fail.
    await conn.execute(f'ALTER DATABASE "{building}" WITH ALLOW_CONNECTIONS false IS_TEMPLATE true')
    await conn.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
    # PostgreSQL keeps no creation time for a database: the comment records it.
    await conn.execute(f"COMMENT ON DATABASE \"{name}\" IS '{datetime.now(UTC).isoformat()}'")


async def _drop_stale(conn: asyncpg.Connection, current: str) -> None:
    # Every change to the migrations builds a new template; old ones would pile up. Hours
    # of grace leave them to test sessions still running on the code before the change.
    rows = await conn.fetch(
        "SELECT datname, shobj_description(oid, 'pg_database') AS built FROM pg_database"
        " WHERE datistemplate AND starts_with(datname, $1) AND datname <> $2",
        TEMPLATE_PREFIX,
        current,
    )
    for row in rows:
        built = _parse_time(row["built"])
        if built is not None and datetime.now(UTC) - built > STALE_AFTER:
            await conn.execute(f'ALTER DATABASE "{row["datname"]}" WITH IS_TEMPLATE false')
            await conn.execute(f'DROP DATABASE IF EXISTS "{row["datname"]}" WITH (FORCE)')


def _parse_time(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


async def _create_read_models(url: str, app_role: str) -> None:
    # As the runtime does on its first start, as the application role (which owns them).
    conn = await connect(url, role=app_role)
    try:
        for projection in all_projections():
            await ensure_projection(conn, projection)
    finally:
        await conn.close()


async def create_database(admin_url: str, *, template: str | None = None) -> str:
    """A new database, a copy of the template if one is named, else empty; its URL."""
    name = f"t_{uuid.uuid4().hex[:16]}"
    source = f' TEMPLATE "{template}"' if template else ""
    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"{source}')
    finally:
        await conn.close()
    return url_for(admin_url, name)


async def drop_database(admin_url: str, url: str) -> None:
    """Drop a database made by create_database, closing whatever is still connected."""
    name = url.partition("?")[0].rsplit("/", 1)[1]
    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@asynccontextmanager
async def fresh_database(admin_url: str, *, template: str | None = None) -> AsyncIterator[str]:
    """A database of its own for a test or module (see create_database), dropped afterwards."""
    url = await create_database(admin_url, template=template)
    try:
        yield url
    finally:
        await drop_database(admin_url, url)

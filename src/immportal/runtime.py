"""The shared resources of a process: database, event store, notifier, services."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass

import asyncpg

from immportal.adapters.postgres.connection import connect, create_pool
from immportal.adapters.postgres.embedded import embedded_server
from immportal.adapters.postgres.eventstore import PostgresEventStore
from immportal.adapters.postgres.mapper import create_mapper
from immportal.adapters.postgres.migrations import migrate
from immportal.adapters.postgres.notifier import LogNotifier
from immportal.adapters.postgres.receipts import PostgresReceiptNumbers
from immportal.adapters.postgres.writer import GroupCommitWriter
from immportal.projections.base import Projection
from immportal.projections.case_summary import CaseSummaryProjection
from immportal.projections.case_timeline import CaseTimelineProjection
from immportal.projections.engine import ensure_projection
from immportal.projections.runner import ProjectionRunner
from immportal.services.cases import CaseService
from immportal.services.repository import Repository
from immportal.settings import Settings


def all_projections() -> list[Projection]:
    """Every read model the portal maintains."""
    return [CaseSummaryProjection(), CaseTimelineProjection()]


@dataclass
class Runtime:
    """What one process holds open while it runs."""

    settings: Settings
    dsn: str
    pool: asyncpg.Pool
    store: PostgresEventStore
    notifier: LogNotifier
    cases: CaseService

    def runners(self) -> list[ProjectionRunner]:
        """One runner per projection, sharing this process's store and notifier."""
        return [
            ProjectionRunner(
                dsn=self.dsn,
                role=self.settings.database_app_role,
                store=self.store,
                notifier=self.notifier,
                projection=projection,
                batch_size=self.settings.projection_batch_size,
                idle_wait=self.settings.projection_idle_wait,
            )
            for projection in all_projections()
        ]


async def close_pool(pool: asyncpg.Pool) -> None:
    """Close gracefully if the server answers within seconds; otherwise cut the sockets."""
    try:
        await asyncio.wait_for(pool.close(), 5)
    except TimeoutError:
        pool.terminate()


@asynccontextmanager
async def database_url(settings: Settings) -> AsyncIterator[str]:
    """The configured server, or an embedded one started for as long as we run."""
    if settings.database_url:
        yield settings.database_url
        return
    async with embedded_server(settings.data_dir) as url:
        yield url


@asynccontextmanager
async def open_runtime(settings: Settings) -> AsyncIterator[Runtime]:
    """Open everything in order; close it all in reverse, whatever happens."""
    role = settings.database_app_role
    async with AsyncExitStack() as stack:
        dsn = await stack.enter_async_context(database_url(settings))
        if settings.auto_migrate:
            await migrate(dsn, role)
        pool = await create_pool(
            dsn,
            role=role,
            size=settings.database_pool_size,
            command_timeout=settings.database_command_timeout,
        )
        stack.push_async_callback(close_pool, pool)
        writer = GroupCommitWriter(lambda: connect(dsn, role=role))
        writer.start()
        stack.push_async_callback(writer.stop)
        key = settings.cipher_key.get_secret_value() if settings.cipher_key else None
        store = PostgresEventStore(pool, create_mapper(key), writer)
        notifier = LogNotifier(dsn, role=role)
        await notifier.start()
        stack.push_async_callback(notifier.stop)
        # Queries must find the read models even before any worker has led.
        setup = await connect(dsn, role=role)
        try:
            for projection in all_projections():
                await ensure_projection(setup, projection)
        finally:
            await setup.close()
        cases = CaseService(Repository(store), PostgresReceiptNumbers(pool))
        yield Runtime(settings, dsn, pool, store, notifier, cases)


@asynccontextmanager
async def running_projections(runtime: Runtime) -> AsyncIterator[list[ProjectionRunner]]:
    """Run every projection (leader or standby) until the block exits."""
    runners = runtime.runners()
    tasks = [asyncio.create_task(r.run(), name=f"projection-{r.projection.name}") for r in runners]
    try:
        yield runners
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

"""Background workers of a process: projections, relay, notifications, booker, Merkle tree,
housekeeping."""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from contextlib import asynccontextmanager
from typing import Any, Literal

import structlog

from immportal.adapters.mail.texts import JinjaMailTexts
from immportal.adapters.postgres.consumer_inbox import ProcessedMessages
from immportal.app.appointments import auto_booker
from immportal.app.container import Runtime, all_projections, consumer_specs
from immportal.app.housekeeping import housekeeping_job
from immportal.app.transparency import tree_follower
from immportal.processes.relay import Relay
from immportal.projections.base import Projection
from immportal.projections.case_contacts import PostgresRecipients
from immportal.projections.runner import ProjectionRunner
from immportal.services.notifications.account_recipients import AccountRecipients
from immportal.services.notifications.consumer import NotificationConsumer
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)

Kind = Literal[
    "projections", "relay", "notifications", "appointments", "transparency", "maintenance"
]
STOP_RECHECK_SECONDS = 1.0
"""How long shutdown waits for cancelled workers before cancelling the stragglers again."""
ALL_KINDS: tuple[Kind, ...] = (
    "projections",
    "relay",
    "notifications",
    "appointments",
    "transparency",
    "maintenance",
)


def batch_size_for(projection: Projection, configured: int) -> int:
    """Events per transaction: the configured size, or the projection's cap if smaller."""
    return min(configured, projection.max_batch or configured)


def projection_runners(runtime: Runtime) -> list[ProjectionRunner]:
    """One runner per projection, sharing this process's store and notifier."""
    settings = runtime.settings
    return [
        ProjectionRunner(
            dsn=runtime.dsn,
            role=settings.database_app_role,
            store=runtime.store,
            notifier=runtime.notifier,
            projection=projection,
            batch_size=batch_size_for(projection, settings.projection_batch_size),
            idle_wait=settings.projection_idle_wait,
        )
        for projection in all_projections(runtime)
    ]


def relay(runtime: Runtime) -> Relay:
    """The relay from the log to the bus."""
    return Relay(
        dsn=runtime.dsn,
        role=runtime.settings.database_app_role,
        store=runtime.store,
        notifier=runtime.notifier,
        publisher=runtime.bus,
        batch_size=runtime.settings.relay_batch_size,
        idle_wait=runtime.settings.projection_idle_wait,
    )


def notification_consumer(runtime: Runtime) -> NotificationConsumer:
    """The consumer that emails applicants."""
    return NotificationConsumer(
        mailer=runtime.mailer,
        recipients=PostgresRecipients(runtime.pool),
        accounts=AccountRecipients(Repository(runtime.store)),
        processed=ProcessedMessages(runtime.pool),
        sign_in_url=runtime.settings.public_url.rstrip("/") + "/",
        texts=JinjaMailTexts(),
    )


def worker_jobs(runtime: Runtime, kinds: Sequence[Kind]) -> list[Coroutine[Any, Any, None]]:
    """The coroutines that keep the chosen kinds of worker running."""
    jobs: list[Coroutine[Any, Any, None]] = []
    if "projections" in kinds:
        jobs += [runner.run() for runner in projection_runners(runtime)]
    if "relay" in kinds:
        jobs.append(relay(runtime).run())
    if "appointments" in kinds:
        jobs.append(auto_booker(runtime).run())
    if "transparency" in kinds:
        jobs.append(tree_follower(runtime).run())
    if "maintenance" in kinds:
        jobs.append(housekeeping_job(runtime))
    if "notifications" in kinds:
        [spec] = consumer_specs(runtime.settings)
        handler = notification_consumer(runtime).handle
        jobs.append(supervised("notifications", lambda: runtime.bus.consume(spec, handler)))
    return jobs


async def supervised(name: str, start: Callable[[], Awaitable[None]]) -> None:
    """Run a job; if it fails (say, the broker was away when it started), start it again."""
    pause = 1.0
    while True:
        try:
            await start()
            return  # the job ended on purpose (its bus was closed)
        except Exception as exc:
            log.error("worker_failed", worker=name, error=type(exc).__name__, retry_in=pause)
        await asyncio.sleep(pause)
        pause = min(pause * 2, 30.0)


@asynccontextmanager
async def running(jobs: list[Coroutine[Any, Any, None]]) -> AsyncIterator[None]:
    """Run the jobs as tasks until the block exits, then cancel and await them."""
    tasks = [asyncio.create_task(job) for job in jobs]
    try:
        yield
    finally:
        await _stop(tasks)


async def _stop(tasks: list[asyncio.Task[None]]) -> None:
    # On Python 3.11 a cancellation that lands just as an awaited connection attempt fails
    # can be lost inside asyncio.wait_for (the failure is raised instead), and a retry loop
    # then carries on. Cancelling again until every task has ended makes shutdown certain.
    pending = set(tasks)
    while pending:
        for task in pending:
            task.cancel()
        _done, pending = await asyncio.wait(pending, timeout=STOP_RECHECK_SECONDS)
        if pending:
            log.warning("workers_cancelled_again", count=len(pending))


@asynccontextmanager
async def running_projections(runtime: Runtime) -> AsyncIterator[list[ProjectionRunner]]:
    """Run every projection (leader or standby) until the block exits."""
    runners = projection_runners(runtime)
    async with running([runner.run() for runner in runners]):
        yield runners

"""Housekeeping from settings: the purge's retention, and the worker job that runs it."""

import asyncio
from datetime import UTC, datetime, timedelta

import structlog

from immportal.adapters.postgres.housekeeping import Retention, purge
from immportal.app.container import Runtime
from immportal.settings import Settings

log = structlog.get_logger(__name__)


def retention(settings: Settings) -> Retention:
    """The retention periods the settings give."""
    return Retention(
        sessions=timedelta(days=settings.retention_sessions_days),
        link_tokens=timedelta(days=settings.retention_link_tokens_days),
        counters=timedelta(days=settings.retention_counters_days),
        processed_messages=timedelta(days=settings.retention_processed_messages_days),
        idempotency_keys=timedelta(days=settings.retention_idempotency_keys_days),
    )


async def purge_now(runtime: Runtime, batch_size: int = 1000) -> dict[str, int]:
    """Purge once; log and return what went."""
    removed = await purge(
        runtime.pool, retention(runtime.settings), datetime.now(UTC), batch_size=batch_size
    )
    log.info("housekeeping_purged", **removed)
    return removed


async def housekeeping_job(runtime: Runtime) -> None:
    """Purge at start and then every `housekeeping_every_seconds`, until cancelled."""
    # Several workers may run this at once: a purge only deletes rows already past their
    # retention, so two at a time remove nothing twice and need no leader.
    while True:
        try:
            await purge_now(runtime)
        except Exception as exc:  # a database hiccup must not end the worker
            log.error("housekeeping_failed", error=type(exc).__name__)
        await asyncio.sleep(runtime.settings.housekeeping_every_seconds)

"""Idempotent consumers: a message's effect and its "processed" mark commit together."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors


class ProcessedMessages:
    """Records which messages each consumer has handled, in PostgreSQL."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    @asynccontextmanager
    async def first_time(self, consumer: str, message_id: str) -> AsyncIterator[bool]:
        """Yield True the first time a consumer sees a message id, False for a repeat.

        The mark is written in a transaction that commits only if the block succeeds,
        so a failed effect leaves the message unprocessed for its retry. A redelivery
        racing the first one waits on the row lock, then sees it as a repeat.
        """
        with map_db_errors():
            async with self._pool.acquire() as conn, conn.transaction():
                inserted = await conn.fetchval(
                    "INSERT INTO processed_messages (consumer, message_id) VALUES ($1, $2)"
                    " ON CONFLICT DO NOTHING RETURNING true",
                    consumer,
                    message_id,
                )
                yield bool(inserted)

    async def count(self, consumer: str) -> int:
        """How many distinct messages a consumer has handled."""
        with map_db_errors():
            value = await self._pool.fetchval(
                "SELECT count(*) FROM processed_messages WHERE consumer = $1", consumer
            )
        return int(value)

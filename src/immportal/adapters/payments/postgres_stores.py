"""Payment idempotency keys and handled webhook ids, in PostgreSQL."""

from __future__ import annotations

import uuid
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.services.payments.ports import KeyReused


class PostgresPaymentKeys:
    """`payment_keys`: the first insert of a key wins, every later one reads it."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def claim(self, key: str, *, case_id: UUID, payer_id: str) -> UUID:
        """The payment id bound to the key (KeyReused if it was bound for someone else)."""
        with map_db_errors():
            row = await self._pool.fetchrow(
                "INSERT INTO payment_keys (idempotency_key, payment_id, case_id, payer_id) "
                "VALUES ($1, $2, $3, $4) ON CONFLICT (idempotency_key) DO NOTHING "
                "RETURNING payment_id, case_id, payer_id",
                key,
                uuid.uuid4(),
                case_id,
                payer_id,
            )
            if row is None:
                # A separate statement: its snapshot sees the concurrent insert that won.
                row = await self._pool.fetchrow(
                    "SELECT payment_id, case_id, payer_id FROM payment_keys "
                    "WHERE idempotency_key = $1",
                    key,
                )
        if row is None or UUID(str(row["case_id"])) != case_id or row["payer_id"] != payer_id:
            raise KeyReused("idempotency key used for another payment")
        # asyncpg's own UUID type is not the one the event transcoder knows.
        return UUID(str(row["payment_id"]))

    async def payments_of(self, case_id: UUID) -> list[UUID]:
        """Payment ids of a case, oldest first."""
        with map_db_errors():
            rows = await self._pool.fetch(
                "SELECT payment_id FROM payment_keys WHERE case_id = $1 ORDER BY created_at",
                case_id,
            )
        return [UUID(str(row["payment_id"])) for row in rows]


class PostgresSeenWebhooks:
    """`payment_webhook_events`: ids of webhook deliveries already handled."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def seen(self, event_id: str) -> bool:
        """Whether the event id was handled before."""
        with map_db_errors():
            found = await self._pool.fetchval(
                "SELECT 1 FROM payment_webhook_events WHERE event_id = $1", event_id
            )
        return found is not None

    async def remember(self, event_id: str) -> None:
        """Note the event id as handled."""
        with map_db_errors():
            await self._pool.execute(
                "INSERT INTO payment_webhook_events (event_id) VALUES ($1) "
                "ON CONFLICT (event_id) DO NOTHING",
                event_id,
            )

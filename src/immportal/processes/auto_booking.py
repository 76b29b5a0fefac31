"""Book a biometrics appointment for every accepted case, following the event log.

One leader at a time (an advisory lock, like the relay and the projections) reads the
log from its recorded position. Each Accepted event gets a booking whose id is derived
from the case and the event's version, so reading an event again after a restart finds
the booking already made instead of making a second one.
"""

import asyncio
from datetime import timedelta
from uuid import UUID

import asyncpg
import structlog

from immportal.adapters.postgres.connection import map_db_errors
from immportal.adapters.postgres.eventstore import PostgresEventStore
from immportal.adapters.postgres.log_worker import LeadingLogWorker
from immportal.adapters.postgres.notifier import LogNotifier
from immportal.domain.errors import DomainError
from immportal.projections.base import view_name
from immportal.projections.case_summary import CASE_TOPIC
from immportal.services.appointments.service import AppointmentService

log = structlog.get_logger(__name__)

AUTO_BOOKING_LOCK_CLASS = 720
AUTO_BOOKING_NAME = "biometrics"
ACCEPTED_TOPIC = CASE_TOPIC + "Accepted"
WAITING_AFTER = timedelta(minutes=1)
"""An accepted case not booked this long after acceptance is tried again."""
STALE_HOLD = timedelta(minutes=5)
"""A booking held this long belongs to an attempt that stopped half-way."""


class AutoBooker(LeadingLogWorker):
    """Reacts to accepted cases by booking their biometrics, one leader at a time."""

    def __init__(
        self,
        *,
        dsn: str,
        role: str | None,
        store: PostgresEventStore,
        notifier: LogNotifier,
        appointments: AppointmentService,
        batch_size: int = 200,
        idle_wait: float = 1.0,
        settle_every: float = 60.0,
    ) -> None:
        super().__init__(
            dsn=dsn,
            role=role,
            store=store,
            notifier=notifier,
            lock_class=AUTO_BOOKING_LOCK_CLASS,
            name=AUTO_BOOKING_NAME,
            batch_size=batch_size,
            idle_wait=idle_wait,
        )
        self._appointments = appointments
        self._settle_every = settle_every

    async def _lead(self, conn: asyncpg.Connection) -> None:
        with map_db_errors():
            await conn.execute(
                "INSERT INTO appointment_worker_positions (name) VALUES ($1)"
                " ON CONFLICT DO NOTHING",
                AUTO_BOOKING_NAME,
            )
            self.position = await conn.fetchval(
                "SELECT position FROM appointment_worker_positions WHERE name = $1",
                AUTO_BOOKING_NAME,
            )
        loop = asyncio.get_running_loop()
        next_settle = loop.time()
        while True:
            if loop.time() >= next_settle:
                await self._appointments.settle_stale(STALE_HOLD)
                await self._book_waiting(conn)
                next_settle = loop.time() + self._settle_every
            records = await self._store.read_log(self.position, self._batch_size, conn=conn)
            for record in records:
                if record.topic == ACCEPTED_TOPIC:
                    await self._book(record.originator_id, record.originator_version)
            if records:
                # Once per batch: a batch read again books nothing twice (see booking_id).
                await self._record_position(conn, records[-1].position)
            if len(records) < self._batch_size:
                await self._notifier.wait(self.position, self._idle_wait)

    async def _book_waiting(self, conn: asyncpg.Connection) -> None:
        # Cases accepted while every nearby slot was taken (or before the calendars were
        # filled) are still waiting: try them again now that places may have opened.
        with map_db_errors():
            rows = await conn.fetch(
                f"SELECT case_id, version FROM {view_name('case_summary')}"
                " WHERE status = 'accepted' AND accepted_at < now() - $1::interval"
                " ORDER BY accepted_at LIMIT $2",
                WAITING_AFTER,
                self._batch_size,
            )
        for row in rows:
            await self._book(row["case_id"], row["version"])

    async def _book(self, case_id: UUID, version: int) -> None:
        try:
            await self._appointments.auto_book_biometrics(case_id, version)
        except DomainError as refused:
            # A rule refused this case; retrying the same event would refuse it again.
            log.warning("biometrics_not_booked", reason=type(refused).__name__)

    async def _record_position(self, conn: asyncpg.Connection, position: int) -> None:
        with map_db_errors():
            await conn.execute(
                "UPDATE appointment_worker_positions SET position = $2, updated_at = now()"
                " WHERE name = $1",
                AUTO_BOOKING_NAME,
                position,
            )
        self.position = position

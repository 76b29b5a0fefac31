"""What every worker that follows the event log shares: one leader per name, a position."""

from abc import ABC, abstractmethod

import asyncpg

from immportal.adapters.postgres.eventstore import PostgresEventStore
from immportal.adapters.postgres.leader import Leadership
from immportal.adapters.postgres.notifier import LogNotifier


class LeadingLogWorker(ABC):
    """Reads the global log in batches while it holds the leader lock of its name."""

    def __init__(
        self,
        *,
        dsn: str,
        role: str | None,
        store: PostgresEventStore,
        notifier: LogNotifier,
        lock_class: int,
        name: str,
        batch_size: int,
        idle_wait: float,
    ) -> None:
        self._store = store
        self._notifier = notifier
        self._batch_size = batch_size
        self._idle_wait = idle_wait
        self._leadership = Leadership(
            dsn=dsn, role=role, lock_class=lock_class, name=name, poll=idle_wait
        )
        self.position = 0

    @property
    def is_leader(self) -> bool:
        """Whether this worker currently leads."""
        return self._leadership.is_leader

    async def run(self) -> None:
        """Lead when possible, until cancelled."""
        await self._leadership.run(self._lead)

    @abstractmethod
    async def _lead(self, conn: asyncpg.Connection) -> None:
        """The work of the leader, on its own connection, until it fails or is cancelled."""

"""Leader election with a session advisory lock: one leader per name, others stand by."""

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

import asyncpg
import structlog

from immportal.adapters.postgres.connection import connect, map_db_errors
from immportal.errors import DatabaseUnavailable

log = structlog.get_logger(__name__)

Work = Callable[[asyncpg.Connection], Awaitable[None]]


class Leadership:
    """Runs `work` on a dedicated connection while holding the lock (lock_class, name)."""

    def __init__(
        self, *, dsn: str, role: str | None, lock_class: int, name: str, poll: float = 1.0
    ) -> None:
        self._dsn = dsn
        self._role = role
        self._lock_class = lock_class
        self.name = name
        self._poll = poll
        self.is_leader = False

    async def run(self, work: Work) -> None:
        """Elect, lead, and after any failure start over with a growing pause."""
        pause = 0.5
        while True:
            try:
                await self._session(work)
                pause = 0.5
            except DatabaseUnavailable as exc:
                log.warning("leader_db_unavailable", leader=self.name, error=str(exc))
            except Exception as exc:  # a failing step rolls back; retry later rather than die
                # Type and SQLSTATE only: driver messages can quote personal data.
                log.error(
                    "leader_failed",
                    leader=self.name,
                    error=type(exc).__name__,
                    sqlstate=getattr(exc, "sqlstate", None),
                )
            finally:
                self.is_leader = False
            _raise_if_cancelled()
            await asyncio.sleep(pause)
            pause = min(pause * 2, 10.0)

    async def _session(self, work: Work) -> None:
        conn = await connect(self._dsn, role=self._role)
        try:
            while not await self._try_lead(conn):  # noqa: ASYNC110 - polling a lock held elsewhere
                await asyncio.sleep(self._poll)
            self.is_leader = True
            log.info("leading", leader=self.name)
            await work(conn)
        finally:
            try:
                # Release leadership before closing, so a standby (or a status check)
                # sees it gone as soon as this one has stopped.
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(self._release(conn), 2)
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(conn.close(), 2)
            finally:
                # A close that timed out or was cancelled again (a slow shutdown cancels
                # stragglers every second) would leave the session, and its lock, open:
                # dropping the socket ends the session and frees the lock for the next leader.
                if not conn.is_closed():
                    conn.terminate()

    async def _try_lead(self, conn: asyncpg.Connection) -> bool:
        with map_db_errors():
            won: bool = await conn.fetchval(
                "SELECT pg_try_advisory_lock($1, hashtext($2))", self._lock_class, self.name
            )
        return won

    async def _release(self, conn: asyncpg.Connection) -> None:
        if self.is_leader and not conn.is_closed():
            await conn.execute(
                "SELECT pg_advisory_unlock($1, hashtext($2))", self._lock_class, self.name
            )


def _raise_if_cancelled() -> None:
    # A cancellation can be lost on Python 3.11 when it lands just as a connection attempt
    # fails inside asyncio.wait_for (the failure is raised instead); the task still counts
    # the request, so honour it here rather than retry.
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError

"""Work that follows a request but must not delay its answer: mail, notices, bookkeeping.

Whether an account uses an address must not show in how long the answer takes, so what
only a known address needs (a reset link mailed, a failure recorded on the account, a
notice) runs here, after the answer, the same way for every address.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import structlog

log = structlog.get_logger(__name__)

Work = Callable[[], Awaitable[object]]


class AfterResponse:
    """Runs follow-up work as tasks of the event loop; waits for them when the process stops."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()

    def run(self, work: Work, what: str) -> None:
        """Start the work now without waiting for it; a failure is logged as `what`."""
        task = asyncio.get_running_loop().create_task(self._guarded(work, what), name=what)
        # The loop keeps only weak references to tasks; hold each until it is done.
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self) -> None:
        """Wait until the work started so far (and what it starts) has finished."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    @property
    def pending(self) -> int:
        """How many pieces of work have not finished yet."""
        return len(self._tasks)

    @staticmethod
    async def _guarded(work: Work, what: str) -> None:
        try:
            await work()
        except Exception:  # nobody awaits this task: the log is where a failure ends
            log.exception("after_response_failed", work=what)

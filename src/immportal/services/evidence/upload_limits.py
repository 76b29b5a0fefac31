"""How many uploads one account may send: a few at a time, and so many an hour.

Each upload costs the server real work (streaming, hashing, inspection, a virus scan),
so one account must not be able to keep the inspection pool busy for everyone. The
count is kept in the web process's memory: the work it protects is that process's
own, so a per-process count is the right one, and it needs no database round trip.
"""

import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from immportal.services.evidence.intake import UploadRefused

UPLOADS_PER_HOUR = 60
"""More than any person sends answering a request for evidence; a script hits it."""
UPLOADS_AT_ONCE = 2
"""Files of one account inspected at the same time."""
WINDOW_SECONDS = 3600.0
_PRUNE_ABOVE = 10_000
"""Accounts remembered before those with no upload left in the window are forgotten."""


class TooManyUploads(UploadRefused):
    """The account sent too many files too quickly; nothing of this one was kept."""


class UploadLimits:
    """At most `per_window` uploads per account in any `window` seconds, `at_once` at a time."""

    def __init__(
        self,
        *,
        per_window: int = UPLOADS_PER_HOUR,
        at_once: int = UPLOADS_AT_ONCE,
        window: float = WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._per_window, self._at_once, self._window = per_window, at_once, window
        self._clock = clock
        self._recent: dict[str, deque[float]] = {}
        self._running: dict[str, int] = {}

    @contextmanager
    def admit(self, account_id: str) -> Iterator[None]:
        """Count one upload of the account for its duration; raise TooManyUploads if over."""
        now = self._clock()
        if len(self._recent) > _PRUNE_ABOVE:
            self._prune(now)
        recent = self._recent.setdefault(account_id, deque())
        while recent and recent[0] <= now - self._window:
            recent.popleft()
        if self._running.get(account_id, 0) >= self._at_once:
            raise TooManyUploads("Wait for your other files to finish uploading, then try again.")
        if len(recent) >= self._per_window:
            minutes = max(1, round((recent[0] + self._window - now) / 60))
            raise TooManyUploads(
                f"You have sent many files in the last hour. Try again in {minutes} minutes."
            )
        recent.append(now)
        self._running[account_id] = self._running.get(account_id, 0) + 1
        try:
            yield
        finally:
            self._running[account_id] -= 1
            if not self._running[account_id]:
                del self._running[account_id]
            if not recent:
                self._recent.pop(account_id, None)

    def _prune(self, now: float) -> None:
        for account_id, recent in list(self._recent.items()):
            if (not recent or recent[-1] <= now - self._window) and (
                account_id not in self._running
            ):
                del self._recent[account_id]

"""How long sign-in waits after wrong passwords or wrong codes: slow guessing, never lock out.

Wrong passwords are counted for the email address typed, whether or not an account uses
it, so a delayed address answers exactly like an unknown one. They are counted twice:
from the client's network (/24 or /48) and from everywhere. A guesser on one network
soon makes that network wait for that address only; the owner elsewhere still signs in,
until guesses from many networks together reach the larger allowance. A browser the
account has completed a sign-in from before is never made to wait (see the service).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

FREE_PASSWORD_TRIES = 5
"""Wrong passwords from one network for one address before that pair waits."""
FREE_ADDRESS_TRIES = 20
"""Wrong passwords from all networks together for one address before it waits everywhere."""
FIRST_DELAY = timedelta(seconds=30)
LONGEST_DELAY = timedelta(hours=1)
RUN_FORGOTTEN_AFTER = timedelta(hours=24)
"""A run of wrong passwords with no new one for this long starts again from zero."""
CODE_TRIES = 10
CODE_PAUSE = timedelta(minutes=10)


def password_delay(failures: int, free: int = FREE_PASSWORD_TRIES) -> timedelta:
    """The wait after this many wrong passwords in a row: 30 s at the first past `free`,
    doubling, up to 1 h."""
    if failures < free:
        return timedelta(0)
    # Past eight doublings (30 s x 256) the cap has long applied; stop before numbers grow.
    doublings = min(failures - free, 8)
    return min(FIRST_DELAY * (1 << doublings), LONGEST_DELAY)


def code_pause(failures: int) -> timedelta:
    """The pause of the code step after this many wrong codes in a row: 10 min from the 10th."""
    return CODE_PAUSE if failures >= CODE_TRIES else timedelta(0)


@dataclass(frozen=True)
class GuessRun:
    """Wrong passwords in a row for one address: how many, and when the last came."""

    failures: int = 0
    last_at: datetime | None = None

    def wait_until(self, free: int) -> datetime | None:
        """Until when this run makes sign-in wait, if at all."""
        wait = password_delay(self.failures, free)
        return self.last_at + wait if self.last_at is not None and wait else None


def guesses_wait_until(here: GuessRun, everywhere: GuessRun, now: datetime) -> datetime | None:
    """Until when wrong passwords make this address wait on this network; None if it may try."""
    ends = [
        until
        for until in (
            here.wait_until(FREE_PASSWORD_TRIES),
            everywhere.wait_until(FREE_ADDRESS_TRIES),
        )
        if until is not None and until > now
    ]
    return max(ends, default=None)

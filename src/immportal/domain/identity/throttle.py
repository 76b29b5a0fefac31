"""How long sign-in waits after wrong passwords or wrong codes: slow guessing, never lock out."""

from __future__ import annotations

from datetime import timedelta

FREE_PASSWORD_TRIES = 5
FIRST_DELAY = timedelta(seconds=30)
LONGEST_DELAY = timedelta(hours=1)
CODE_TRIES = 10
CODE_PAUSE = timedelta(minutes=10)


def password_delay(failures: int) -> timedelta:
    """The wait after this many wrong passwords in a row: 30 s at the 5th, doubling, up to 1 h."""
    if failures < FREE_PASSWORD_TRIES:
        return timedelta(0)
    # Past eight doublings (30 s x 256) the cap has long applied; stop before numbers grow.
    doublings = min(failures - FREE_PASSWORD_TRIES, 8)
    return min(FIRST_DELAY * (1 << doublings), LONGEST_DELAY)


def code_pause(failures: int) -> timedelta:
    """The pause of the code step after this many wrong codes in a row: 10 min from the 10th."""
    return CODE_PAUSE if failures >= CODE_TRIES else timedelta(0)

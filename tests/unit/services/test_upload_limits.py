"""Uploads per account: a few at a time, and so many an hour."""

import pytest

from immportal.services.evidence.upload_limits import TooManyUploads, UploadLimits


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class TestUploadLimits:
    """The hourly count and the concurrent count, per account."""

    def test_hourly_limit_and_its_end(self) -> None:
        """The fourth upload in the window is refused; an hour after the first, it passes."""
        clock = Clock()
        limits = UploadLimits(per_window=3, window=3600, clock=clock)
        for _ in range(3):
            with limits.admit("ana"):
                clock.now += 10
        with pytest.raises(TooManyUploads, match="Try again in 60 minutes"), limits.admit("ana"):
            pass
        with limits.admit("ben"):
            pass  # another account is not affected
        clock.now = 1000.0 + 3600
        with limits.admit("ana"):
            pass

    def test_at_once(self) -> None:
        """A third file while two of the same account are being checked is refused."""
        limits = UploadLimits(at_once=2, clock=Clock())
        with (
            limits.admit("ana"),
            limits.admit("ana"),
            pytest.raises(TooManyUploads, match="other files"),
            limits.admit("ana"),
        ):
            pass
        with limits.admit("ana"):
            pass  # the two ended

    def test_refusal_is_not_counted(self) -> None:
        """A refused upload does not use up the hour."""
        clock = Clock()
        limits = UploadLimits(per_window=1, at_once=1, clock=clock)
        with limits.admit("ana"), pytest.raises(TooManyUploads), limits.admit("ana"):
            pass
        clock.now += 3600
        with limits.admit("ana"):
            pass

"""Tests for the sign-in throttling schedule in immportal.domain.identity.throttle."""

from __future__ import annotations

from datetime import timedelta

import pytest

from immportal.domain.identity.throttle import code_pause, password_delay


class TestPasswordDelay:
    """Wrong passwords slow sign-in down, doubling from 30 seconds up to one hour."""

    @pytest.mark.parametrize("failures", [0, 1, 4])
    def test_first_four_cost_nothing(self, failures: int) -> None:
        """Up to four wrong passwords in a row cause no wait at all."""
        assert timedelta(0) == password_delay(failures)

    @pytest.mark.parametrize(
        ("failures", "seconds"),
        [(5, 30), (6, 60), (7, 120), (8, 240), (9, 480), (10, 960), (11, 1920), (12, 3600)],
    )
    def test_doubles_from_the_fifth(self, failures: int, seconds: int) -> None:
        """The fifth wrong password costs 30 s and each further one doubles it."""
        assert timedelta(seconds=seconds) == password_delay(failures)

    @pytest.mark.parametrize("failures", [13, 50, 10**9])
    def test_never_more_than_an_hour(self, failures: int) -> None:
        """However many wrong passwords, nobody waits more than an hour."""
        assert timedelta(hours=1) == password_delay(failures)


class TestCodePause:
    """Ten wrong codes in a row pause the code step for ten minutes."""

    @pytest.mark.parametrize("failures", [0, 1, 9])
    def test_nine_wrong_codes_are_free(self, failures: int) -> None:
        """Fewer than ten wrong codes do not pause anything."""
        assert timedelta(0) == code_pause(failures)

    @pytest.mark.parametrize("failures", [10, 11, 100])
    def test_ten_wrong_codes_pause(self, failures: int) -> None:
        """From the tenth wrong code on, the code step pauses for ten minutes."""
        assert timedelta(minutes=10) == code_pause(failures)

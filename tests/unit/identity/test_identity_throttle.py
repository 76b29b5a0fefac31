"""Tests for the sign-in throttling schedule in immportal.domain.identity.throttle."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from immportal.domain.identity.throttle import (
    FREE_ADDRESS_TRIES,
    FREE_PASSWORD_TRIES,
    GuessRun,
    code_pause,
    guesses_wait_until,
    password_delay,
)

NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


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


class TestGuessesWaitUntil:
    """An address waits on a network after five wrong passwords there, everywhere after 20."""

    def test_nothing_counted_nothing_to_wait(self) -> None:
        """An address with no wrong passwords may be tried at once."""
        assert None is guesses_wait_until(GuessRun(), GuessRun(), NOW)

    def test_five_from_this_network(self) -> None:
        """The fifth wrong password from this network makes it wait 30 s from that one."""
        here = GuessRun(FREE_PASSWORD_TRIES, NOW)
        assert NOW + timedelta(seconds=30) == guesses_wait_until(here, here, NOW)

    def test_four_here_and_others_elsewhere(self) -> None:
        """Four here and 19 in all make no wait: each allowance is its own."""
        here, everywhere = GuessRun(4, NOW), GuessRun(19, NOW)
        assert None is guesses_wait_until(here, everywhere, NOW)

    def test_twenty_from_everywhere(self) -> None:
        """Twenty wrong passwords from all networks together make every network wait."""
        everywhere = GuessRun(FREE_ADDRESS_TRIES, NOW)
        assert NOW + timedelta(seconds=30) == guesses_wait_until(GuessRun(), everywhere, NOW)

    def test_the_longer_wait_wins_and_waits_end(self) -> None:
        """With both over, the later end applies; once past it, nothing is left to wait."""
        here = GuessRun(FREE_PASSWORD_TRIES + 2, NOW)
        everywhere = GuessRun(FREE_ADDRESS_TRIES, NOW)
        later = NOW + timedelta(minutes=2)
        assert (later, None) == (
            guesses_wait_until(here, everywhere, NOW),
            guesses_wait_until(here, everywhere, later),
        )

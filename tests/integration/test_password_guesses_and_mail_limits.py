"""Wrong passwords per address and network, and mail limits, in PostgreSQL."""

import asyncio
from datetime import UTC, datetime, timedelta

from immportal.adapters.postgres.mail_limits import PostgresMailLimits
from immportal.adapters.postgres.password_guesses import PostgresPasswordGuesses
from immportal.app.container import Runtime
from immportal.domain.identity.throttle import RUN_FORGOTTEN_AFTER, GuessRun

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
KEY = "maria.garcia@example.org"


class TestPasswordGuesses:
    """Runs are kept per (address, network), summed over networks, and forgotten."""

    async def test_here_and_everywhere(self, runtime: Runtime) -> None:
        """Two from one /24 and one from another: here counts two, everywhere three."""
        guesses = PostgresPasswordGuesses(runtime.pool)
        await guesses.record_failure("192.0.2.10", KEY, T0)
        await guesses.record_failure("192.0.2.99", KEY, T0 + timedelta(seconds=1))
        await guesses.record_failure("198.51.100.1", KEY, T0 + timedelta(seconds=2))
        here, everywhere = await guesses.runs("192.0.2.1", KEY, T0 + timedelta(seconds=3))
        other = await guesses.runs("192.0.2.1", "someone.else@example.org", T0)
        assert (GuessRun(2, T0 + timedelta(seconds=1)), 3) == (here, everywhere.failures)
        assert (GuessRun(), GuessRun()) == other

    async def test_no_address_is_one_network(self, runtime: Runtime) -> None:
        """A request with no IP address (a Unix socket) is counted, as a network of its own."""
        guesses = PostgresPasswordGuesses(runtime.pool)
        await guesses.record_failure(None, KEY, T0)
        here, _ = await guesses.runs(None, KEY, T0)
        assert 1 == here.failures

    async def test_concurrent_failures_are_all_counted(self, runtime: Runtime) -> None:
        """Twenty failures at once leave a run of twenty."""
        guesses = PostgresPasswordGuesses(runtime.pool)
        await asyncio.gather(*(guesses.record_failure("203.0.113.5", KEY, T0) for _ in range(20)))
        here, _ = await guesses.runs("203.0.113.5", KEY, T0)
        assert 20 == here.failures

    async def test_forgotten_after_a_quiet_day_and_after_the_right_password(
        self, runtime: Runtime
    ) -> None:
        """An idle run starts again at one; the right password clears every network's run."""
        guesses = PostgresPasswordGuesses(runtime.pool)
        for _ in range(3):
            await guesses.record_failure("192.0.2.10", KEY, T0)
        later = T0 + RUN_FORGOTTEN_AFTER + timedelta(minutes=1)
        idle, _ = await guesses.runs("192.0.2.10", KEY, later)
        await guesses.record_failure("192.0.2.10", KEY, later)
        again, _ = await guesses.runs("192.0.2.10", KEY, later)
        await guesses.forget(KEY)
        cleared = await guesses.runs("192.0.2.10", KEY, later)
        assert (GuessRun(), GuessRun(1, later)) == (idle, again)
        assert (GuessRun(), GuessRun()) == cleared

    async def test_no_address_is_stored(self, runtime: Runtime) -> None:
        """The table holds a digest of the address, never the address."""
        guesses = PostgresPasswordGuesses(runtime.pool)
        await guesses.record_failure("192.0.2.10", KEY, T0)
        stored = await runtime.pool.fetchval("SELECT address_digest FROM password_guesses")
        assert (64, False) == (len(stored), "maria" in stored)


class TestMailLimits:
    """So many mails per address and per network per hour; the count goes on past the limit."""

    async def test_per_address(self, runtime: Runtime) -> None:
        """Three allowed to one address, from any network; the fourth is not."""
        limits = PostgresMailLimits(runtime.pool, per_address=3, per_network=100)
        answers = [await limits.allow(KEY, f"10.0.{n}.1", T0) for n in range(4)]
        assert [True, True, True, False] == answers

    async def test_per_network(self, runtime: Runtime) -> None:
        """Two allowed from one network, to any addresses; the third is not."""
        limits = PostgresMailLimits(runtime.pool, per_address=100, per_network=2)
        answers = [await limits.allow(f"p{n}@example.org", "192.0.2.7", T0) for n in range(3)]
        assert [True, True, False] == answers

    async def test_next_window_starts_afresh(self, runtime: Runtime) -> None:
        """An hour later the address may be sent mail again."""
        limits = PostgresMailLimits(runtime.pool, per_address=1, per_network=100)
        first = [await limits.allow(KEY, "192.0.2.7", T0) for _ in range(2)]
        later = await limits.allow(KEY, "192.0.2.7", T0 + timedelta(hours=1))
        assert ([True, False], True) == (first, later)

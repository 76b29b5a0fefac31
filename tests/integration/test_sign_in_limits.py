"""Failed sign-ins per network and delay-notice claims in PostgreSQL (sign_in_limits)."""

import asyncio
from datetime import UTC, datetime, timedelta
from ipaddress import ip_network
from uuid import uuid4

import pytest

from immportal.adapters.postgres.sign_in_limits import (
    PostgresNoticeClaims,
    PostgresSignInLimits,
    window_start,
)
from immportal.app.container import Runtime

Limits = PostgresSignInLimits

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # the start of a 15-minute window


def minutes(n: float) -> datetime:
    """A moment n minutes after T0."""
    return T0 + timedelta(minutes=n)


@pytest.fixture
def limits(runtime: Runtime) -> PostgresSignInLimits:
    """Limits of three failures per 15-minute window, on the application role's pool."""
    return PostgresSignInLimits(runtime.pool, limit=3)


class TestCounting:
    async def test_windows_are_aligned_fixed_slices(self) -> None:
        """Every moment of a window maps to the same start, and the next window starts after."""
        starts = {window_start(minutes(m)) for m in (0, 7, 14.99)}
        assert ({T0}, minutes(15)) == (starts, window_start(minutes(15)))

    async def test_addresses_of_one_ipv4_24_share_a_count(self, limits: Limits) -> None:
        """Failures from 10.0.0.1 and 10.0.0.200 count together; 10.0.1.1 counts apart."""
        for address in ("10.0.0.1", "10.0.0.200", "10.0.0.7", "10.0.1.1"):
            await limits.record_failure(address, minutes(1))

        counts = [
            await limits.failures(ip_network(n), minutes(2)) for n in ("10.0.0.0/24", "10.0.1.0/24")
        ]
        assert [3, 1] == counts

    async def test_addresses_of_one_ipv6_48_share_a_count(self, limits: Limits) -> None:
        """Two addresses in 2001:db8:1::/48 count together."""
        await limits.record_failure("2001:db8:1:2::1", minutes(1))
        count = await limits.record_failure("2001:db8:1:ffff::9", minutes(1))

        assert 2 == count

    async def test_the_limit_blocks_the_network_only(self, limits: Limits) -> None:
        """After three failures the network is blocked; below it, and other networks, are not."""
        for _ in range(2):
            await limits.record_failure("192.0.2.10", minutes(1))
        before = await limits.blocked("192.0.2.99", minutes(1))
        await limits.record_failure("192.0.2.10", minutes(1))

        after = [await limits.blocked(a, minutes(2)) for a in ("192.0.2.99", "198.51.100.1")]
        assert (False, [True, False]) == (before, after)

    async def test_a_new_window_starts_from_zero(self, limits: Limits) -> None:
        """Failures of an ended window no longer block, and the next failure counts as the first."""
        for _ in range(3):
            await limits.record_failure("192.0.2.10", minutes(14))

        blocked_later = await limits.blocked("192.0.2.10", minutes(15))
        first = await limits.record_failure("192.0.2.10", minutes(16))

        assert (False, 1) == (blocked_later, first)

    async def test_concurrent_failures_are_all_counted(self, limits: Limits) -> None:
        """Twenty failures at once get the counts 1 to 20, each once, and leave exactly 20."""
        counts = await asyncio.gather(
            *(limits.record_failure("203.0.113.5", minutes(3)) for _ in range(20))
        )

        total = await limits.failures(ip_network("203.0.113.0/24"), minutes(3))
        assert (list(range(1, 21)), 20) == (sorted(counts), total)

    async def test_no_address_is_never_counted_nor_blocked(self, limits: Limits) -> None:
        """Without an IP address (a Unix socket) there is no network to count by."""
        counts = [await limits.record_failure(None, minutes(1)) for _ in range(5)]

        assert ([0] * 5, False) == (counts, await limits.blocked(None, minutes(1)))

    async def test_purge_drops_ended_windows_only(self, limits: Limits) -> None:
        """Purging removes windows that are over and keeps the current one."""
        await limits.record_failure("192.0.2.1", minutes(1))
        await limits.record_failure("198.51.100.1", minutes(20))

        gone = await limits.purge(minutes(21))

        kept = await limits.failures(ip_network("198.51.100.0/24"), minutes(21))
        assert (1, 1) == (gone, kept)


class TestNoticeClaims:
    async def test_only_one_of_racing_claims_wins(self, runtime: Runtime) -> None:
        """Ten simultaneous claims for one account: exactly one may send the notice."""
        claims, account = PostgresNoticeClaims(runtime.pool), uuid4()

        won = await asyncio.gather(
            *(claims.claim(account, minutes(1), unless_sent_after=minutes(-60)) for _ in range(10))
        )

        assert 1 == sum(won)

    async def test_a_claim_after_the_gap_wins_again(self, runtime: Runtime) -> None:
        """A second notice is refused within the hour and allowed once the hour has passed."""
        claims, account = PostgresNoticeClaims(runtime.pool), uuid4()
        await claims.claim(account, minutes(0), unless_sent_after=minutes(-60))

        soon = await claims.claim(account, minutes(30), unless_sent_after=minutes(-30))
        later = await claims.claim(account, minutes(61), unless_sent_after=minutes(1))

        assert (False, True) == (soon, later)

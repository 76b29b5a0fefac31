"""The open-recovery claims and the case lookup of account recovery, on real PostgreSQL."""

from datetime import UTC, datetime
from uuid import uuid4

from immportal.adapters.postgres.recovery_claims import PostgresRecoveryClaims
from immportal.app.container import Runtime
from immportal.projections.recovery_cases import PostgresCaseFinder

NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


class TestClaims:
    """One open attempt per account; only the holder gives the claim back."""

    async def test_one_open_attempt_per_account(self, runtime: Runtime) -> None:
        """A second attempt for the same account is refused; the first may claim again."""
        claims = PostgresRecoveryClaims(runtime.pool)
        account, first, second = uuid4(), uuid4(), uuid4()
        assert await claims.claim(account, first, NOW)
        assert not await claims.claim(account, second, NOW)
        assert await claims.claim(account, first, NOW)
        assert first == await claims.find(account)

    async def test_release_only_by_holder(self, runtime: Runtime) -> None:
        """Another attempt's release changes nothing; the holder's frees the account."""
        claims = PostgresRecoveryClaims(runtime.pool)
        account, first = uuid4(), uuid4()
        await claims.claim(account, first, NOW)
        await claims.release(account, uuid4())
        assert first == await claims.find(account)
        await claims.release(account, first)
        assert await claims.find(account) is None

    async def test_replace_only_from_the_holder(self, runtime: Runtime) -> None:
        """The claim passes from its holder to another attempt, never from anyone else."""
        claims = PostgresRecoveryClaims(runtime.pool)
        account, locking, opened = uuid4(), uuid4(), uuid4()
        await claims.claim(account, locking, NOW)
        assert not await claims.replace(account, uuid4(), opened, NOW)
        assert locking == await claims.find(account)
        assert await claims.replace(account, locking, opened, NOW)
        assert opened == await claims.find(account)
        assert not await claims.replace(account, locking, uuid4(), NOW)

    async def test_open_recoveries_oldest_first(self, runtime: Runtime) -> None:
        """The list of open attempts starts with the oldest claim."""
        claims = PostgresRecoveryClaims(runtime.pool)
        older, newer = uuid4(), uuid4()
        await claims.claim(uuid4(), newer, NOW)
        await claims.claim(uuid4(), older, NOW.replace(hour=8))
        assert [older, newer] == await claims.open_recoveries(10)


class TestCaseFinder:
    """Cases are found by the receipt number as printed."""

    async def test_unknown_receipt(self, runtime: Runtime) -> None:
        """A receipt number no case has finds nothing."""
        assert await PostgresCaseFinder(runtime.pool).case_with_receipt("IOE2799999999") is None

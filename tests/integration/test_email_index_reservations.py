"""The email index's reservations for email changes, on a real PostgreSQL (unique index races)."""

import asyncio
from datetime import UTC, datetime, timedelta
from uuid import uuid4

from immportal.adapters.postgres.accounts import PostgresEmailIndex
from immportal.app.container import Runtime

LATER = datetime.now(UTC) + timedelta(hours=24)


class TestReserve:
    """A reservation keeps an address from everyone else, but signs nobody in."""

    async def test_race_has_one_winner(self, runtime: Runtime) -> None:
        """Many accounts reserving and registering one address at once: exactly one gets it."""
        index = PostgresEmailIndex(runtime.pool)
        accounts = [uuid4() for _ in range(12)]
        calls = [
            index.reserve("race@example.com", a, LATER)
            if i % 2
            else index.claim("race@example.com", a)
            for i, a in enumerate(accounts)
        ]
        results = await asyncio.gather(*calls)
        assert 1 == sum(results)

    async def test_reservation_is_not_found_by_sign_in(self, runtime: Runtime) -> None:
        """find() ignores reservations; another account's claim is refused."""
        index, owner = PostgresEmailIndex(runtime.pool), uuid4()
        assert await index.reserve("new@example.com", owner, LATER)
        assert await index.find("new@example.com") is None
        assert not await index.claim("new@example.com", uuid4())
        assert await index.reserve("new@example.com", owner, LATER)  # asking again is fine

    async def test_lapsed_reservation_is_free(self, runtime: Runtime) -> None:
        """Once its time has passed, anyone may take the address."""
        index, owner, other = PostgresEmailIndex(runtime.pool), uuid4(), uuid4()
        assert await index.reserve("old@example.com", owner, datetime.now(UTC) - timedelta(1))
        assert await index.claim("old@example.com", other)
        assert other == await index.find("old@example.com")
        assert not await index.keep("old@example.com", owner)

    async def test_held_address_cannot_be_reserved(self, runtime: Runtime) -> None:
        """An address another account holds is refused."""
        index = PostgresEmailIndex(runtime.pool)
        assert await index.claim("held@example.com", uuid4())
        assert not await index.reserve("held@example.com", uuid4(), LATER)


class TestMove:
    """Moving makes the reservation the account's one address."""

    async def test_move_swaps_addresses(self, runtime: Runtime) -> None:
        """The old address and other reservations go; the new one signs in; repeating is safe."""
        index, account = PostgresEmailIndex(runtime.pool), uuid4()
        assert await index.claim("a@example.com", account)
        assert await index.reserve("b@example.com", account, LATER)
        assert await index.reserve("c@example.com", account, LATER)
        assert await index.keep("b@example.com", account)

        assert await index.move(account, "b@example.com")
        assert await index.move(account, "b@example.com")

        found = [await index.find(k) for k in ("a@example.com", "b@example.com", "c@example.com")]
        assert [None, account, None] == found
        assert await index.claim("c@example.com", uuid4())

    async def test_move_without_a_row_changes_nothing(self, runtime: Runtime) -> None:
        """No row for the address: the account keeps the address it has."""
        index, account = PostgresEmailIndex(runtime.pool), uuid4()
        assert await index.claim("keep@example.com", account)
        assert not await index.move(account, "missing@example.com")
        assert account == await index.find("keep@example.com")

    async def test_unreserve_never_drops_a_held_address(self, runtime: Runtime) -> None:
        """Dropping a reservation leaves an address the account holds alone."""
        index, account = PostgresEmailIndex(runtime.pool), uuid4()
        assert await index.claim("mine@example.com", account)
        await index.unreserve("mine@example.com", account)
        assert account == await index.find("mine@example.com")

"""The PostgreSQL email index and link token store, on a real server."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import asyncpg
import pytest
from argon2.profiles import CHEAPEST
from eventsourcing.domain import DomainEventProtocol

from immportal.adapters.identity.argon2_hasher import Argon2Hasher
from immportal.adapters.identity.tokens import RandomTokens
from immportal.adapters.identity.totp import PyotpTotp
from immportal.adapters.postgres.account_tokens import PostgresTokenStore
from immportal.adapters.postgres.accounts import PostgresEmailIndex
from immportal.app.container import Runtime
from immportal.domain.identity.emails import email_key
from immportal.domain.identity.errors import LINK_INVALID, EmailTaken, LinkInvalid
from immportal.errors import DatabaseUnavailable
from immportal.services.identity.accounts import AccountService
from immportal.services.identity.ports import LinkPurpose
from immportal.services.ports import EventStore
from immportal.services.repository import Repository

NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
EMAIL = "Maria.Garcia@Example.ORG"
NAMES = ["María", "García López"]
PASSWORD = "lantern orchard tuesday violin"
VERIFY, RESET = LinkPurpose.VERIFY_EMAIL, LinkPurpose.RESET_PASSWORD


class UnsavedStore:
    """An event store whose appends fail before anything is written, as when PostgreSQL is down."""

    async def append(self, events: Sequence[DomainEventProtocol[UUID]]) -> list[int]:
        """Refuse every append."""
        raise DatabaseUnavailable("connection refused")

    async def read_stream(
        self,
        aggregate_id: UUID,
        *,
        up_to_version: int | None = None,
        as_of: datetime | None = None,
    ) -> list[DomainEventProtocol[UUID]]:
        """Nothing was ever saved."""
        return []


def accounts(runtime: Runtime, store: EventStore | None = None) -> AccountService:
    """The account service on the runtime's event store (or another) and the real index."""
    return AccountService(
        Repository(store or runtime.store),
        Argon2Hasher(CHEAPEST),
        RandomTokens(),
        PyotpTotp(),
        PostgresEmailIndex(runtime.pool),
    )


class TestEmailIndex:
    """One address, one account, even when registrations race."""

    async def test_claim_and_find(self, runtime: Runtime) -> None:
        """A claimed address finds its account; an unclaimed one finds nothing."""
        index, account_id = PostgresEmailIndex(runtime.pool), uuid4()
        assert True is await index.claim("ana@example.org", account_id)
        assert (account_id, None) == (
            await index.find("ana@example.org"),
            await index.find("bo@example.org"),
        )

    async def test_claim_again_by_the_holder(self, runtime: Runtime) -> None:
        """The holder claiming its own address again is told it holds it; others are refused."""
        index, account_id = PostgresEmailIndex(runtime.pool), uuid4()
        await index.claim("ana@example.org", account_id)
        assert (True, False) == (
            await index.claim("ana@example.org", account_id),
            await index.claim("ana@example.org", uuid4()),
        )

    async def test_ten_claims_at_once(self, runtime: Runtime) -> None:
        """Ten accounts claiming one address at once: exactly one gets it."""
        index = PostgresEmailIndex(runtime.pool)
        ids = [uuid4() for _ in range(10)]
        results = await asyncio.gather(*(index.claim("ana@example.org", i) for i in ids))
        assert [True] == [r for r in results if r]
        assert ids[results.index(True)] == await index.find("ana@example.org")

    async def test_release_only_by_the_holder(self, runtime: Runtime) -> None:
        """Another account cannot release an address; the holder can."""
        index, account_id = PostgresEmailIndex(runtime.pool), uuid4()
        await index.claim("ana@example.org", account_id)
        await index.release("ana@example.org", uuid4())
        assert account_id == await index.find("ana@example.org")
        await index.release("ana@example.org", account_id)
        assert None is await index.find("ana@example.org")

    async def test_ten_registrations_at_once(self, runtime: Runtime) -> None:
        """Ten registrations with one address at once: one account, nine refusals."""
        service = accounts(runtime)
        results = await asyncio.gather(
            *(service.register(EMAIL, PASSWORD, NAMES) for _ in range(10)),
            return_exceptions=True,
        )
        winners = [r for r in results if isinstance(r, UUID)]
        assert [EmailTaken] * 9 == [type(r) for r in results if not isinstance(r, UUID)]
        assert winners == [await PostgresEmailIndex(runtime.pool).find(email_key(EMAIL))]
        assert EMAIL.lower() == (await service.get(winners[0])).email_key

    async def test_failed_save_releases_the_address(self, runtime: Runtime) -> None:
        """A registration whose save failed leaves no claim, so the person can try again."""
        with pytest.raises(DatabaseUnavailable):
            await accounts(runtime, UnsavedStore()).register(EMAIL, PASSWORD, NAMES)
        assert None is await PostgresEmailIndex(runtime.pool).find(email_key(EMAIL))
        account_id = await accounts(runtime).register(EMAIL, PASSWORD, NAMES)
        assert account_id == await PostgresEmailIndex(runtime.pool).find(email_key(EMAIL))


class TestTokenStore:
    """Link tokens are stored as digests, expire, and work once for their own purpose."""

    async def test_only_the_digest_is_stored(self, runtime: Runtime) -> None:
        """The table holds the SHA-256 digest of the token, never the token."""
        store, account_id = PostgresTokenStore(runtime.pool, RandomTokens()), uuid4()
        issued = await store.issue(
            account_id, VERIFY, ttl=timedelta(hours=1), password_version=1, now=NOW
        )
        row = await runtime.pool.fetchrow("SELECT * FROM account_tokens")
        assert row is not None
        assert (RandomTokens().digest(issued.token), account_id, "verify_email") == (
            row["digest"],
            row["account_id"],
            row["purpose"],
        )
        assert issued.token not in repr(dict(row))
        assert issued.token not in repr(issued)

    async def test_consume_once(self, runtime: Runtime) -> None:
        """The first use gets the account and password version; the second is refused."""
        store, account_id = PostgresTokenStore(runtime.pool, RandomTokens()), uuid4()
        issued = await store.issue(
            account_id, RESET, ttl=timedelta(hours=1), password_version=3, now=NOW
        )
        grant = await store.consume(issued.token, RESET, NOW)
        assert (account_id, 3, issued.digest) == (
            grant.account_id,
            grant.password_version,
            grant.digest,
        )
        with pytest.raises(LinkInvalid) as refused:
            await store.consume(issued.token, RESET, NOW)
        assert LINK_INVALID == str(refused.value)

    async def test_check_does_not_consume(self, runtime: Runtime) -> None:
        """Checking a token leaves it usable."""
        store = PostgresTokenStore(runtime.pool, RandomTokens())
        issued = await store.issue(
            uuid4(), RESET, ttl=timedelta(hours=1), password_version=1, now=NOW
        )
        checked = await store.check(issued.token, RESET, NOW)
        assert checked == await store.consume(issued.token, RESET, NOW)
        with pytest.raises(LinkInvalid):
            await store.check(issued.token, RESET, NOW)

    @pytest.mark.parametrize(
        ("purpose", "at"),
        [
            (VERIFY, NOW + timedelta(minutes=59)),  # another purpose
            (RESET, NOW + timedelta(hours=1)),  # expired at the hour
            (RESET, NOW + timedelta(days=3)),
        ],
    )
    async def test_refused(self, runtime: Runtime, purpose: LinkPurpose, at: datetime) -> None:
        """A token used for another purpose or after it expired is refused, and stays unused."""
        store = PostgresTokenStore(runtime.pool, RandomTokens())
        issued = await store.issue(
            uuid4(), RESET, ttl=timedelta(hours=1), password_version=1, now=NOW
        )
        with pytest.raises(LinkInvalid):
            await store.consume(issued.token, purpose, at)
        assert None is await runtime.pool.fetchval("SELECT used_at FROM account_tokens")

    @pytest.mark.parametrize("token", ["", "not-a-token", "x" * 10_000])
    async def test_unknown_tokens(self, runtime: Runtime, token: str) -> None:
        """Empty, unknown and absurdly long tokens get the same refusal."""
        store = PostgresTokenStore(runtime.pool, RandomTokens())
        with pytest.raises(LinkInvalid) as refused:
            await store.consume(token, RESET, NOW)
        assert LINK_INVALID == str(refused.value)

    async def test_ten_uses_at_once(self, runtime: Runtime) -> None:
        """Ten requests spending one token at once: exactly one succeeds."""
        store = PostgresTokenStore(runtime.pool, RandomTokens())
        issued = await store.issue(
            uuid4(), VERIFY, ttl=timedelta(hours=1), password_version=1, now=NOW
        )
        results = await asyncio.gather(
            *(store.consume(issued.token, VERIFY, NOW) for _ in range(10)), return_exceptions=True
        )
        assert [LinkInvalid] * 9 == [type(r) for r in results if isinstance(r, Exception)]

    async def test_app_role_cannot_extend_a_token(self, runtime: Runtime) -> None:
        """The application's role may mark a token used but not change its expiry or owner."""
        store = PostgresTokenStore(runtime.pool, RandomTokens())
        await store.issue(uuid4(), VERIFY, ttl=timedelta(hours=1), password_version=1, now=NOW)
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await runtime.pool.execute("UPDATE account_tokens SET expires_at = 'infinity'")

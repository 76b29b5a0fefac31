"""Server-side sessions in PostgreSQL (immportal.adapters.postgres.sessions)."""

import hashlib
from datetime import UTC, datetime, timedelta
from ipaddress import ip_network
from uuid import UUID, uuid4

import pytest

from immportal.adapters.postgres.sessions import PostgresSessionStore as SessionStore
from immportal.app.container import Runtime
from immportal.domain.actor import Role

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def minutes(n: float) -> datetime:
    """A moment n minutes after T0."""
    return T0 + timedelta(minutes=n)


@pytest.fixture
def store(runtime: Runtime) -> SessionStore:
    """The session store on the application role's pool."""
    return SessionStore(runtime.pool)


def new_account() -> UUID:
    """An account id no other test uses."""
    return uuid4()


class TestCreateAndLoad:
    async def test_created_session_loads_with_its_data(self, store: SessionStore) -> None:
        """A stored session loads by its id with its account, role and CSRF token."""
        account = new_account()
        created = await store.create(account_id=account, role=Role.APPLICANT, now=T0)

        loaded = await store.load(created.id, now=minutes(1))

        assert loaded is not None
        assert (account, Role.APPLICANT, created.csrf_token) == (
            loaded.account_id,
            loaded.role,
            loaded.csrf_token,
        )
        assert 43 <= len(created.id)

    async def test_load_touches_last_seen(self, store: SessionStore) -> None:
        """Loading marks the session as seen at that moment; the idle clock restarts there."""
        created = await store.create(now=T0)

        await store.load(created.id, now=minutes(20))
        loaded = await store.load(created.id, now=minutes(45))

        assert loaded is not None
        assert minutes(45) == loaded.last_seen_at

    async def test_unknown_id_loads_nothing(self, store: SessionStore) -> None:
        """An id that was never issued loads no session."""
        assert None is await store.load("not-a-session", now=T0)

    async def test_anonymous_session_carries_only_a_token(self, store: SessionStore) -> None:
        """A session without an account has no role, and a CSRF token of 256 bits."""
        created = await store.create(now=T0)

        loaded = await store.load(created.id, now=T0)

        assert loaded is not None
        assert (None, None, 43) == (loaded.account_id, loaded.role, len(loaded.csrf_token))


class TestIdleTimeout:
    @pytest.mark.parametrize(
        ("role", "alive_at", "gone_at"),
        [
            (Role.APPLICANT, 29, 31),
            (Role.REPRESENTATIVE, 29, 31),
            (None, 29, 31),
            (Role.OFFICER, 14, 16),
            (Role.SUPERVISOR, 14, 16),
            (Role.AUDITOR, 14, 16),
            (Role.ANALYST, 14, 16),
            (Role.ADMIN, 14, 16),
        ],
    )
    async def test_idle_session_ends(
        self, store: SessionStore, role: Role | None, alive_at: int, gone_at: int
    ) -> None:
        """Applicants may idle 30 minutes, staff 15; one minute more and the session is gone."""
        account = new_account() if role is not None else None
        alive = await store.create(account_id=account, role=role, now=T0)
        idle = await store.create(account_id=account, role=role, now=T0)

        assert await store.load(alive.id, now=minutes(alive_at)) is not None
        assert None is await store.load(idle.id, now=minutes(gone_at))


class TestAbsoluteExpiry:
    async def test_busy_session_ends_after_12_hours(self, store: SessionStore) -> None:
        """Even a session used every 10 minutes ends 12 hours after it started."""
        created = await store.create(account_id=new_account(), role=Role.APPLICANT, now=T0)
        for step in range(1, 72):
            assert await store.load(created.id, now=minutes(10 * step)) is not None

        assert None is await store.load(created.id, now=minutes(12 * 60))


class TestRotate:
    async def test_new_id_and_the_old_one_is_dead(self, store: SessionStore) -> None:
        """Rotation gives a new id and a fresh CSRF token; the old id no longer loads."""
        account = new_account()
        before = await store.create(now=T0)

        after = await store.rotate(
            before.id, account_id=account, role=Role.APPLICANT, now=minutes(5)
        )

        assert after is not None
        assert before.id != after.id
        assert None is await store.load(before.id, now=minutes(6))
        loaded = await store.load(after.id, now=minutes(6))
        assert loaded is not None
        assert (account, Role.APPLICANT, after.csrf_token) == (
            loaded.account_id,
            loaded.role,
            loaded.csrf_token,
        )
        assert before.csrf_token != loaded.csrf_token

    async def test_sign_in_restarts_the_absolute_limit(self, store: SessionStore) -> None:
        """An anonymous session signed into an account gets 12 hours from the sign-in."""
        anonymous = await store.create(now=T0)

        signed_in = await store.rotate(
            anonymous.id, account_id=new_account(), role=Role.OFFICER, now=minutes(20)
        )

        assert signed_in is not None
        assert (minutes(20 + 12 * 60), timedelta(minutes=15)) == (
            signed_in.expires_at,
            signed_in.idle_timeout,
        )

    async def test_second_factor_keeps_the_absolute_limit(self, store: SessionStore) -> None:
        """Rotating for the same account (after the second factor) keeps the original limit."""
        account = new_account()
        first = await store.create(account_id=account, role=Role.APPLICANT, now=T0)

        second = await store.rotate(first.id, account_id=account, role=Role.APPLICANT, now=T0)

        assert second is not None
        assert first.expires_at == second.expires_at

    async def test_ended_session_cannot_be_rotated(self, store: SessionStore) -> None:
        """An idle-expired session is not revived by rotating it."""
        created = await store.create(now=T0)

        rotated = await store.rotate(
            created.id, account_id=new_account(), role=Role.APPLICANT, now=minutes(31)
        )

        assert None is rotated


class TestRevoke:
    async def test_revoked_session_no_longer_loads(self, store: SessionStore) -> None:
        """After sign-out the session's id loads nothing; revoking twice reports False."""
        created = await store.create(account_id=new_account(), role=Role.APPLICANT, now=T0)

        first = await store.revoke(created.id, now=minutes(1))
        second = await store.revoke(created.id, now=minutes(2))

        assert (True, False) == (first, second)
        assert None is await store.load(created.id, now=minutes(3))

    async def test_revoke_all_but_the_current_one(self, store: SessionStore) -> None:
        """Signing out everywhere else ends the account's other sessions and keeps this one."""
        account = new_account()
        current, *others = [
            await store.create(account_id=account, role=Role.APPLICANT, now=T0) for _ in range(3)
        ]
        stranger = await store.create(account_id=new_account(), role=Role.APPLICANT, now=T0)

        ended = await store.revoke_all_for_account(account, except_id=current.id, now=minutes(1))

        assert 2 == ended
        assert [None, None] == [await store.load(s.id, now=minutes(2)) for s in others]
        assert await store.load(current.id, now=minutes(2)) is not None
        assert await store.load(stranger.id, now=minutes(2)) is not None
        listed = await store.list_for_account(account, now=minutes(2))
        assert [hashlib.sha256(current.id.encode()).hexdigest()] == [s.digest for s in listed]

    async def test_revoke_all_without_exception(self, store: SessionStore) -> None:
        """After a password reset every session of the account ends."""
        account = new_account()
        sessions = [await store.create(account_id=account, role=Role.OFFICER) for _ in range(2)]

        ended = await store.revoke_all_for_account(account)

        assert 2 == ended
        assert [None, None] == [await store.load(s.id) for s in sessions]


class TestListForAccount:
    async def test_lists_browser_place_and_last_seen(self, store: SessionStore) -> None:
        """The list shows each live session's browser, network and last use, newest first."""
        account = new_account()
        older = await store.create(
            account_id=account,
            role=Role.APPLICANT,
            user_agent="Firefox",
            client_address="198.51.100.23",
            now=T0,
        )
        newer = await store.create(
            account_id=account,
            role=Role.APPLICANT,
            user_agent="Safari",
            client_address="2001:db8:abcd:12::7",
            now=minutes(5),
        )
        await store.load(older.id, now=minutes(6))
        await store.load(newer.id, now=minutes(7))

        listed = await store.list_for_account(account, now=minutes(8))

        expected = [
            ("Safari", ip_network("2001:db8:abcd::/48"), minutes(7)),
            ("Firefox", ip_network("198.51.100.0/24"), minutes(6)),
        ]
        assert expected == [(s.user_agent, s.approximate_place, s.last_seen_at) for s in listed]


class TestWhatIsStored:
    async def test_table_holds_digests_never_ids(
        self, store: SessionStore, runtime: Runtime
    ) -> None:
        """No column of any row contains a session id; the key is its SHA-256 digest."""
        created = [await store.create(account_id=new_account(), role=Role.APPLICANT)]
        created.append(await store.create())
        rotated = await store.rotate(created[1].id, account_id=new_account(), role=Role.ADMIN)
        assert rotated is not None
        ids = [created[0].id, created[1].id, rotated.id]

        rows = await runtime.pool.fetch("SELECT id_digest, s::text AS whole FROM sessions s")

        dump = " ".join(row["whole"] for row in rows)
        assert [] == [i for i in ids if i in dump or i.encode().hex() in dump]
        expected = sorted(hashlib.sha256(i.encode()).digest() for i in (ids[0], ids[2]))
        assert expected == sorted(row["id_digest"] for row in rows)

    async def test_place_is_a_network_and_the_browser_is_truncated(
        self, store: SessionStore, runtime: Runtime
    ) -> None:
        """The full client address is never stored, and a huge User-Agent is cut to 256."""
        await store.create(user_agent="x" * 5000, client_address="::ffff:203.0.113.77")

        row = await runtime.pool.fetchrow(
            "SELECT approximate_place::text AS place, length(user_agent) AS n FROM sessions"
        )

        assert row is not None
        assert ("203.0.113.0/24", 256) == (row["place"], row["n"])


class TestPurge:
    async def test_ended_sessions_are_deleted(self, store: SessionStore, runtime: Runtime) -> None:
        """Purging deletes idle, expired and revoked sessions and keeps live ones."""
        live = await store.create(now=minutes(10))
        await store.create(now=T0)  # idle by minute 31
        revoked = await store.create(now=minutes(10))
        await store.revoke(revoked.id, now=minutes(11))

        purged = await store.purge_ended(now=minutes(31))

        assert 2 == purged
        assert 1 == await runtime.pool.fetchval("SELECT count(*) FROM sessions")
        assert await store.load(live.id, now=minutes(32)) is not None

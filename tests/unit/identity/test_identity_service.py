"""Tests for the account use cases in immportal.services.identity.accounts."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import timedelta
from uuid import UUID

import pyotp
import pytest
from eventsourcing.cryptography import AESCipher
from eventsourcing.domain import DomainEventProtocol

from immportal.adapters.postgres.mapper import create_mapper
from immportal.domain.identity.account import Account
from immportal.domain.identity.emails import email_key
from immportal.domain.identity.errors import (
    CodeAlreadyUsed,
    CodePaused,
    EmailTaken,
    PasswordRejected,
    SignInDelayed,
    TotpNotSetUp,
    WrongCode,
    WrongPassword,
)
from immportal.errors import ConcurrencyConflict, DatabaseUnavailable
from immportal.services.identity.accounts import AccountService, CodeKind
from immportal.services.repository import Repository
from testkit.identity_fakes import (
    EMAIL,
    NAMES,
    NOW,
    PASSWORD,
    STEP,
    InMemoryEmailIndex,
    make_service,
)
from testkit.memory_store import MemoryEventStore

SET_UP_AT = NOW - timedelta(minutes=2)


async def registered(service: AccountService) -> UUID:
    """Register Maria García with a good password."""
    return await service.register(EMAIL, PASSWORD, NAMES)


async def with_totp(service: AccountService) -> tuple[UUID, pyotp.TOTP]:
    """A registered account with an activated authenticator, and that authenticator."""
    account_id = await registered(service)
    setup = await service.begin_totp(account_id)
    app = pyotp.TOTP(setup.secret)
    await service.activate_totp(account_id, app.at(SET_UP_AT), SET_UP_AT)
    return account_id, app


class TestRegister:
    """Registration checks the policy, hashes with Argon2id and refuses taken addresses."""

    async def test_registers(self) -> None:
        """A good password opens an account holding an Argon2id hash, not the password."""
        service = make_service()
        account = await service.get(await registered(service))
        assert account.password_hash.startswith("$argon2id$")
        assert PASSWORD not in account.password_hash

    async def test_policy_applies(self) -> None:
        """A password made of the person's name is refused with the reason."""
        service = make_service()
        with pytest.raises(PasswordRejected) as refused:
            await service.register(EMAIL, "garcia lopez 1990", NAMES)
        assert ["Do not use your email address or name in your password"] == refused.value.reasons

    async def test_same_address_in_other_case(self) -> None:
        """An address already registered, in any case, is refused."""
        service = make_service()
        await registered(service)
        with pytest.raises(EmailTaken):
            await service.register(EMAIL.upper(), PASSWORD, NAMES)


class FailingStore(MemoryEventStore):
    """An event store whose appends fail, after committing them if `commit` is set."""

    def __init__(self, *, commit: bool) -> None:
        super().__init__()
        self.commit = commit

    async def append(self, events: Sequence[DomainEventProtocol[UUID]]) -> list[int]:
        """Fail the append, as a lost connection would, before or after it commits."""
        if self.commit:
            await super().append(events)
        raise DatabaseUnavailable("connection lost")


class TestRegisterReleasesTheAddress:
    """A registration whose save failed gives its address back, unless the save went through."""

    async def test_failed_save_releases(self) -> None:
        """When nothing was saved the address is free again for the next attempt."""
        emails = InMemoryEmailIndex()
        with pytest.raises(DatabaseUnavailable):
            await make_service(FailingStore(commit=False), emails).register(EMAIL, PASSWORD, NAMES)
        assert {} == emails.owners
        account_id = await make_service(emails=emails).register(EMAIL, PASSWORD, NAMES)
        assert account_id == emails.owners[email_key(EMAIL)]

    async def test_ambiguous_failure_keeps_the_claim(self) -> None:
        """When the save committed before failing, the account keeps its address."""
        emails = InMemoryEmailIndex()
        store = FailingStore(commit=True)
        with pytest.raises(DatabaseUnavailable):
            await make_service(store, emails).register(EMAIL, PASSWORD, NAMES)
        assert [UUID(str(owner)) for owner in store.streams] == list(emails.owners.values())


class TestVerifyPassword:
    """Password checks record failures and make sign-in wait after five."""

    async def test_right_password(self) -> None:
        """The right password passes, also when typed in another Unicode form."""
        service = make_service()
        account_id = await service.register(EMAIL, "ﬁne lamp tower 7", NAMES)
        await service.verify_password(account_id, "fine lamp tower 7", NOW)

    async def test_wrong_password_is_recorded(self) -> None:
        """A wrong password raises WrongPassword and is counted."""
        service = make_service()
        account_id = await registered(service)
        with pytest.raises(WrongPassword):
            await service.verify_password(account_id, "not my password", NOW)
        assert 1 == (await service.get(account_id)).failed_password_count

    async def test_delay_after_five(self) -> None:
        """After five wrong passwords even the right one waits 30 s, looking like a wrong one."""
        service = make_service()
        account_id = await registered(service)
        for _ in range(5):
            with pytest.raises(WrongPassword):
                await service.verify_password(account_id, "not my password", NOW)
        with pytest.raises(SignInDelayed) as delayed:
            await service.verify_password(account_id, PASSWORD, NOW + timedelta(seconds=29))
        assert "The email address or password is not right" == str(delayed.value)
        await service.verify_password(account_id, PASSWORD, NOW + timedelta(seconds=30))

    async def test_refusals_while_waiting_are_not_counted(self) -> None:
        """Guesses during the wait are refused without extending it."""
        service = make_service()
        account_id = await registered(service)
        for _ in range(5):
            with pytest.raises(WrongPassword):
                await service.verify_password(account_id, "not my password", NOW)
        with pytest.raises(SignInDelayed):
            await service.verify_password(account_id, "still wrong", NOW + timedelta(seconds=1))
        assert 5 == (await service.get(account_id)).failed_password_count


class TestTotpSetUp:
    """The authenticator is set up with a QR code and activated only by a right code."""

    async def test_begin(self) -> None:
        """Setting up returns the key, an otpauth URI and an SVG QR code."""
        service = make_service()
        setup = await service.begin_totp(await registered(service))
        assert "issuer=immportal" in setup.uri
        assert setup.svg.startswith("<svg")
        assert 32 == len(setup.secret)

    async def test_wrong_code_does_not_activate(self) -> None:
        """A wrong code leaves the authenticator inactive."""
        service = make_service()
        account_id = await registered(service)
        setup = await service.begin_totp(account_id)
        wrong = pyotp.TOTP(setup.secret).generate_otp(STEP + 5)
        with pytest.raises(WrongCode):
            await service.activate_totp(account_id, wrong, NOW)
        assert False is (await service.get(account_id)).totp_active

    async def test_activation_without_set_up(self) -> None:
        """Activating before setting up is refused."""
        service = make_service()
        with pytest.raises(TotpNotSetUp):
            await service.activate_totp(await registered(service), "123456", NOW)

    async def test_right_code_activates(self) -> None:
        """A right code activates the authenticator and is itself spent."""
        service = make_service()
        account_id, app = await with_totp(service)
        with pytest.raises(CodeAlreadyUsed):
            await service.verify_code(account_id, app.at(SET_UP_AT), SET_UP_AT)


class TestVerifyCode:
    """Codes work once, one step either side, and ten wrong ones pause the step."""

    @pytest.mark.parametrize("offset", [-1, 0, 1])
    async def test_accepts_near_steps(self, offset: int) -> None:
        """A code of this step or one either side is accepted once."""
        service = make_service()
        account_id, app = await with_totp(service)
        code = app.generate_otp(STEP + offset)
        assert CodeKind.TOTP == await service.verify_code(account_id, code, NOW)
        with pytest.raises(CodeAlreadyUsed):
            await service.verify_code(account_id, code, NOW)

    @pytest.mark.parametrize("offset", [-2, 2])
    async def test_refuses_far_steps(self, offset: int) -> None:
        """A code two steps away is wrong."""
        service = make_service()
        account_id, app = await with_totp(service)
        with pytest.raises(WrongCode):
            await service.verify_code(account_id, app.generate_otp(STEP + offset), NOW)

    async def test_ten_wrong_codes_pause(self) -> None:
        """After ten wrong codes even a right one waits ten minutes."""
        service = make_service()
        account_id, app = await with_totp(service)
        for _ in range(10):
            with pytest.raises(WrongCode):
                await service.verify_code(account_id, "000000", NOW)
        later = NOW + timedelta(minutes=9)
        with pytest.raises(CodePaused):
            await service.verify_code(account_id, app.at(later), later)
        later = NOW + timedelta(minutes=10)
        assert CodeKind.TOTP == await service.verify_code(account_id, app.at(later), later)

    async def test_parallel_replay_fails(self) -> None:
        """Two sessions sending the same code at once: exactly one gets in."""
        service = make_service()
        account_id, app = await with_totp(service)
        code = app.generate_otp(STEP)
        results = await asyncio.gather(
            service.verify_code(account_id, code, NOW),
            service.verify_code(account_id, code, NOW),
            return_exceptions=True,
        )
        assert [CodeKind.TOTP] == [r for r in results if r == CodeKind.TOTP]
        assert [CodeAlreadyUsed] == [type(r) for r in results if isinstance(r, Exception)]

    async def test_optimistic_concurrency_stops_a_replay(self) -> None:
        """Two loaded copies both spend the step; the first save wins, the second conflicts."""
        store = MemoryEventStore()
        service = make_service(store)
        account_id, _ = await with_totp(service)
        repository = Repository(store)
        first = await repository.get(Account, account_id)
        second = await repository.get(Account, account_id)
        first.use_totp_step(first.holder, STEP + 1)
        second.use_totp_step(second.holder, STEP + 1)
        await repository.save(first)
        with pytest.raises(ConcurrencyConflict):
            await repository.save(second)


class TestRecoveryCodes:
    """Ten distinct recovery codes, shown once, each usable once."""

    async def test_ten_distinct_codes(self) -> None:
        """New codes are ten distinct grouped codes, and only their digests are stored."""
        store = MemoryEventStore()
        service = make_service(store)
        account_id = await registered(service)
        codes = await service.new_recovery_codes(account_id)
        assert 10 == len(set(codes))
        stored = b"".join(r.state for s in store.streams.values() for r in s)
        assert not any(code.encode() in stored for code in codes)

    async def test_each_usable_once(self) -> None:
        """Each code signs in once, typed loosely; the second use is wrong."""
        service = make_service()
        account_id = await registered(service)
        codes = await service.new_recovery_codes(account_id)
        for code in codes:
            typed = code.lower().replace("-", " ")
            assert CodeKind.RECOVERY_CODE == await service.verify_code(account_id, typed, NOW)
        with pytest.raises(WrongCode):
            await service.verify_code(account_id, codes[0], NOW)

    async def test_regenerating_kills_old_codes(self) -> None:
        """New codes replace the old ones."""
        service = make_service()
        account_id = await registered(service)
        old = await service.new_recovery_codes(account_id)
        await service.new_recovery_codes(account_id)
        with pytest.raises(WrongCode):
            await service.verify_code(account_id, old[0], NOW)


class TestSecretsAtRest:
    """The TOTP secret lives in an event, so the event store's cipher must be on."""

    async def test_secret_encrypted_with_a_cipher_key(self) -> None:
        """With a cipher key no stored event shows the secret or the password hash."""
        store = MemoryEventStore(create_mapper(AESCipher.create_key(16)))
        service = make_service(store)
        account_id = await registered(service)
        secret = (await service.begin_totp(account_id)).secret
        stored = b"".join(r.state for r in store.streams[account_id])
        assert secret.encode() not in stored
        assert b"argon2id" not in stored

    async def test_secret_in_clear_without_a_key(self) -> None:
        """Without a key the secret is readable in storage: a key is mandatory in production."""
        store = MemoryEventStore()
        service = make_service(store)
        account_id = await registered(service)
        secret = (await service.begin_totp(account_id)).secret
        assert secret.encode() in b"".join(r.state for r in store.streams[account_id])

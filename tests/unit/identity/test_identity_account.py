"""Tests for the Account aggregate in immportal.domain.identity.account."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.domain import Aggregate

from immportal.domain.actor import Actor, Role
from immportal.domain.errors import InvalidArgument
from immportal.domain.identity.account import Account
from immportal.domain.identity.errors import (
    CodeAlreadyUsed,
    CodePaused,
    SignInDelayed,
    TotpNotSetUp,
    WrongCode,
)
from testkit.identity_fakes import EMAIL, NAMES, NOW, STEP

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
DIGESTS = [hashlib.sha256(f"code-{n}".encode()).hexdigest() for n in range(10)]
ADMIN = Actor("admin-1", Role.ADMIN)


def new_account() -> Account:
    """A freshly registered applicant account."""
    return Account.register(email=EMAIL, password_hash="$argon2id$fake", names=NAMES)


def with_totp(account: Account | None = None) -> Account:
    """An account whose authenticator was activated at STEP."""
    account = account or new_account()
    account.start_totp_enrolment(account.holder, SECRET)
    account.activate_totp(account.holder, STEP)
    return account


def replay(account: Account) -> Account:
    """Rebuild an account from its collected events, as the repository does."""
    aggregate: Aggregate | None = None
    for domain_event in account.collect_events():
        aggregate = domain_event.mutate(aggregate)
    assert isinstance(aggregate, Account)
    return aggregate


def fail(account: Account, reason: str, times: int, at: datetime = NOW) -> None:
    """Record the same failed sign-in several times."""
    for _ in range(times):
        account.record_failed_sign_in(account.holder, reason, at)


class TestRegister:
    """Registering records who the person is, with the email normalised."""

    def test_self_registration(self) -> None:
        """A person registering is the actor of their own Registered event."""
        account = new_account()
        (registered,) = account.collect_events()
        assert (str(account.id), "applicant") == (registered.actor_id, registered.actor_role)  # type: ignore[attr-defined]

    def test_email_normalised(self) -> None:
        """The domain is lower-cased, the local part kept, and the key ignores case."""
        account = new_account()
        assert ("Maria.Garcia@example.org", "maria.garcia@example.org") == (
            account.email,
            account.email_key,
        )

    def test_staff_created_by_an_admin(self) -> None:
        """An admin creating an officer account is recorded as the actor."""
        account = Account.register(
            email="o@uscis.example", password_hash="h", names=[], actor=ADMIN, role=Role.OFFICER
        )
        (registered,) = account.collect_events()
        assert ("admin-1", "admin", Role.OFFICER) == (
            registered.actor_id,  # type: ignore[attr-defined]
            registered.actor_role,  # type: ignore[attr-defined]
            account.role,
        )

    def test_starts_unverified_without_second_factor(self) -> None:
        """A new account has an unverified email and no authenticator."""
        account = new_account()
        assert (False, False, 1) == (
            account.email_verified,
            account.totp_active,
            account.password_version,
        )


class TestPassword:
    """Changing the password bumps its version so old reset links die."""

    def test_change_bumps_version(self) -> None:
        """Each change records the new hash and raises the version by one."""
        account = new_account()
        account.change_password(account.holder, "$argon2id$new")
        assert ("$argon2id$new", 2) == (account.password_hash, account.password_version)

    def test_rehash_keeps_version(self) -> None:
        """Rehashing the same password with new parameters keeps reset links valid."""
        account = new_account()
        account.rehash_password(account.holder, "$argon2id$stronger")
        assert ("$argon2id$stronger", 1) == (account.password_hash, account.password_version)

    def test_change_clears_the_delay(self) -> None:
        """After a password change the wrong-password count starts again."""
        account = new_account()
        fail(account, "wrong_password", 7)
        account.change_password(account.holder, "$argon2id$new")
        assert (0, None) == (account.failed_password_count, account.locked_until)

    def test_verify_email_once(self) -> None:
        """Verifying twice records one event."""
        account = new_account()
        account.verify_email(account.holder)
        account.verify_email(account.holder)
        names = [type(e).__name__ for e in account.collect_events()]
        assert ["Registered", "EmailVerified"] == names


class TestTotp:
    """The authenticator is activated by a checked code, and each step works once."""

    def test_activation_needs_enrolment(self) -> None:
        """Activating without starting enrolment is refused."""
        account = new_account()
        with pytest.raises(TotpNotSetUp):
            account.activate_totp(account.holder, STEP)

    def test_activation_moves_the_secret(self) -> None:
        """The pending secret becomes the active one and its step is spent."""
        account = with_totp()
        assert (SECRET, None, STEP) == (
            account.totp_secret,
            account.pending_totp_secret,
            account.last_totp_step,
        )

    def test_secret_must_be_160_bits(self) -> None:
        """A short secret is refused."""
        account = new_account()
        with pytest.raises(InvalidArgument):
            account.start_totp_enrolment(account.holder, "JBSWY3DPEHPK3PXP")

    def test_next_step_is_accepted(self) -> None:
        """A later step is spent and remembered."""
        account = with_totp()
        account.use_totp_step(account.holder, STEP + 1)
        assert STEP + 1 == account.last_totp_step

    @pytest.mark.parametrize("step", [STEP, STEP - 1])
    def test_same_or_earlier_step_refused(self, step: int) -> None:
        """A step at or before the last used one is refused: each code works once."""
        account = with_totp()
        with pytest.raises(CodeAlreadyUsed):
            account.use_totp_step(account.holder, step)

    def test_no_authenticator(self) -> None:
        """Spending a step on an account without an authenticator is refused."""
        account = new_account()
        with pytest.raises(TotpNotSetUp):
            account.use_totp_step(account.holder, STEP)


class TestRecoveryCodes:
    """Ten recovery codes, stored as digests, each usable once."""

    def test_each_code_once(self) -> None:
        """A used code is gone; using it again is a wrong code."""
        account = new_account()
        account.set_recovery_codes(account.holder, DIGESTS)
        account.use_recovery_code(account.holder, DIGESTS[3])
        with pytest.raises(WrongCode):
            account.use_recovery_code(account.holder, DIGESTS[3])
        assert 9 == len(account.recovery_digests)

    def test_unknown_code(self) -> None:
        """A digest that was never set is a wrong code."""
        account = new_account()
        account.set_recovery_codes(account.holder, DIGESTS)
        with pytest.raises(WrongCode):
            account.use_recovery_code(account.holder, "0" * 64)

    @pytest.mark.parametrize("digests", [DIGESTS[:9], [DIGESTS[0]] * 10, ["code"] * 10])
    def test_ten_distinct_digests(self, digests: list[str]) -> None:
        """Fewer than ten, repeated or non-digest values are refused."""
        account = new_account()
        with pytest.raises(InvalidArgument):
            account.set_recovery_codes(account.holder, digests)

    def test_new_set_replaces_old(self) -> None:
        """Regenerating makes the old codes useless."""
        account = new_account()
        account.set_recovery_codes(account.holder, DIGESTS)
        fresh = [hashlib.sha256(f"new-{n}".encode()).hexdigest() for n in range(10)]
        account.set_recovery_codes(account.holder, fresh)
        with pytest.raises(WrongCode):
            account.use_recovery_code(account.holder, DIGESTS[0])


class TestThrottling:
    """Wrong passwords and codes make sign-in wait, computed from the recorded failures."""

    def test_four_wrong_passwords_do_not_delay(self) -> None:
        """Four failures leave sign-in open."""
        account = new_account()
        fail(account, "wrong_password", 4)
        account.check_password_allowed(NOW)
        assert None is account.locked_until

    def test_five_wrong_passwords_delay_30_seconds(self) -> None:
        """The fifth failure makes sign-in wait 30 s from that failure."""
        account = new_account()
        fail(account, "wrong_password", 5)
        with pytest.raises(SignInDelayed) as delayed:
            account.check_password_allowed(NOW + timedelta(seconds=29))
        assert NOW + timedelta(seconds=30) == delayed.value.until
        account.check_password_allowed(NOW + timedelta(seconds=30))

    def test_sixth_doubles(self) -> None:
        """The sixth failure makes it 60 s."""
        account = new_account()
        fail(account, "wrong_password", 6)
        assert NOW + timedelta(seconds=60) == account.locked_until

    def test_sign_in_resets(self) -> None:
        """A completed sign-in clears both counts."""
        account = new_account()
        fail(account, "wrong_password", 6)
        fail(account, "wrong_code", 3)
        account.record_sign_in(account.holder, "session-1", "Firefox on Android", NOW)
        assert (0, 0) == (account.failed_password_count, account.failed_code_count)

    def test_ten_wrong_codes_pause(self) -> None:
        """The tenth wrong code pauses the code step for ten minutes."""
        account = new_account()
        fail(account, "wrong_code", 10)
        with pytest.raises(CodePaused) as paused:
            account.check_code_allowed(NOW + timedelta(minutes=9))
        assert NOW + timedelta(minutes=10) == paused.value.until
        account.check_code_allowed(NOW + timedelta(minutes=10))

    def test_right_code_resets_the_code_count(self) -> None:
        """Spending a code clears the wrong-code count."""
        account = with_totp()
        fail(account, "wrong_code", 9)
        account.use_totp_step(account.holder, STEP + 1)
        assert 0 == account.failed_code_count

    def test_unknown_reason_refused(self) -> None:
        """Only known failure reasons are recorded."""
        account = new_account()
        with pytest.raises(InvalidArgument):
            account.record_failed_sign_in(account.holder, "bad_vibes", NOW)

    def test_naive_times_refused(self) -> None:
        """Times without a time zone are refused, so throttling never mixes clocks."""
        account = new_account()
        with pytest.raises(InvalidArgument):
            account.record_failed_sign_in(account.holder, "wrong_code", NOW.replace(tzinfo=None))


class TestEvents:
    """Every event says who acted, and replaying the events rebuilds the account."""

    def busy_account(self) -> Account:
        """An account that has been through every command."""
        account = with_totp()
        account.verify_email(account.holder)
        account.change_password(account.holder, "$argon2id$second")
        account.set_recovery_codes(account.holder, DIGESTS)
        account.use_recovery_code(account.holder, DIGESTS[0])
        account.use_totp_step(account.holder, STEP + 1)
        fail(account, "wrong_password", 6)
        fail(account, "wrong_code", 2)
        account.record_sign_in(account.holder, "session-1", "Safari on iPhone", NOW)
        fail(account, "wrong_password", 5, NOW + timedelta(hours=1))
        account.rehash_password(ADMIN, "$argon2id$third")
        return account

    def test_every_event_carries_the_actor(self) -> None:
        """Each event records actor_id and actor_role."""
        account = self.busy_account()
        actors = {(e.actor_id, e.actor_role) for e in account.collect_events()}  # type: ignore[attr-defined]
        assert {(str(account.id), "applicant"), ("admin-1", "admin")} == actors

    def test_replay_reproduces_state(self) -> None:
        """Replaying the events gives the same state as the live aggregate."""
        account = self.busy_account()
        rebuilt = replay(account)

        def state(a: Account) -> dict[str, Any]:
            return {k: v for k, v in vars(a).items() if k != "_pending_events"}

        assert state(account) == state(rebuilt)
        assert NOW + timedelta(hours=1, seconds=30) == rebuilt.locked_until

    def test_id_is_a_uuid(self) -> None:
        """Accounts are identified by UUIDs like every aggregate."""
        assert isinstance(new_account().id, UUID)

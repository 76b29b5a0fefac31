"""Account events that security notices rely on: new browsers, replacements, resets."""

from __future__ import annotations

import hashlib

import pytest
from test_identity_account import DIGESTS, SECRET, new_account, replay, with_totp

from immportal.domain.actor import Actor, Role
from immportal.domain.errors import InvalidArgument
from immportal.domain.identity.account import KNOWN_BROWSER_LIMIT, Account
from testkit.identity_fakes import NOW, STEP

ADMIN = Actor("admin-1", Role.ADMIN)
OTHER_SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"


def key(name: str) -> str:
    """The digest of a browser cookie."""
    return hashlib.sha256(name.encode()).hexdigest()


def sign_in(account: Account, browser: str) -> bool:
    """Sign in from a browser; return whether the event called it new."""
    account.record_sign_in(account.holder, "ref", "Firefox", NOW, key(browser))
    event = account.pending_events[-1]
    return bool(event.new_browser)  # type: ignore[attr-defined]


class TestNewBrowser:
    """A sign-in is new when the browser's key is unknown and some browser is known."""

    def test_first_sign_in_is_not_new(self) -> None:
        """The browser the account was opened in is simply remembered."""
        assert False is sign_in(new_account(), "laptop")

    def test_same_browser_again_is_not_new(self) -> None:
        """The second sign-in from the same browser raises nothing."""
        account = new_account()
        sign_in(account, "laptop")
        assert False is sign_in(account, "laptop")

    def test_other_browser_is_new_once(self) -> None:
        """Another browser is new the first time only."""
        account = new_account()
        sign_in(account, "laptop")
        assert (True, False) == (sign_in(account, "phone"), sign_in(account, "phone"))

    def test_without_a_key_nothing_is_new(self) -> None:
        """Sign-ins recorded without a browser key never claim a new browser."""
        account = new_account()
        sign_in(account, "laptop")
        account.record_sign_in(account.holder, "ref", "Firefox", NOW)
        assert False is account.pending_events[-1].new_browser  # type: ignore[attr-defined]

    def test_remembers_a_bounded_number(self) -> None:
        """The oldest browser is forgotten beyond the limit, and is then new again."""
        account = new_account()
        for number in range(KNOWN_BROWSER_LIMIT + 1):
            sign_in(account, f"browser-{number}")
        assert KNOWN_BROWSER_LIMIT == len(account.known_browsers)
        assert True is sign_in(account, "browser-0")

    def test_survives_replay(self) -> None:
        """Known browsers come back from the events."""
        account = new_account()
        sign_in(account, "laptop")
        assert [key("laptop")] == replay(account).known_browsers

    def test_malformed_key_refused(self) -> None:
        """A browser key is a digest, not the cookie itself."""
        account = new_account()
        with pytest.raises(InvalidArgument):
            account.record_sign_in(account.holder, "ref", "Firefox", NOW, "raw-cookie-value")


class TestReplacements:
    """Events say whether a second factor replaced an earlier one."""

    def test_first_authenticator_is_not_a_replacement(self) -> None:
        """Setting up the first app is no change to warn about."""
        account = with_totp()
        activated = [e for e in account.pending_events if type(e).__name__ == "TotpActivated"]
        assert [False] == [e.replaced for e in activated]  # type: ignore[attr-defined]

    def test_second_authenticator_replaces(self) -> None:
        """A new app replacing an active one says so."""
        account = with_totp()
        account.start_totp_enrolment(account.holder, OTHER_SECRET)
        account.activate_totp(account.holder, STEP + 1)
        assert (True, OTHER_SECRET) == (
            account.pending_events[-1].replaced,  # type: ignore[attr-defined]
            account.totp_secret,
        )

    def test_recovery_codes_replace_after_the_first_set(self) -> None:
        """The first set replaces nothing; the next one does."""
        account = with_totp()
        account.set_recovery_codes(account.holder, DIGESTS)
        first = account.pending_events[-1].replaced  # type: ignore[attr-defined]
        account.set_recovery_codes(account.holder, list(reversed(DIGESTS)))
        second = account.pending_events[-1].replaced  # type: ignore[attr-defined]
        assert (False, True) == (first, second)


class TestResetSecondFactor:
    """A reset removes the app and codes; what is set up afterwards is a fresh start."""

    def test_reset_clears_app_and_codes(self) -> None:
        """After a reset the account has no app and no codes, and replay agrees."""
        account = with_totp()
        account.set_recovery_codes(account.holder, DIGESTS)
        account.reset_second_factor(ADMIN, "Identity checked at the office")
        rebuilt = replay(account)
        assert (False, [], False) == (
            rebuilt.totp_active,
            rebuilt.recovery_digests,
            rebuilt.recovery_codes_issued,
        )

    def test_reset_needs_a_reason(self) -> None:
        """Nobody removes a second factor without saying why."""
        with pytest.raises(InvalidArgument):
            with_totp().reset_second_factor(ADMIN, "  ")

    def test_new_app_after_reset_is_not_a_replacement(self) -> None:
        """The reset itself was the notice; enrolling afterwards is not another change."""
        account = with_totp()
        account.reset_second_factor(ADMIN, "Recovery completed")
        account.start_totp_enrolment(account.holder, SECRET)
        account.activate_totp(account.holder, STEP + 1)
        assert False is account.pending_events[-1].replaced  # type: ignore[attr-defined]

    def test_spent_steps_stay_spent_after_reset(self) -> None:
        """Codes of time steps already used stay refused with the new app."""
        account = with_totp()
        account.reset_second_factor(ADMIN, "Recovery completed")
        assert STEP == account.last_totp_step


class TestChangeEmail:
    """A new address replaces the old one, already proven."""

    def test_change_normalises_and_verifies(self) -> None:
        """The address is normalised and counts as verified."""
        account = new_account()
        account.change_email(account.holder, "  New.Address@Example.ORG ")
        rebuilt = replay(account)
        assert ("New.Address@example.org", True) == (rebuilt.email, rebuilt.email_verified)

    def test_same_address_refused(self) -> None:
        """Changing to the same address, in any case, is refused."""
        account = new_account()
        with pytest.raises(InvalidArgument):
            account.change_email(account.holder, account.email.upper())

    def test_first_name_is_one_word(self) -> None:
        """Greetings use the first word of the first name only."""
        account = Account.register(email="a@example.org", password_hash="h", names=["Ana Maria"])
        assert "Ana" == account.first_name

"""Account integration events: listed events only, and nothing personal in them."""

import hashlib
from datetime import UTC, datetime

import orjson
import pytest

from immportal.domain.identity.account import Account
from immportal.integration.account_contracts import AccountSignedIn, AuthenticatorActivated
from immportal.integration.contracts import (
    is_published,
    parse_message,
    routing_table,
    to_integration_event,
)

TOPIC = "immportal.domain.identity.account:Account."
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
EMAIL = "maria.garcia@example.org"
HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA"


def busy_account() -> Account:
    """An account with an app, a sign-in from two browsers and a password change."""
    now = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
    account = Account.register(email=EMAIL, password_hash=HASH, names=["Maria Garcia"])
    account.start_totp_enrolment(account.holder, SECRET)
    account.activate_totp(account.holder, 100)
    account.use_totp_step(account.holder, 101)
    for browser in ("laptop", "phone"):
        digest = hashlib.sha256(browser.encode()).hexdigest()
        account.record_sign_in(account.holder, "ref", "Firefox on Linux", now, digest)
    account.record_failed_sign_in(account.holder, "wrong_password", now)
    account.change_password(account.holder, HASH + "2")
    return account


def published(account: Account) -> list[tuple[str, bytes]]:
    """(routing key, body) of every event of the account that is published."""
    out = []
    for event in account.collect_events():
        mapped = to_integration_event(TOPIC + type(event).__name__, event)
        if mapped is not None:
            key, message = mapped
            out.append((key, orjson.dumps(message.model_dump(mode="json"))))
    return out


class TestAccountContracts:
    """Which account events leave the portal, and what they carry."""

    def test_only_listed_events_are_published(self) -> None:
        """Enrolment steps, spent codes and failures stay inside."""
        keys = [key for key, _body in published(busy_account())]
        assert [
            "account.registered",
            "account.totp_activated",
            "account.signed_in",
            "account.signed_in",
            "account.password_changed",
        ] == keys

    @pytest.mark.parametrize(
        "name", ["TotpEnrolmentStarted", "TotpStepUsed", "SignInFailed", "PasswordRehashed"]
    )
    def test_internal_topics_unpublished(self, name: str) -> None:
        """The relay skips these topics without decoding them."""
        assert False is is_published(TOPIC + name)

    def test_no_personal_data_or_secrets(self) -> None:
        """No address, name, browser, hash, secret or cookie digest in any body."""
        bodies = b" ".join(body for _key, body in published(busy_account()))
        laptop = hashlib.sha256(b"laptop").hexdigest().encode()
        for secret in (EMAIL.encode(), b"Maria", b"Firefox", HASH.encode(), SECRET.encode()):
            assert secret not in bodies
        assert laptop not in bodies

    def test_new_browser_round_trips(self) -> None:
        """A consumer reads the new-browser flag back from the message."""
        sign_ins = [body for key, body in published(busy_account()) if key == "account.signed_in"]
        read = [parse_message("account.signed_in", body) for body in sign_ins]
        assert all(isinstance(event, AccountSignedIn) for event in read)
        assert [False, True] == [getattr(event, "new_browser", None) for event in read]

    def test_routing_table_lists_account_contracts(self) -> None:
        """The documented table names each account event's contract."""
        table = dict(routing_table())
        assert AuthenticatorActivated is table["account.totp_activated"]
        assert "account.totp_step_used" not in table

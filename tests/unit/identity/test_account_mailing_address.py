"""Tests of Account.change_mailing_address: the profile's address, changed by its holder only."""

import pytest

from immportal.domain.actor import Actor, Role
from immportal.domain.errors import InvalidArgument
from immportal.domain.identity.account import Account

ADDRESS = {"line1": "8 Quay Road", "line2": " ", "city": "Salem", "postal_code": "01970"}


def account() -> Account:
    """A new applicant's account."""
    return Account.register(email="ana@example.org", password_hash="h", names=["Ana Lopez"])


class TestMailingAddress:
    """The holder keeps an address on the profile; nobody else changes it."""

    def test_holder_changes_it(self) -> None:
        """Blank lines are dropped and the event is MailingAddressChanged."""
        found = account()
        found.change_mailing_address(found.holder, ADDRESS)
        expected = {"line1": "8 Quay Road", "city": "Salem", "postal_code": "01970"}
        assert expected == found.mailing_address
        assert "MailingAddressChanged" == type(found.collect_events()[-1]).__name__

    @pytest.mark.parametrize(
        "actor",
        [Actor("someone-else", Role.APPLICANT), Actor.system(), Actor("admin-1", Role.ADMIN)],
        ids=["another-person", "system", "admin"],
    )
    def test_others_are_refused(self, actor: Actor) -> None:
        """Anyone but the holder is refused and nothing is recorded."""
        found = account()
        version = found.version
        with pytest.raises(InvalidArgument, match="holder"):
            found.change_mailing_address(actor, ADDRESS)
        assert (None, version) == (found.mailing_address, found.version)

    def test_blank_address_is_refused(self) -> None:
        """An address with no lines is refused."""
        found = account()
        with pytest.raises(InvalidArgument):
            found.change_mailing_address(found.holder, {"line1": " "})

    def test_a_new_account_has_none(self) -> None:
        """Until the holder gives one, the profile has no address."""
        assert account().mailing_address is None

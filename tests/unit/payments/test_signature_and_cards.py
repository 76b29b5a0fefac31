"""Webhook signatures (HMAC-SHA256 over time and body) and the sandbox's card checks."""

from datetime import date

import pytest

from immportal.adapters.payments.signature import SignatureInvalid, SignatureStale, sign, verify
from immportal.dev.payments_sandbox.cards import check_card, luhn_valid

SECRET, BODY, NOW = b"shared secret", b'{"id":"evt_1"}', 1_800_000_000
TODAY = date(2027, 3, 1)


class TestSignature:
    """verify() accepts only our secret, this body, and a recent time."""

    def test_good_signature(self) -> None:
        """A fresh, correct signature returns its timestamp."""
        assert NOW == verify(SECRET, BODY, sign(SECRET, BODY, NOW), now=NOW + 5)

    @pytest.mark.parametrize(
        "header",
        [
            sign(b"other secret", BODY, NOW),
            sign(SECRET, BODY + b" ", NOW),
            sign(SECRET, BODY, NOW).replace(f"t={NOW}", f"t={NOW + 1}"),
            "",
            "t=abc,v1=00",
            f"t={NOW}",
        ],
    )
    def test_wrong_signature(self, header: str) -> None:
        """Another secret, an edited body or time, or a malformed header: refused."""
        with pytest.raises(SignatureInvalid):
            verify(SECRET, BODY, header, now=NOW)

    def test_stale_timestamp(self) -> None:
        """A correct signature made more than five minutes ago is refused."""
        with pytest.raises(SignatureStale):
            verify(SECRET, BODY, sign(SECRET, BODY, NOW), now=NOW + 301)

    def test_rotated_secret(self) -> None:
        """While a secret is rotated, any one matching v1 value is enough."""
        old = sign(b"old", BODY, NOW).split(",")[1]
        assert NOW == verify(SECRET, BODY, f"{sign(SECRET, BODY, NOW)},{old}", now=NOW)


class TestCards:
    """The hosted card form."""

    def test_luhn(self) -> None:
        """The test cards pass the Luhn check; a changed digit fails it."""
        assert [True, True, False] == [
            luhn_valid("4242424242424242"),
            luhn_valid("4000000000000002"),
            luhn_valid("4242424242424241"),
        ]

    def test_success_and_decline_cards(self) -> None:
        """4242… pays, 4000…0002 declines; only the last four digits come out."""
        form = {"name": "Ana Lopez", "expiry": "12/30", "cvc": "123"}
        paid = check_card({**form, "card_number": "4242 4242 4242 4242"}, TODAY)
        declined = check_card({**form, "card_number": "4000-0000-0000-0002"}, TODAY)
        assert ("paid", "4242", "visa") == (paid.outcome, paid.last4, paid.brand)
        assert ("declined", "0002") == (declined.outcome, declined.last4)

    def test_problems_in_plain_words(self) -> None:
        """Each field says what is wrong."""
        check = check_card(
            {"name": "", "card_number": "1234", "expiry": "01/20", "cvc": "x"}, TODAY
        )
        assert {
            "name": "Enter the name on the card",
            "card_number": "Enter a valid card number",
            "expiry": "Enter an expiry date that has not passed, like 12/30",
            "cvc": "Enter the 3 or 4 digit security code",
        } == check.errors

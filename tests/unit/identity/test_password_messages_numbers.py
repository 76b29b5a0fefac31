"""The password policy's messages are literal for the catalog: their numbers follow the policy."""

from immportal.domain.identity.passwords import MAX_LENGTH, MIN_LENGTH, TOO_LONG, TOO_SHORT
from immportal.i18n import _, use_language


def test_too_short_names_the_minimum() -> None:
    """The minimum the message states is the one the policy applies."""
    assert f"at least {MIN_LENGTH} characters" in TOO_SHORT


def test_too_long_names_the_maximum() -> None:
    """The maximum the message states is the one the policy applies."""
    assert f"be {MAX_LENGTH} characters or fewer" in TOO_LONG


def test_spanish_keeps_the_numbers() -> None:
    """The Spanish messages state the same numbers."""
    with use_language("es"):
        assert str(MIN_LENGTH) in _(TOO_SHORT)
        assert _(TOO_SHORT) != TOO_SHORT
        assert str(MAX_LENGTH) in _(TOO_LONG)

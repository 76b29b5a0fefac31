"""I-94 numbers in immportal.domain.identifiers.i94."""

import pytest

from immportal.domain.identifiers import InvalidIdentifier
from immportal.domain.identifiers.i94 import MESSAGE, parse_i94_number


class TestBothFormats:
    """11 digits (before May 2019) and 9 digits, a letter and a digit (since) are valid."""

    @pytest.mark.parametrize(
        ("typed", "stored"),
        [
            ("12345678901", "12345678901"),
            ("123456789A1", "123456789A1"),
            ("123456789a1", "123456789A1"),
            ("123 456 789 01", "12345678901"),
            ("1234-5678-901", "12345678901"),
        ],
    )
    def test_normalised(self, typed: str, stored: str) -> None:
        """Spaces and hyphens go; the letter is a capital."""
        assert stored == parse_i94_number(typed)


class TestInvalid:
    """Free text, wrong lengths and letters elsewhere are refused."""

    @pytest.mark.parametrize(
        "typed",
        [
            "abc",
            "",
            "1234567890",  # 10 digits
            "123456789012",  # 12 digits
            "12345678AB1",  # two letters
            "A2345678901",  # letter first
            "1234567890A",  # letter last
            "00000000000",
        ],
    )
    def test_refused(self, typed: str) -> None:
        """The message gives both shapes."""
        with pytest.raises(InvalidIdentifier) as refused:
            parse_i94_number(typed)
        assert MESSAGE == str(refused.value)

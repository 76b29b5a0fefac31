"""Passport numbers in immportal.domain.identifiers.passport."""

import pytest

from immportal.domain.identifiers import InvalidIdentifier
from immportal.domain.identifiers.passport import MESSAGE, parse_passport_number


class TestPassport:
    """6 to 12 letters and digits, stored in capitals without spaces."""

    @pytest.mark.parametrize(
        ("typed", "stored"),
        [
            ("X1234567", "X1234567"),
            ("x 123 456 7", "X1234567"),
            ("123456", "123456"),
            ("AB-123456789-0", "AB1234567890"),
        ],
    )
    def test_normalised(self, typed: str, stored: str) -> None:
        """Spaces and hyphens go, letters are capitals."""
        assert stored == parse_passport_number(typed)

    @pytest.mark.parametrize(
        "typed", ["", "12345", "1234567890123", "X123456/7", "É1234567", "X123 456\u202e7"]
    )
    def test_refused(self, typed: str) -> None:
        """Too short, too long, or characters a passport number never has."""
        with pytest.raises(InvalidIdentifier) as refused:
            parse_passport_number(typed)
        assert MESSAGE == str(refused.value)

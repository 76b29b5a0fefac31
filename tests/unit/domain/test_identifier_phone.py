"""Telephone numbers in immportal.domain.identifiers.phone."""

import pytest

from immportal.domain.identifiers import InvalidIdentifier
from immportal.domain.identifiers.phone import MESSAGE, display_phone, parse_phone


class TestParse:
    """U.S. numbers without a country code, others with one; stored in E.164."""

    @pytest.mark.parametrize(
        ("typed", "stored"),
        [
            ("202 555 0143", "+12025550143"),
            ("(202) 555-0143", "+12025550143"),
            ("+1 202 555 0143", "+12025550143"),
            ("1-202-555-0143", "+12025550143"),
            ("+44 20 7946 0958", "+442079460958"),
            ("+52 55 1234 5678", "+525512345678"),
            ("+12025550143", "+12025550143"),
        ],
    )
    def test_normalised(self, typed: str, stored: str) -> None:
        """One written form whatever the spacing and brackets."""
        assert stored == parse_phone(typed)

    @pytest.mark.parametrize(
        "typed", ["12", "", "call me", "202 555 014", "+1 123 456 7890", "+999 1234 5678"]
    )
    def test_refused(self, typed: str) -> None:
        """Too short, not a number, or a number no country uses."""
        with pytest.raises(InvalidIdentifier) as refused:
            parse_phone(typed)
        assert MESSAGE == str(refused.value)


class TestDisplay:
    """A stored number is shown as people write it."""

    def test_international_format(self) -> None:
        """With its country code and the country's grouping."""
        assert ("+1 202-555-0143", "+44 20 7946 0958") == (
            display_phone("+12025550143"),
            display_phone("+442079460958"),
        )

"""A-Numbers in immportal.domain.identifiers.a_number."""

import pytest

from immportal.domain.errors import DomainError
from immportal.domain.identifiers import InvalidIdentifier
from immportal.domain.identifiers.a_number import MESSAGE, parse_a_number


class TestValid:
    """7 to 9 digits, with or without the A, are kept as A and 9 digits."""

    @pytest.mark.parametrize(
        ("typed", "stored"),
        [
            ("A012345678", "A012345678"),
            ("012345678", "A012345678"),
            ("a12345678", "A012345678"),
            ("1234567", "A001234567"),
            ("A-012-345-678", "A012345678"),
            (" A 012 345 678 ", "A012345678"),
            ("123.456.789", "A123456789"),
            ("A999999999", "A999999999"),
        ],
    )
    def test_normalised(self, typed: str, stored: str) -> None:
        """Separators and case go; short numbers are padded with zeros."""
        assert stored == parse_a_number(typed)

    def test_stored_form_reads_the_same(self) -> None:
        """The stored form is read back unchanged."""
        stored = parse_a_number("a-1234567")
        assert stored == parse_a_number(stored)


class TestInvalid:
    """Anything else is refused with one plain message."""

    @pytest.mark.parametrize(
        "typed",
        [
            "",
            "A",
            "123456",  # too short
            "A1234567890",  # too long
            "B012345678",  # another letter
            "AA12345678",
            "A0123X5678",
            "A000000000",  # no such number
            "A\uff1012345678",  # a full-width digit
            "USCIS#012345678",
        ],
    )
    def test_refused(self, typed: str) -> None:
        """The message says what an A-Number looks like; the error is a domain error."""
        with pytest.raises(InvalidIdentifier) as refused:
            parse_a_number(typed)
        assert MESSAGE == str(refused.value)
        assert isinstance(refused.value, DomainError)

"""Social Security numbers in immportal.domain.identifiers.ssn."""

import pytest

from immportal.domain.identifiers import InvalidIdentifier
from immportal.domain.identifiers.ssn import (
    AREA_MESSAGE,
    GROUP_MESSAGE,
    MESSAGE,
    SERIAL_MESSAGE,
    parse_ssn,
)


class TestValid:
    """Nine digits outside the never-issued ranges, stored as NNN-NN-NNNN."""

    @pytest.mark.parametrize(
        ("typed", "stored"),
        [
            ("123-45-6789", "123-45-6789"),
            ("123456789", "123-45-6789"),
            ("123 45 6789", "123-45-6789"),
            ("001-01-0001", "001-01-0001"),
            ("665-99-9999", "665-99-9999"),
            ("667-01-0001", "667-01-0001"),
            ("899-99-9999", "899-99-9999"),
        ],
    )
    def test_normalised(self, typed: str, stored: str) -> None:
        """Written with hyphens, whatever separators were typed."""
        assert stored == parse_ssn(typed)


class TestInvalid:
    """The wrong shape, and each range the SSA never issues, with its own message."""

    @pytest.mark.parametrize(
        ("typed", "message"),
        [
            ("12345678", MESSAGE),
            ("1234567890", MESSAGE),
            ("12a-45-6789", MESSAGE),
            ("", MESSAGE),
            ("000-12-3456", AREA_MESSAGE),
            ("666-12-3456", AREA_MESSAGE),
            ("900-12-3456", AREA_MESSAGE),
            ("999-12-3456", AREA_MESSAGE),
            ("123-00-4567", GROUP_MESSAGE),
            ("123-45-0000", SERIAL_MESSAGE),
        ],
    )
    def test_refused(self, typed: str, message: str) -> None:
        """Area 000, 666, 900-999; group 00; serial 0000."""
        with pytest.raises(InvalidIdentifier) as refused:
            parse_ssn(typed)
        assert message == str(refused.value)

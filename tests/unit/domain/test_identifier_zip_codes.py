"""ZIP and postal codes in immportal.domain.identifiers.zip_codes."""

import pytest

from immportal.domain.identifiers import InvalidIdentifier
from immportal.domain.identifiers.zip_codes import (
    POSTAL_MESSAGE,
    ZIP_MESSAGE,
    parse_postal_code,
    parse_zip_code,
)


class TestZip:
    """5 digits or ZIP+4."""

    @pytest.mark.parametrize(
        ("typed", "stored"),
        [
            ("01970", "01970"),
            (" 20500 ", "20500"),
            ("20500-0003", "20500-0003"),
            ("20500 0003", "20500-0003"),
            ("205000003", "20500-0003"),
        ],
    )
    def test_normalised(self, typed: str, stored: str) -> None:
        """ZIP+4 is written with its hyphen."""
        assert stored == parse_zip_code(typed)

    @pytest.mark.parametrize(
        "typed", ["ABCDE", "", "1970", "019700", "01970-003", "00000", "20500--0003", "2050O"]
    )
    def test_refused(self, typed: str) -> None:
        """Letters, wrong lengths and the all-zero code."""
        with pytest.raises(InvalidIdentifier) as refused:
            parse_zip_code(typed)
        assert ZIP_MESSAGE == str(refused.value)


class TestPostalCode:
    """Other countries' codes: letters, digits, single spaces and hyphens."""

    @pytest.mark.parametrize(
        ("typed", "stored"),
        [
            ("sw1a  1aa", "SW1A 1AA"),
            ("75001", "75001"),
            ("1010-120", "1010-120"),
            ("K1A 0B1", "K1A 0B1"),
        ],
    )
    def test_normalised(self, typed: str, stored: str) -> None:
        """Capitals and single spaces."""
        assert stored == parse_postal_code(typed)

    @pytest.mark.parametrize("typed", ["", "75001!", "-7500", "12345678901", "<b>"])
    def test_refused(self, typed: str) -> None:
        """Symbols, a leading hyphen, more than 10 characters."""
        with pytest.raises(InvalidIdentifier) as refused:
            parse_postal_code(typed)
        assert POSTAL_MESSAGE == str(refused.value)

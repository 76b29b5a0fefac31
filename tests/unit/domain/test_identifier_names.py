"""People's names in immportal.domain.identifiers.names."""

import unicodedata

import pytest

from immportal.domain.identifiers import InvalidIdentifier
from immportal.domain.identifiers.names import (
    MESSAGE,
    NO_LETTER,
    name_words,
    parse_person_name,
)


class TestValid:
    """Letters of any script with spaces, hyphens, apostrophes and periods."""

    @pytest.mark.parametrize(
        ("typed", "stored"),
        [
            ("Ana", "Ana"),
            ("  María   José ", "María José"),
            ("O'Brien", "O'Brien"),
            ("O\u2019Brien", "O\u2019Brien"),
            ("Jean-Luc", "Jean-Luc"),
            ("St. John", "St. John"),
            ("Nguyễn", "Nguyễn"),
            ("张伟", "张伟"),
            ("Мария", "Мария"),
            ("محمد", "محمد"),
            ("देवनागरी", "देवनागरी"),
            ("\u0645\u06cc\u200c\u0631\u0627", "\u0645\u06cc\u200c\u0631\u0627"),
        ],
    )
    def test_kept(self, typed: str, stored: str) -> None:
        """Kept as written, with single spaces."""
        assert stored == parse_person_name(typed)

    def test_normalised_to_nfc(self) -> None:
        """A decomposed é is stored composed, so the same name compares equal."""
        decomposed = unicodedata.normalize("NFD", "José")
        assert "José" == parse_person_name(decomposed)


class TestInvalid:
    """Digits, symbols, controls and bidi characters are refused, not cleaned."""

    @pytest.mark.parametrize(
        ("typed", "message"),
        [
            ("Ana2", MESSAGE),
            ("Ana_Lopez", MESSAGE),
            ("Ana@example.com", MESSAGE),
            ("<script>", MESSAGE),
            ("Ana\u202eLopez", MESSAGE),
            ("Ana\u200fLopez", MESSAGE),
            ("Ana\x00", MESSAGE),
            ("Ana\u0661", MESSAGE),  # an Arabic-Indic digit
            ("Ana 🙂", MESSAGE),
            ("-.'", NO_LETTER),
        ],
    )
    def test_refused(self, typed: str, message: str) -> None:
        """The message lists what a name may hold."""
        with pytest.raises(InvalidIdentifier) as refused:
            parse_person_name(typed)
        assert message == str(refused.value)


class TestWords:
    """Words folded for comparing signatures."""

    def test_folded(self) -> None:
        """No accents, no case, hyphens split words, apostrophes and periods go."""
        assert ["maria", "jose", "obrien", "st"] == name_words("María-José O'Brien St.")

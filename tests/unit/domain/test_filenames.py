"""Cleaning a person's filename before it is kept as metadata."""

import pytest

from immportal.domain.filenames import FALLBACK_FILENAME, MAX_FILENAME_LENGTH, clean_filename


class TestCleanFilename:
    """Only a safe, readable last path part survives."""

    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            ("passport.pdf", "passport.pdf"),
            ("C:\\Users\\ana\\Documents\\passport.pdf", "passport.pdf"),
            ("../../etc/passwd", "passwd"),
            ("/home/ana/scan 1.png", "scan 1.png"),
            ("bad\x00na\x1bme\r\n.pdf", "badname.pdf"),
            ("résumé.pdf", "résumé.pdf"),
            ('a<b>:"c"|?*.pdf', "a_b___c____.pdf"),
            ("  many    spaces .pdf  ", "many spaces .pdf"),
        ],
    )
    def test_cleaned(self, raw: str, expected: str) -> None:
        """Path parts, control characters and reserved characters are removed or replaced."""
        assert expected == clean_filename(raw)

    def test_right_to_left_override_is_removed(self) -> None:
        """A bidi override cannot disguise 'invoice\u202efdp.exe' as a PDF."""
        assert "invoicefdp.exe" == clean_filename("invoice\u202efdp.exe")

    def test_zero_width_characters_are_removed(self) -> None:
        """Invisible characters are dropped."""
        assert "passport.pdf" == clean_filename("pass\u200bport\ufeff.pdf")

    @pytest.mark.parametrize("raw", [None, "", "   ", "...", "/", "\u202e\u200b"])
    def test_empty_becomes_fallback(self, raw: str | None) -> None:
        """A name with nothing left is replaced by a neutral one."""
        assert FALLBACK_FILENAME == clean_filename(raw)

    def test_very_long_name_keeps_its_extension(self) -> None:
        """A long name is cut to the limit, keeping its extension."""
        cleaned = clean_filename("x" * 500 + ".pdf")
        assert MAX_FILENAME_LENGTH == len(cleaned)
        assert cleaned.endswith("x.pdf")

    def test_very_long_name_without_extension(self) -> None:
        """A long name without an extension is cut to the limit."""
        assert "y" * MAX_FILENAME_LENGTH == clean_filename("y" * 1000)

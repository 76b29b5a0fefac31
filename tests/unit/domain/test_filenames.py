"""A person's filename: refused when it hides a path or disguises itself, else tidied."""

import pytest

from immportal.domain.evidence.filenames import (
    FALLBACK_FILENAME,
    MAX_FILENAME_LENGTH,
    RENAME_THE_FILE,
    UnsafeFilename,
    check_filename,
    clean_filename,
)


class TestRefusedNames:
    """Path separators, control characters and bidi overrides are refused, not cleaned."""

    @pytest.mark.parametrize(
        "raw",
        [
            "C:\\Users\\ana\\Documents\\passport.pdf",
            "../../etc/passwd",
            "/home/ana/scan 1.png",
            "/",
            "bad\x00name.pdf",
            "esc\x1bape.pdf",
            "two\r\nlines.pdf",
            "tab\there.pdf",
            "delete\x7f.pdf",
            "c1\x85control.pdf",
            "c1\x9fcontrol.pdf",
            "invoice\u202efdp.exe",
            "embedding\u202aleft.pdf",
            "isolate\u2067right.pdf",
        ],
    )
    def test_refused_with_a_plain_message(self, raw: str) -> None:
        """The name is refused, and the message says how to fix it."""
        with pytest.raises(UnsafeFilename) as refused:
            clean_filename(raw)
        assert RENAME_THE_FILE == str(refused.value)

    def test_check_alone_refuses_the_same(self) -> None:
        """check_filename refuses what clean_filename would, without cleaning anything."""
        with pytest.raises(UnsafeFilename):
            check_filename("scans/passport.pdf")

    @pytest.mark.parametrize("raw", [None, "", "passport.pdf", "résumé (1).pdf"])
    def test_harmless_names_pass_the_check(self, raw: str | None) -> None:
        """Ordinary names, and no name at all, are not refused."""
        check_filename(raw)


class TestCleanFilename:
    """Harmless names are kept as metadata: normalised, tidied, shortened."""

    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            ("passport.pdf", "passport.pdf"),
            ("résumé.pdf", "résumé.pdf"),
            ('a<b>:"c"|?*.pdf', "a_b___c____.pdf"),
            ("  many    spaces .pdf  ", "many spaces .pdf"),
            ("no\u00a0break\u3000space.pdf", "no break space.pdf"),
            ("trailing dots...", "trailing dots"),
        ],
    )
    def test_cleaned(self, raw: str, expected: str) -> None:
        """Reserved characters are replaced and whitespace is collapsed and trimmed."""
        assert expected == clean_filename(raw)

    def test_unicode_is_normalised(self) -> None:
        """A decomposed 'é' (e + combining accent) is kept composed (NFC)."""
        assert "r\u00e9sum\u00e9.pdf" == clean_filename("re\u0301sume\u0301.pdf")

    def test_zero_width_characters_are_removed(self) -> None:
        """Invisible characters that cannot disguise a name are dropped quietly."""
        assert "passport.pdf" == clean_filename("pass\u200bport\ufeff.pdf")

    @pytest.mark.parametrize("raw", [None, "", "   ", "...", "\u200b\ufeff"])
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

"""Accept-Language parsing and negotiation with Babel."""

import pytest

from immportal.i18n.negotiation import negotiate, preferred_tags

AVAILABLE = ("en", "es")


class TestPreferredTags:
    """The header's tags come out most preferred first."""

    def test_orders_by_quality_then_position(self) -> None:
        """Higher q first; equal q keeps the header's order; q=0 and '*' are dropped."""
        header = "fr;q=0.5, es-MX, en;q=0.8, de;q=0, *;q=0.1, pt"
        assert ["es_MX", "pt", "en", "fr"] == preferred_tags(header)

    def test_ignores_garbage(self) -> None:
        """Malformed items and unreadable q values are skipped, not fatal."""
        assert ["es"] == preferred_tags("<script>, es, en;q=abc, ;q=1, en;q=7")


class TestNegotiate:
    """The best language on offer for a browser's header."""

    @pytest.mark.parametrize(
        ("header", "chosen"),
        [
            ("es-MX,es;q=0.9,en;q=0.8", "es"),
            ("es-419", "es"),
            ("EN-gb;q=0.5, fr", "en"),
            ("fr, de;q=0.8", None),
            ("", None),
            ("de, es;q=0.1", "es"),
        ],
        ids=["mexico", "latin-america", "case-insensitive", "none-offered", "empty", "low-q"],
    )
    def test_negotiates(self, header: str, chosen: str | None) -> None:
        """A regional tag falls back to its language; the portal's own spelling comes back."""
        assert chosen == negotiate(header, AVAILABLE)

    def test_none_header(self) -> None:
        """No header negotiates nothing (the caller falls back to English)."""
        assert negotiate(None, AVAILABLE) is None

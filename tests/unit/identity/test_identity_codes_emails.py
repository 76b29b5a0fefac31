"""Tests for code parsing (identity.codes) and email normalisation (identity.emails)."""

from __future__ import annotations

import pytest

from immportal.domain.errors import InvalidArgument
from immportal.domain.identity.codes import (
    canonical_recovery_code,
    canonical_totp_code,
    format_recovery_code,
)
from immportal.domain.identity.emails import email_key, normalise_email

FULL_WIDTH = "\uff11\uff12\uff13\uff14\uff15\uff16"
"""123456 as typed on a Chinese or Japanese keyboard."""


class TestTotpCodes:
    """Authenticator codes are read the way people type them."""

    @pytest.mark.parametrize("typed", ["123456", " 123 456 ", "123-456", FULL_WIDTH])
    def test_spaces_dashes_and_full_width_digits(self, typed: str) -> None:
        """Spaces, a dash and full-width digits from CJK keyboards are accepted."""
        assert "123456" == canonical_totp_code(typed)

    @pytest.mark.parametrize("typed", ["12345", "1234567", "12345a", "", "١٢٣٤٥٦"])
    def test_anything_else_is_not_a_code(self, typed: str) -> None:
        """Wrong lengths, letters and non-ASCII digits are not authenticator codes."""
        assert None is canonical_totp_code(typed)


class TestRecoveryCodes:
    """Recovery codes forgive case, dashes and look-alike letters."""

    def test_typed_loosely(self) -> None:
        """Lower case, spaces and the letters O, I and L read as the code."""
        assert "0123ABCD1111EFGH" == canonical_recovery_code("oi23-abcd il1l efgh")

    def test_formatted_in_groups(self) -> None:
        """A canonical code is shown in four groups of four."""
        assert "0123-ABCD-1111-EFGH" == format_recovery_code("0123ABCD1111EFGH")

    @pytest.mark.parametrize("typed", ["0123-ABCD-1111", "0123-ABCD-1111-EFGU", "123456"])
    def test_not_a_recovery_code(self, typed: str) -> None:
        """Short codes and letters outside the alphabet (U) are refused."""
        assert None is canonical_recovery_code(typed)


class TestEmails:
    """Addresses keep the case of their local part but compare without case."""

    def test_strip_and_lowercase_domain(self) -> None:
        """Spaces around and capitals in the domain go; the local part keeps its case."""
        assert "Maria.Garcia@example.org" == normalise_email("  Maria.Garcia@Example.ORG \n")

    def test_key_ignores_case(self) -> None:
        """Two spellings that differ only in case share one key."""
        assert email_key("MARIA@example.org") == email_key("maria@EXAMPLE.org")

    @pytest.mark.parametrize("typed", ["maria", "maria@", "@example.org", "ma ria@x.org", "m@x"])
    def test_malformed(self, typed: str) -> None:
        """Something that is not an address is refused with the GOV.UK wording."""
        with pytest.raises(InvalidArgument, match=r"like name@example\.com"):
            normalise_email(typed)

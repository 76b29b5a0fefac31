"""USCIS online account numbers in immportal.domain.identifiers.uscis_account."""

import pytest

from immportal.domain.identifiers import InvalidIdentifier
from immportal.domain.identifiers.uscis_account import MESSAGE, parse_uscis_account_number


class TestAccountNumber:
    """12 digits, typed in groups or not; nothing else."""

    @pytest.mark.parametrize(
        ("typed", "stored"),
        [
            ("012345678901", "012345678901"),
            ("0123 4567 8901", "012345678901"),
            ("0123-4567-8901", "012345678901"),
        ],
    )
    def test_normalised(self, typed: str, stored: str) -> None:
        """Spaces and hyphens go, leading zeros stay."""
        assert stored == parse_uscis_account_number(typed)

    @pytest.mark.parametrize(
        "typed", ["", "12345678901", "1234567890123", "A12345678901", "0123_4567_8901"]
    )
    def test_refused(self, typed: str) -> None:
        """Too short, too long, or not all digits."""
        with pytest.raises(InvalidIdentifier, match=MESSAGE):
            parse_uscis_account_number(typed)

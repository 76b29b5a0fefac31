"""Receipt numbers typed in forms, in immportal.domain.identifiers.receipt."""

import pytest

from immportal.domain.cases.receipt import parse_receipt_number
from immportal.domain.identifiers import InvalidIdentifier
from immportal.domain.identifiers.receipt import MESSAGE, parse_receipt


class TestReceipt:
    """3 letters and 10 digits, read as the case rules read them."""

    @pytest.mark.parametrize(
        ("typed", "stored"),
        [
            ("IOE0912345678", "IOE0912345678"),
            ("ioe0912345678", "IOE0912345678"),
            ("IOE-09-1234-5678", "IOE0912345678"),
            (" EAC 21 123 45678 ", "EAC2112345678"),
        ],
    )
    def test_normalised(self, typed: str, stored: str) -> None:
        """Capitals, no separators: the same reading as the case's own receipt numbers."""
        assert (stored, stored) == (parse_receipt(typed), parse_receipt_number(typed))

    @pytest.mark.parametrize(
        "typed", ["Test answer", "", "IOE091234567", "IOE09123456789", "I0E0912345678", "12345"]
    )
    def test_refused(self, typed: str) -> None:
        """The form's message does not repeat what was typed back."""
        with pytest.raises(InvalidIdentifier) as refused:
            parse_receipt(typed)
        assert MESSAGE == str(refused.value)

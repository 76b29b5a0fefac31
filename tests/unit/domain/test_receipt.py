"""Tests for receipt numbers in immportal.domain.cases.receipt."""

from __future__ import annotations

from datetime import date

import pytest

from immportal.domain.cases.receipt import (
    ReceiptNumber,
    fiscal_year,
    format_receipt_number,
    parse_receipt_number,
)
from immportal.domain.errors import DomainError, InvalidReceiptNumber


class TestFiscalYear:
    """The US federal fiscal year starts on October 1."""

    def test_september_30_is_the_old_year(self) -> None:
        """September 30 still belongs to the fiscal year named after its calendar year."""
        expected = 2026
        assert expected == fiscal_year(date(2026, 9, 30))

    def test_october_1_starts_the_next_year(self) -> None:
        """October 1 starts the fiscal year named after the next calendar year."""
        expected = 2027
        assert expected == fiscal_year(date(2026, 10, 1))

    def test_november_is_the_next_year(self) -> None:
        """A day in November belongs to the next fiscal year."""
        expected = 2027
        assert expected == fiscal_year(date(2026, 11, 26))

    def test_december_31_and_january_1_share_a_year(self) -> None:
        """The calendar new year does not change the fiscal year."""
        assert fiscal_year(date(2026, 12, 31)) == fiscal_year(date(2027, 1, 1))


class TestFormat:
    """Formatting a receipt number from its parts."""

    def test_pads_the_sequence(self) -> None:
        """The sequence is padded to eight digits after the two-digit fiscal year."""
        expected = "IOE2700000042"
        assert expected == format_receipt_number("IOE", date(2026, 11, 26), 42)

    def test_boundary_days_give_different_years(self) -> None:
        """Receipts on September 30 and October 1 carry different fiscal years."""
        expected = ("EAC2600000001", "EAC2700000001")
        actual = tuple(
            format_receipt_number("EAC", d, 1) for d in (date(2026, 9, 30), date(2026, 10, 1))
        )
        assert expected == actual

    def test_largest_sequence(self) -> None:
        """The largest sequence fills all eight digits."""
        expected = "WAC2799999999"
        assert expected == format_receipt_number("WAC", date(2027, 1, 2), 99_999_999)

    def test_century_wraps_to_two_digits(self) -> None:
        """Fiscal year 2100 is written 00."""
        expected = "LIN0000000007"
        assert expected == format_receipt_number("LIN", date(2099, 10, 1), 7)

    @pytest.mark.parametrize("sequence", [0, -1, 100_000_000])
    def test_sequence_out_of_range(self, sequence: int) -> None:
        """A sequence outside 1 to 99,999,999 is refused."""
        with pytest.raises(ValueError, match="between 1 and 99999999"):
            format_receipt_number("IOE", date(2026, 11, 26), sequence)

    @pytest.mark.parametrize("office", ["", "IO", "IOEX", "ioe", "I0E"])
    def test_bad_office_code(self, office: str) -> None:
        """An office code must be three capital letters."""
        with pytest.raises(InvalidReceiptNumber, match="three capital letters"):
            format_receipt_number(office, date(2026, 11, 26), 1)


class TestParse:
    """Reading a receipt number a person typed."""

    @pytest.mark.parametrize(
        "text", ["IOE2700000042", "ioe2700000042", " IOE-270-000-0042 ", "IOE 2700000042"]
    )
    def test_normalizes(self, text: str) -> None:
        """Spaces and hyphens are dropped and letters are capitalized."""
        expected = "IOE2700000042"
        assert expected == parse_receipt_number(text)

    @pytest.mark.parametrize(
        "text", ["", "IOE", "IOE270000004", "IOE27000000421", "1OE2700000042", "IOE27000000O2"]
    )
    def test_rejects_bad_input(self, text: str) -> None:
        """Anything but three letters and ten digits is refused in plain language."""
        with pytest.raises(InvalidReceiptNumber, match="three letters followed by ten digits"):
            parse_receipt_number(text)

    def test_error_is_a_domain_and_value_error(self) -> None:
        """The error can be caught as a domain error or as a ValueError."""
        assert issubclass(InvalidReceiptNumber, DomainError)
        assert issubclass(InvalidReceiptNumber, ValueError)

    def test_parts(self) -> None:
        """A parsed receipt number exposes its office, fiscal year and sequence."""
        expected = ReceiptNumber("SRC", 27, 42)
        assert expected == ReceiptNumber.parse("SRC2700000042")

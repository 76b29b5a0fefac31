"""Receipt numbers: an office code, the fiscal year and a sequence number, e.g. IOE2700000042."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from immportal.domain.errors import InvalidReceiptNumber

MAX_SEQUENCE = 99_999_999
_OFFICE = re.compile(r"[A-Z]{3}")
_RECEIPT = re.compile(r"([A-Z]{3})([0-9]{2})([0-9]{8})")
# People copy receipt numbers from notices with spaces or hyphens in them.
_SEPARATORS = re.compile(r"[\s\-]+")


def fiscal_year(on: date) -> int:
    """Return the US federal fiscal year of a day; it starts on October 1 (2026-10-01 is 2027)."""
    return on.year + 1 if on.month >= 10 else on.year


@dataclass(frozen=True)
class ReceiptNumber:
    """A USCIS-style receipt number such as IOE2700000042."""

    office_code: str
    year: int
    """The last two digits of the fiscal year it was issued in."""
    sequence: int

    def __str__(self) -> str:
        """Return the receipt number as printed on notices."""
        return f"{self.office_code}{self.year:02d}{self.sequence:08d}"

    @classmethod
    def parse(cls, text: str) -> ReceiptNumber:
        """Read a receipt number typed by a person, or raise InvalidReceiptNumber."""
        cleaned = _SEPARATORS.sub("", text).upper()
        match = _RECEIPT.fullmatch(cleaned)
        if match is None:
            msg = (
                f"{text.strip()!r} is not a receipt number. A receipt number is three letters "
                "followed by ten digits, for example IOE2700000042."
            )
            raise InvalidReceiptNumber(msg)
        office, year, sequence = match.groups()
        return cls(office, int(year), int(sequence))


def format_receipt_number(office_code: str, on: date, sequence: int) -> str:
    """Return the receipt number for the sequence-th case received by the office on a day."""
    if not _OFFICE.fullmatch(office_code):
        msg = f"Office code must be three capital letters, not {office_code!r}."
        raise InvalidReceiptNumber(msg)
    if not 1 <= sequence <= MAX_SEQUENCE:
        msg = f"Receipt sequence must be between 1 and {MAX_SEQUENCE}, not {sequence}."
        raise ValueError(msg)
    return str(ReceiptNumber(office_code, fiscal_year(on) % 100, sequence))


def parse_receipt_number(text: str) -> str:
    """Return the receipt number in text without spaces or hyphens, in capitals."""
    return str(ReceiptNumber.parse(text))

"""Cards a decision produces: which forms give one, and the mail tracking numbers checked."""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum

from immportal.domain.cases.forms import FormType
from immportal.domain.errors import InvalidArgument

# As USCIS does: an approved I-765 gives an Employment Authorization Document and an
# approved I-90 a new Permanent Resident Card. An approved I-130 gives no card (the
# relative immigrates on a later application) and an N-400 ends in a certificate handed
# over at the oath ceremony, never a mailed card.
CARD_KINDS: Mapping[FormType, str] = {
    FormType.I765: "Employment Authorization Document",
    FormType.I90: "Permanent Resident Card",
}
"""The card an approved application of each form produces."""


class CardState(StrEnum):
    """Where the card of an approved case is."""

    PRODUCED = "produced"
    MAILED = "mailed"
    RETURNED = "returned"
    """The Postal Service brought it back undeliverable: it waits to be mailed again."""


def card_kind(form_type: str) -> str | None:
    """The card this form's approval produces, or None for a form that gives no card."""
    try:
        return CARD_KINDS.get(FormType(form_type))
    except ValueError:
        return None


# People copy tracking numbers with spaces; USPS prints them in groups of four.
_SEPARATORS = re.compile(r"[\s\-]+")
# Universal Postal Union S10 (e.g. EJ123456789US): two letters, eight digits, a check digit.
_S10 = re.compile(r"([A-Z]{2})([0-9]{8})([0-9])US")
_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
# USPS Intelligent Mail package barcode numbers: 20 or 22 digits, the last a check digit.
_IMPB = re.compile(r"[0-9]{20}|[0-9]{22}")


def _s10_check_digit(digits: str) -> int:
    remainder = 11 - sum(int(d) * w for d, w in zip(digits, _S10_WEIGHTS, strict=True)) % 11
    return {10: 0, 11: 5}.get(remainder, remainder)


def _mod10_check_digit(digits: str) -> int:
    # From the right, digits are weighted 3, 1, 3, 1... (the USPS and GS1 mod 10 rule).
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return (10 - total % 10) % 10


def parse_tracking_number(text: str) -> str:
    """Return a USPS tracking number without spaces, or raise InvalidArgument.

    Accepted: the 20- and 22-digit numbers of domestic USPS labels and the S10 numbers of
    Priority Mail Express (two letters, nine digits, US), each with a correct check digit,
    so a mistyped number is refused before it is printed for the applicant.
    """
    cleaned = _SEPARATORS.sub("", text).upper()
    s10 = _S10.fullmatch(cleaned)
    if s10 is not None and int(s10.group(3)) == _s10_check_digit(s10.group(2)):
        return cleaned
    if _IMPB.fullmatch(cleaned) and int(cleaned[-1]) == _mod10_check_digit(cleaned[:-1]):
        return cleaned
    msg = (
        f"{text.strip()!r} is not a USPS tracking number. Give the 20 or 22 digits on the "
        "label, or a number like EJ123456785US, exactly as printed."
    )
    raise InvalidArgument(msg)

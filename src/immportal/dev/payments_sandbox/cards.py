"""Card checks of the sandbox: the Luhn digit, expiry, CVC, and what each test card does."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

SUCCEEDS = "4242424242424242"
DECLINES = "4000000000000002"
TEST_CARDS = {SUCCEEDS: "paid", DECLINES: "declined"}


@dataclass(frozen=True)
class CardCheck:
    """The outcome of the card form: problems per field, or what the card does."""

    errors: dict[str, str]
    outcome: str = ""
    last4: str = ""
    brand: str = ""


def digits_of(number: str) -> str:
    """The digits of a card number typed with spaces or hyphens."""
    return "".join(ch for ch in number if ch.isdigit())


def luhn_valid(digits: str) -> bool:
    """Whether the number's last digit is its Luhn check digit."""
    if not digits.isdigit() or not 12 <= len(digits) <= 19:
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def brand_of(digits: str) -> str:
    """The card network, from the first digits."""
    if digits.startswith("4"):
        return "visa"
    if digits[:2] in {"51", "52", "53", "54", "55"} or "2221" <= digits[:4] <= "2720":
        return "mastercard"
    if digits[:2] in {"34", "37"}:
        return "amex"
    return "card"


def expiry_ok(text: str, today: date) -> bool:
    """Whether MM/YY (or MM/YYYY) is a month that has not ended yet."""
    month, _, year = text.replace(" ", "").partition("/")
    if not (month.isdigit() and year.isdigit() and 1 <= int(month) <= 12):
        return False
    full_year = int(year) + 2000 if len(year) == 2 else int(year)
    return (full_year, int(month)) >= (today.year, today.month)


def check_card(form: dict[str, str], today: date) -> CardCheck:
    """Check the hosted card form as typed."""
    digits = digits_of(form.get("card_number", ""))
    errors = {}
    if not form.get("name", "").strip():
        errors["name"] = "Enter the name on the card"
    if not digits:
        errors["card_number"] = "Enter the card number"
    elif not luhn_valid(digits):
        errors["card_number"] = "Enter a valid card number"
    elif digits not in TEST_CARDS:
        errors["card_number"] = (
            "This is a sandbox: use 4242 4242 4242 4242 to pay or 4000 0000 0000 0002 to decline"
        )
    if not expiry_ok(form.get("expiry", ""), today):
        errors["expiry"] = "Enter an expiry date that has not passed, like 12/30"
    cvc = form.get("cvc", "").strip()
    if not (cvc.isdigit() and len(cvc) in (3, 4)):
        errors["cvc"] = "Enter the 3 or 4 digit security code"
    if errors:
        return CardCheck(errors)
    return CardCheck({}, TEST_CARDS[digits], digits[-4:], brand_of(digits))

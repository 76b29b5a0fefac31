"""What each kind of question accepts: the value as typed in, the value to save out.

A refused value raises ValueError (identifier rules raise InvalidIdentifier, one) with
the message the page shows beside the question.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from immportal.domain.catalogue.dates import check_date
from immportal.domain.catalogue.words import shown
from immportal.domain.hidden_characters import REMOVE_HIDDEN, has_hidden_characters
from immportal.domain.identifiers.a_number import parse_a_number
from immportal.domain.identifiers.countries import UNITED_STATES, parse_country
from immportal.domain.identifiers.i94 import parse_i94_number
from immportal.domain.identifiers.invalid import InvalidIdentifier
from immportal.domain.identifiers.names import parse_person_name
from immportal.domain.identifiers.passport import parse_passport_number
from immportal.domain.identifiers.phone import parse_phone
from immportal.domain.identifiers.receipt import parse_receipt
from immportal.domain.identifiers.ssn import parse_ssn
from immportal.domain.identifiers.states import parse_state
from immportal.domain.identifiers.uscis_account import parse_uscis_account_number
from immportal.domain.identifiers.zip_codes import parse_postal_code, parse_zip_code
from immportal.i18n import N_, _

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PARSERS: Mapping[str, Callable[[str], str]] = {
    "name": parse_person_name,
    "tel": parse_phone,
    "a_number": parse_a_number,
    "uscis_account": parse_uscis_account_number,
    "i94": parse_i94_number,
    "receipt": parse_receipt,
    "ssn": parse_ssn,
    "zip": parse_zip_code,
    "state": parse_state,
    "passport": parse_passport_number,
    "country": parse_country,
}
# Where the page's country decides the rule: the U.S. one, else the other one.
_BY_COUNTRY: Mapping[str, tuple[Callable[[str], str], Callable[[str], str]]] = {
    "region": (parse_state, str.strip),
    "postal_code": (parse_zip_code, parse_postal_code),
}


def checked(
    extra: Mapping[str, Any], value: Any, *, today: date | None, page: Mapping[str, Any]
) -> Any:
    """The value to save for a question of this kind (`extra` holds its settings)."""
    kind = str(extra.get("kind", "text"))
    if isinstance(value, str) and has_hidden_characters(value):
        raise ValueError(REMOVE_HIDDEN.format(what="this answer"))
    if kind in ("choice", "yes_no") and value not in {k for k, _ in extra["choices"]}:
        raise ValueError(extra["required"])
    if kind == "checkboxes":
        return _ticked(extra, value)
    if kind == "email" and not _EMAIL.fullmatch(value):
        raise ValueError(N_("Enter an email address in the correct format, like name@example.com"))
    if kind == "number" and not 0 <= value <= extra["most"]:
        raise ValueError(
            _(
                "%(noun)s must be between 0 and %(most)s",
                noun=shown(extra["noun"]),
                most=extra["most"],
            )
        )
    if kind == "date":
        on = today or datetime.now().date()
        return check_date(value, noun=extra["noun"], when=extra.get("when"), today=on).isoformat()
    if kind in _BY_COUNTRY:
        in_us, elsewhere = _BY_COUNTRY[kind]
        return in_us(value) if _in_us(page.get(extra["country_field"])) else elsewhere(value)
    if parse := _PARSERS.get(kind):
        return parse(value)
    return value


def _ticked(extra: Mapping[str, Any], value: str) -> str:
    """The ticked options in the options' order, each once; an unknown one is refused."""
    options = [str(option) for option, _ in extra["choices"]]
    ticked = {part.strip() for part in value.split(",") if part.strip()}
    if not ticked or not ticked <= set(options):
        raise ValueError(extra["required"])
    return ",".join(option for option in options if option in ticked)


def _in_us(typed: Any) -> bool:
    # A country left empty or mistyped has its own message; this one then checks loosely.
    try:
        return isinstance(typed, str) and parse_country(typed) == UNITED_STATES
    except InvalidIdentifier:
        return False

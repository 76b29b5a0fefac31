"""Who filed and where they receive mail, as an application's answers give them.

Every form of the catalogue asks the same questions in its "applicant" section (name and
date of birth) and its "contact" section (the mailing address), so the case, its notices
and the profile read them here, under one set of names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from immportal.domain.identifiers.countries import UNITED_STATES, country_name

APPLICANT_SECTION = "applicant"
CONTACT_SECTION = "contact"
NAME_PARTS = ("given_name", "middle_name", "family_name")
ADDRESS_KEYS = ("in_care_of", "line1", "line2", "city", "state", "postal_code", "country")
"""The keys of a mailing address, as the form's mailing address page saves them."""


def _text(values: Mapping[str, Any], key: str) -> str:
    # Answers are whatever a form posted: only non-empty strings count.
    value = values.get(key)
    return value.strip() if isinstance(value, str) else ""


def filed_address(answers: Mapping[str, Mapping[str, Any]]) -> dict[str, str] | None:
    """The mailing address the application gives, or None when it gives no street."""
    contact = answers.get(CONTACT_SECTION, {})
    address = {key: _text(contact, key) for key in ADDRESS_KEYS}
    address = {key: value for key, value in address.items() if value}
    return address if address.get("line1") else None


def filed_name(answers: Mapping[str, Mapping[str, Any]]) -> str:
    """The applicant's full name as the application gives it, or ""."""
    about = answers.get(APPLICANT_SECTION, {})
    return " ".join(part for part in (_text(about, key) for key in NAME_PARTS) if part)


def filed_birth_date(answers: Mapping[str, Mapping[str, Any]]) -> str | None:
    """The date of birth the application gives (YYYY-MM-DD), or None."""
    return _text(answers.get(APPLICANT_SECTION, {}), "date_of_birth") or None


def same_address(first: Mapping[str, str] | None, second: Mapping[str, str] | None) -> bool:
    """Whether two addresses are the same lines (empty lines and spacing aside)."""

    keys = {*ADDRESS_KEYS, *(first or {}), *(second or {})}

    def lines(address: Mapping[str, str] | None) -> dict[str, str]:
        return {key: " ".join(_text(address or {}, key).split()) for key in keys}

    return lines(first) == lines(second)


def address_lines(address: Mapping[str, Any] | None) -> tuple[str, ...]:
    """The address as printed on an envelope: a country other than the United States by
    its name, never its code (U.S. mail leaves the country off a domestic address, and an
    address saved before addresses had a country is in the United States)."""
    address = address or {}
    place = ", ".join(p for p in (_text(address, "city"), _text(address, "state")) if p)
    city_line = " ".join(p for p in (place, _text(address, "postal_code")) if p)
    country = _text(address, "country") or UNITED_STATES
    care_of = _text(address, "in_care_of")
    lines = (
        f"In care of {care_of}" if care_of else "",
        _text(address, "line1"),
        _text(address, "line2"),
        city_line,
        country_name(country) if country != UNITED_STATES else "",
    )
    return tuple(line for line in lines if line)

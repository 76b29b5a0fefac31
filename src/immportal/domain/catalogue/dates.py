"""Dates typed as the USWDS memorable-date pattern: month, day and year in three boxes.

A page posts the parts as NAME-month, NAME-day and NAME-year; they are joined as
"M/D/YYYY" before checking, so a date typed in one box the U.S. way (or as ISO
YYYY-MM-DD, as the JSON API sends it) is read by the same rules. Dates are stored as
ISO strings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Literal

from immportal.domain.catalogue.words import shown
from immportal.i18n import N_, _

PARTS = ("month", "day", "year")
EARLIEST_YEAR = 1900
"""No date a form asks for (a birth, an arrival, a marriage) is older than this."""
YEARS_AHEAD = 100
"""Nor further ahead than this (an expiry date)."""
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_ONE_OR_TWO_DIGITS = re.compile(r"\d{1,2}")
_FOUR_DIGITS = re.compile(r"\d{4}")

When = Literal["past", "future"] | None
# The message for each set of boxes left empty (all three empty is a missing answer).
_MISSING = {
    ("month",): N_("%(noun)s must include a month"),
    ("day",): N_("%(noun)s must include a day"),
    ("year",): N_("%(noun)s must include a year"),
    ("month", "day"): N_("%(noun)s must include a month and day"),
    ("month", "year"): N_("%(noun)s must include a month and year"),
    ("day", "year"): N_("%(noun)s must include a day and year"),
    ("month", "day", "year"): N_("%(noun)s must include a month and day and year"),
}


def part_name(name: str, part: str) -> str:
    """The posted name of one box of a date question (date_of_birth-month)."""
    return f"{name}-{part}"


def joined(name: str, raw: Mapping[str, str]) -> str | None:
    """The date question's boxes as one "M/D/YYYY" text ("" if all are empty), or None
    when the boxes were not posted (the date came in one box)."""
    keys = [part_name(name, part) for part in PARTS]
    if not any(key in raw for key in keys):
        return None
    parts = [raw.get(key, "").strip() for key in keys]
    return "/".join(parts) if any(parts) else ""


def split(text: str) -> tuple[str, str, str] | None:
    """Month, day and year of a date as typed or stored; None if it has no three parts."""
    text = text.strip()
    if found := _ISO.fullmatch(text):
        year, month, day = found.groups()
        return str(int(month)), str(int(day)), year
    parts = text.split("/")
    if len(parts) != len(PARTS):
        return None
    month, day, year = (part.strip() for part in parts)
    return month, day, year


def wrong_parts(text: str) -> tuple[str, ...]:
    """The boxes to mark when the date is refused: those left empty or not numbers,
    else all three (the date as a whole is wrong)."""
    parts = split(text)
    if parts is None:
        return PARTS
    bad = tuple(
        part
        for part, value, shape in zip(
            PARTS, parts, (_ONE_OR_TWO_DIGITS, _ONE_OR_TWO_DIGITS, _FOUR_DIGITS), strict=True
        )
        if not shape.fullmatch(value)
    )
    return bad or PARTS


def check_date(text: str, *, noun: str, when: When, today: date) -> date:
    """The date typed, or ValueError with the one message the group of boxes shows."""
    parts = split(text)
    if parts is None:
        raise ValueError(_("%(noun)s must be a real date", noun=shown(noun)))
    if missing := [part for part, value in zip(PARTS, parts, strict=True) if not value]:
        raise ValueError(_(_MISSING[tuple(missing)], noun=shown(noun)))
    month, day, year = parts
    if not _FOUR_DIGITS.fullmatch(year):
        raise ValueError(
            _("%(noun)s must include a year of 4 numbers, like 1990", noun=shown(noun))
        )
    if not (_ONE_OR_TWO_DIGITS.fullmatch(month) and _ONE_OR_TWO_DIGITS.fullmatch(day)):
        raise ValueError(_("%(noun)s must be a real date", noun=shown(noun)))
    try:
        typed = date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(_("%(noun)s must be a real date", noun=shown(noun))) from None
    _check_range(typed, noun=noun, when=when, today=today)
    return typed


def _check_range(typed: date, *, noun: str, when: When, today: date) -> None:
    named = shown(noun)
    if when == "past" and typed >= today:
        raise ValueError(_("%(noun)s must be in the past", noun=named))
    if when == "future" and typed <= today:
        raise ValueError(_("%(noun)s must be in the future", noun=named))
    if typed.year < EARLIEST_YEAR:
        raise ValueError(_("%(noun)s must be in %(year)s or later", noun=named, year=EARLIEST_YEAR))
    if typed.year > today.year + YEARS_AHEAD:
        latest = today.year + YEARS_AHEAD
        raise ValueError(_("%(noun)s must be in %(year)s or earlier", noun=named, year=latest))

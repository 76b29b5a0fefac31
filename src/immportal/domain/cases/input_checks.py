"""Checks on the values people give to case commands, raising domain errors."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from immportal.domain.errors import InvalidArgument, ReasonRequired
from immportal.domain.hidden_characters import REMOVE_HIDDEN, has_hidden_characters


def check_reason(reason: str) -> str:
    """Return the reason without surrounding space, or raise ReasonRequired if it is blank."""
    if not reason.strip():
        msg = "Please give a reason."
        raise ReasonRequired(msg)
    check_visible(reason, "the reason")
    return reason.strip()


def check_text(value: str, what: str) -> str:
    """Return the value without surrounding space, or raise InvalidArgument if it is blank."""
    if not value.strip():
        msg = f"Please give the {what}."
        raise InvalidArgument(msg)
    check_visible(value, f"the {what}")
    return value.strip()


def check_visible(value: Any, what: str) -> None:
    """Raise InvalidArgument when text, or any text inside lists and dicts, hides characters.

    See domain/hidden_characters.py: controls, bidi overrides and invisible characters
    would be printed on notices and read by staff as something else than was typed.
    """
    if isinstance(value, str):
        if has_hidden_characters(value):
            raise InvalidArgument(REMOVE_HIDDEN.format(what=what))
    elif isinstance(value, dict):
        for key, item in value.items():
            check_visible(key, what)
            check_visible(item, what)
    elif isinstance(value, list | tuple):
        for item in value:
            check_visible(item, what)


def check_appointment(at: datetime) -> datetime:
    """Return the time in UTC, or raise InvalidArgument if it has no time zone."""
    if at.tzinfo is None or at.utcoffset() is None:
        msg = "An appointment time must say which time zone it is in."
        raise InvalidArgument(msg)
    return at.astimezone(UTC)


def check_items(items: list[str], what: str) -> list[str]:
    """Return the non-blank items, or raise InvalidArgument if there are none."""
    check_visible(items, f"the {what}")
    kept = [item.strip() for item in items if item.strip()]
    if not kept:
        msg = f"Please list at least one {what}."
        raise InvalidArgument(msg)
    return kept

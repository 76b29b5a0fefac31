"""Checks on the values people give to case commands, raising domain errors."""

from __future__ import annotations

from datetime import UTC, datetime

from immportal.domain.errors import InvalidArgument, ReasonRequired


def check_reason(reason: str) -> str:
    """Return the reason without surrounding space, or raise ReasonRequired if it is blank."""
    if not reason.strip():
        msg = "Please give a reason."
        raise ReasonRequired(msg)
    return reason.strip()


def check_text(value: str, what: str) -> str:
    """Return the value without surrounding space, or raise InvalidArgument if it is blank."""
    if not value.strip():
        msg = f"Please give the {what}."
        raise InvalidArgument(msg)
    return value.strip()


def check_appointment(at: datetime) -> datetime:
    """Return the time in UTC, or raise InvalidArgument if it has no time zone."""
    if at.tzinfo is None or at.utcoffset() is None:
        msg = "An appointment time must say which time zone it is in."
        raise InvalidArgument(msg)
    return at.astimezone(UTC)


def check_items(items: list[str], what: str) -> list[str]:
    """Return the non-blank items, or raise InvalidArgument if there are none."""
    kept = [item.strip() for item in items if item.strip()]
    if not kept:
        msg = f"Please list at least one {what}."
        raise InvalidArgument(msg)
    return kept

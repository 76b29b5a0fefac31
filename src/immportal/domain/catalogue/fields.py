"""Question fields: a pydantic field per question, with its label, hint and plain messages.

Every answer is stored as the person typed it, cleaned: text, a choice's value, a whole
number, or a date as an ISO string (YYYY-MM-DD), so `answers["applicant"]["date_of_birth"]`
reads the same in every form.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic.fields import FieldInfo

Kind = Literal["text", "textarea", "date", "choice", "yes_no", "number", "email", "tel"]
YES_NO = {"yes": "Yes", "no": "No"}
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def extra_of(field: FieldInfo) -> dict[str, Any]:
    """The catalogue's own settings of a field (kind, messages, choices)."""
    extra = field.json_schema_extra
    return dict(extra) if isinstance(extra, Mapping) else {}


def _field(
    kind: Kind, label: str, hint: str, required: str | None, max_length: int = 100, **extra: Any
) -> Any:
    settings = {"kind": kind, "required": required, **extra}
    default: Any = ... if required else None
    # Numbers are bounded by the "most" check instead of a length.
    length = None if kind == "number" else max_length
    return Field(
        default=default,
        title=label,
        description=hint or None,
        max_length=length,
        json_schema_extra=settings,
    )


def text(label: str, *, required: str | None, hint: str = "", max_length: int = 100) -> Any:
    """A line of text; `required` is the message when it is left empty (None: optional)."""
    return _field("text", label, hint, required, max_length=max_length)


def long_text(label: str, *, required: str | None, hint: str = "") -> Any:
    """A few sentences of explanation."""
    return _field("textarea", label, hint, required, max_length=2000)


def email(label: str, *, required: str | None, hint: str = "") -> Any:
    """An email address."""
    return _field("email", label, hint, required, max_length=254)


def phone(label: str, *, required: str | None, hint: str = "") -> Any:
    """A telephone number, with or without a country code."""
    return _field("tel", label, hint, required, max_length=30)


def day(
    label: str,
    *,
    noun: str,
    required: str | None,
    hint: str = "For example, 1990-03-27",
    when: Literal["past", "future"] | None = None,
) -> Any:
    """A date, stored as YYYY-MM-DD; `noun` names it in messages ("Date of birth")."""
    return _field("date", label, hint, required, noun=noun, when=when)


def choice(label: str, options: Mapping[str, str], *, required: str, hint: str = "") -> Any:
    """One of a few options (radio buttons), stored as the option's value."""
    return _field("choice", label, hint, required, choices=[[k, v] for k, v in options.items()])


def yes_no(label: str, *, required: str, hint: str = "") -> Any:
    """A yes-or-no question, stored as "yes" or "no"."""
    return _field("yes_no", label, hint, required, choices=[[k, v] for k, v in YES_NO.items()])


def number(label: str, *, noun: str, required: str | None, hint: str = "", most: int = 999) -> Any:
    """A whole number from 0 up to `most`."""
    return _field("number", label, hint, required, noun=noun, most=most)


def parse_day(value: str) -> date | None:
    """A date typed as YYYY-MM-DD or MM/DD/YYYY (the US order), or None."""
    value = value.strip()
    try:
        if found := _US_DATE.fullmatch(value):
            month, day_, year = (int(part) for part in found.groups())
            return date(year, month, day_)
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


class PageModel(BaseModel):
    """The answers of one question page; fields are made with the helpers above."""

    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _check_kind(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None or info.field_name is None:
            return value
        extra = extra_of(cls.model_fields[info.field_name])
        context = info.context if isinstance(info.context, Mapping) else {}
        return _checked(extra, value, context.get("today"))


def _checked(extra: Mapping[str, Any], value: Any, today: date | None) -> Any:
    kind = extra.get("kind")
    if kind in ("choice", "yes_no") and value not in {k for k, _ in extra["choices"]}:
        raise ValueError(extra["required"])
    if kind == "email" and not _EMAIL.fullmatch(value):
        raise ValueError("Enter an email address in the correct format, like name@example.com")
    if kind == "tel" and not 7 <= sum(ch.isdigit() for ch in value) <= 15:
        raise ValueError("Enter a telephone number, like 202 555 0143 or +44 20 7946 0958")
    if kind == "number" and not 0 <= value <= extra["most"]:
        raise ValueError(f"{extra['noun']} must be between 0 and {extra['most']}")
    if kind == "date":
        return _checked_day(extra, value, today or datetime.now().date())
    return value


def _checked_day(extra: Mapping[str, Any], value: str, today: date) -> str:
    noun, when = extra["noun"], extra.get("when")
    parsed = parse_day(value)
    if parsed is None:
        raise ValueError(f"{noun} must be a real date, for example 1990-03-27")
    if when == "past" and parsed >= today:
        raise ValueError(f"{noun} must be in the past")
    if when == "future" and parsed <= today:
        raise ValueError(f"{noun} must be in the future")
    return parsed.isoformat()

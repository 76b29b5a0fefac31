"""The workspace's action forms: their fields, how the sent values are read, when offered."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import date, time
from typing import Any
from uuid import UUID

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.status import CaseStatus, is_allowed
from immportal.services.cases.adjudication import AdjudicationService, InterviewCalendar
from immportal.services.identity.ports import EmailIndex
from immportal.services.payments.waivers import FeeWaiverService
from immportal.services.ports import Written

LONG_TEXT = 5000


class FormProblems(Exception):
    """What is wrong with a sent form, one message per field."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass(frozen=True)
class Field:
    """One input of an action form."""

    name: str
    label: str
    kind: str = "text"
    """text, textarea, date, time, email, radio, checkbox, or select (choices given per page)."""
    required: bool = True
    hint: str = ""
    choices: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Context:
    """What an action's use case needs besides the form."""

    service: AdjudicationService
    case_id: UUID
    actor: Actor
    expected_version: int
    emails: EmailIndex
    calendar: InterviewCalendar
    fee_waivers: FeeWaiverService


Run = Callable[[Context, Mapping[str, Any]], Awaitable[Written]]


@dataclass(frozen=True)
class Action:
    """A form on the review page that runs one case command."""

    slug: str
    command: str
    """The Case method it runs: the status machine says when the form is offered."""
    title: str
    button: str
    fields: tuple[Field, ...]
    run: Run
    supervisor_only: bool = False

    def offered(self, status: CaseStatus, role: Role) -> bool:
        """Whether the form fits the case's status and the person's role."""
        if self.supervisor_only and role is not Role.SUPERVISOR:
            return False
        return is_allowed(self.command, status)

    def read(self, posted: Mapping[str, str]) -> dict[str, Any]:
        """The typed values, converted; raise FormProblems naming each bad field."""
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for field in self.fields:
            raw = posted.get(field.name, "").strip()
            if field.kind == "checkbox":
                values[field.name] = raw in ("on", "yes", "true")
                continue
            if not raw:
                if field.required:
                    verb = "Choose" if field.kind == "radio" else "Enter"
                    errors[field.name] = f"{verb} {field.label[0].lower()}{field.label[1:]}"
                values[field.name] = None
                continue
            try:
                values[field.name] = _convert(field, raw)
            except ValueError as exc:
                errors[field.name] = str(exc)
        if errors:
            raise FormProblems(errors)
        return values


def _convert(field: Field, raw: str) -> Any:
    if len(raw) > LONG_TEXT:
        raise ValueError(f"{field.label} is too long")
    if field.kind == "date":
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise ValueError(f"Enter {field.label.lower()} as a real date") from None
    if field.kind == "time":
        try:
            return time.fromisoformat(raw)
        except ValueError:
            raise ValueError(f"Enter {field.label.lower()} as hours and minutes") from None
    if field.choices and raw not in dict(field.choices):
        raise ValueError(f"Choose one of the options for {field.label.lower()}")
    return raw


def read_version(posted: Mapping[str, str]) -> int:
    """The case version the form was shown at; FormProblems if it is missing."""
    try:
        version = int(posted.get("expected_version", ""))
    except ValueError:
        version = 0
    if version < 1:
        raise FormProblems({"form": "The form was incomplete. Reload the page and try again."})
    return version

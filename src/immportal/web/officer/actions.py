"""The workspace's action forms: their fields, how they are read, and the use case each runs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from uuid import UUID

from immportal.adapters.postgres.accounts import PostgresEmailIndex
from immportal.domain.actor import Actor, Role
from immportal.domain.identity.emails import email_key
from immportal.domain.status import CaseStatus, is_allowed
from immportal.services.adjudication import AdjudicationService

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
    """text, textarea, date, time, email, radio or checkbox."""
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
    emails: PostgresEmailIndex


Run = Callable[[Context, Mapping[str, Any]], Awaitable[int]]


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


async def _claim(c: Context, _v: Mapping[str, Any]) -> int:
    return await c.service.claim(c.case_id, actor=c.actor, expected_version=c.expected_version)


async def _assign(c: Context, v: Mapping[str, Any]) -> int:
    officer_id = await c.emails.find(email_key(str(v["officer_email"])))
    if officer_id is None:
        raise FormProblems({"officer_email": "No officer has that email address"})
    return await c.service.assign(
        c.case_id, actor=c.actor, expected_version=c.expected_version, officer_id=str(officer_id)
    )


async def _note(c: Context, v: Mapping[str, Any]) -> int:
    return await c.service.add_note(
        c.case_id, actor=c.actor, expected_version=c.expected_version, text=v["note"]
    )


async def _request_evidence(c: Context, v: Mapping[str, Any]) -> int:
    items = [line for line in str(v["items"]).splitlines() if line.strip()]
    return await c.service.request_evidence(
        c.case_id,
        actor=c.actor,
        expected_version=c.expected_version,
        items=items,
        reason=v["reason"],
        due_on=v["due_on"],
    )


async def _schedule_interview(c: Context, v: Mapping[str, Any]) -> int:
    at = datetime.combine(v["date"], v["time"], tzinfo=UTC)
    return await c.service.schedule_interview(
        c.case_id, actor=c.actor, expected_version=c.expected_version, at=at, location=v["location"]
    )


async def _interview_outcome(c: Context, v: Mapping[str, Any]) -> int:
    return await c.service.complete_interview(
        c.case_id, actor=c.actor, expected_version=c.expected_version, outcome=v["outcome"]
    )


async def _propose(c: Context, v: Mapping[str, Any]) -> int:
    return await c.service.propose(
        c.case_id,
        actor=c.actor,
        expected_version=c.expected_version,
        outcome=v["outcome"],
        reason=v["reason"],
        legal_basis=v["legal_basis"] or "",
        review_requested=v["review"],
    )


async def _approve(c: Context, v: Mapping[str, Any]) -> int:
    return await c.service.approve_proposal(
        c.case_id, actor=c.actor, expected_version=c.expected_version, comments=v["comments"]
    )


async def _return(c: Context, v: Mapping[str, Any]) -> int:
    return await c.service.return_proposal(
        c.case_id, actor=c.actor, expected_version=c.expected_version, comments=v["comments"]
    )


async def _issue(c: Context, _v: Mapping[str, Any]) -> int:
    return await c.service.issue(c.case_id, actor=c.actor, expected_version=c.expected_version)


async def _reopen(c: Context, v: Mapping[str, Any]) -> int:
    return await c.service.reopen(
        c.case_id, actor=c.actor, expected_version=c.expected_version, reason=v["motion"]
    )


async def _transfer(c: Context, v: Mapping[str, Any]) -> int:
    return await c.service.transfer(
        c.case_id,
        actor=c.actor,
        expected_version=c.expected_version,
        office=v["office"],
        reason=v["reason"],
    )


async def _withdraw(c: Context, v: Mapping[str, Any]) -> int:
    return await c.service.record_withdrawal(
        c.case_id, actor=c.actor, expected_version=c.expected_version, reason=v["reason"]
    )


_REASON = Field("reason", "Reason", "textarea")
_COMMENTS = Field("comments", "Comments for the officer", "textarea")
OUTCOME_CHOICES = (("approve", "Approve"), ("deny", "Deny"))

ACTIONS: dict[str, Action] = {
    a.slug: a
    for a in (
        Action("claim", "assign", "Claim this case", "Claim this case", (), _claim),
        Action(
            "assign",
            "assign",
            "Assign to an officer",
            "Assign",
            (Field("officer_email", "Officer's email address", "email"),),
            _assign,
            supervisor_only=True,
        ),
        Action(
            "evidence-request",
            "request_evidence",
            "Request evidence",
            "Send the request for evidence",
            (
                Field("items", "Evidence needed", "textarea", hint="One item on each line."),
                Field(
                    "due_on", "Response deadline", "date", hint="87 days from today unless changed."
                ),
                Field("reason", "Why the evidence is needed", "textarea"),
            ),
            _request_evidence,
        ),
        Action(
            "interview",
            "schedule_interview",
            "Schedule an interview",
            "Schedule the interview",
            (
                Field("date", "Interview date", "date"),
                Field("time", "Interview time (UTC)", "time"),
                Field("location", "Interview location"),
            ),
            _schedule_interview,
        ),
        Action(
            "interview-outcome",
            "complete_interview",
            "Record the interview outcome",
            "Record the outcome",
            (Field("outcome", "What happened at the interview", "textarea"),),
            _interview_outcome,
        ),
        Action(
            "proposal",
            "propose_decision",
            "Propose a decision",
            "Propose the decision",
            (
                Field("outcome", "Decision", "radio", choices=OUTCOME_CHOICES),
                Field("reason", "Reasons", "textarea"),
                Field("legal_basis", "Legal basis", required=False, hint="Required for a denial."),
                Field(
                    "review",
                    "Send to a supervisor for review",
                    "checkbox",
                    required=False,
                    hint="Every denial goes to a supervisor.",
                ),
            ),
            _propose,
        ),
        Action(
            "approve",
            "approve_proposal",
            "Approve the proposal",
            "Approve",
            (_COMMENTS,),
            _approve,
            supervisor_only=True,
        ),
        Action(
            "return",
            "return_proposal",
            "Return the proposal",
            "Return to the officer",
            (_COMMENTS,),
            _return,
            supervisor_only=True,
        ),
        Action("issue", "issue_decision", "Issue the decision", "Issue the decision", (), _issue),
        Action(
            "reopen",
            "reopen",
            "Reopen on a motion",
            "Reopen the case",
            (Field("motion", "The motion and why it is granted", "textarea"),),
            _reopen,
        ),
        Action(
            "transfer",
            "transfer",
            "Transfer to another office",
            "Transfer the case",
            (Field("office", "Office code", hint="Such as NBC or CSC."), _REASON),
            _transfer,
        ),
        Action(
            "withdrawal",
            "withdraw",
            "Record a withdrawal",
            "Record the withdrawal",
            (Field("reason", "How and when the applicant asked", "textarea"),),
            _withdraw,
        ),
        Action(
            "note",
            "add_note",
            "Add an internal note",
            "Add the note",
            (Field("note", "Note (staff only)", "textarea", hint="Never shown to the applicant."),),
            _note,
        ),
    )
}
"""Every action of the review page, in the order the page offers them."""

"""Requests in words: what each kind is called, its states, and its form's choices."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from immportal.domain.correspondence.request_details import (
    APPOINTMENT_WORDS,
    CRITERION_WORDS,
    NEED_WORDS,
    RequestKind,
)
from immportal.domain.correspondence.requests import RequestState
from immportal.i18n import N_

KIND_WORDS: Mapping[RequestKind, str] = {
    RequestKind.EXPEDITE: N_("Expedite request"),
    RequestKind.CORRECTION: N_("Correction of a typing error"),
    RequestKind.ACCOMMODATION: N_("Help at an appointment"),
}
KIND_HEADINGS: Mapping[RequestKind, str] = {
    RequestKind.EXPEDITE: N_("Ask us to expedite your case"),
    RequestKind.CORRECTION: N_("Ask us to correct a typing error on a notice or card"),
    RequestKind.ACCOMMODATION: N_("Ask for help at an appointment"),
}
KIND_INTROS: Mapping[RequestKind, str] = {
    RequestKind.EXPEDITE: N_(
        "We decide cases in the order we receive them. We work on a case sooner only for one "
        "of the reasons below, and a supervisor decides. Tell us which reason fits and why."
    ),
    RequestKind.CORRECTION: N_(
        "If a notice or card we sent you has a typing error, such as a misspelled name or a "
        "wrong date of birth, tell us what it says and what it should say."
    ),
    RequestKind.ACCOMMODATION: N_(
        "If you have a disability or a medical condition, we can help at your appointments. "
        "Tell us what you need."
    ),
}
STATE_WORDS: Mapping[RequestState, str] = {
    RequestState.SUBMITTED: N_("Waiting for a decision"),
    RequestState.GRANTED: N_("Granted"),
    RequestState.DENIED: N_("Denied"),
    RequestState.DONE: N_("Corrected"),
}
STATE_STYLES: Mapping[RequestState, str] = {
    RequestState.SUBMITTED: "bg-base-darker",
    RequestState.GRANTED: "bg-success-darker",
    RequestState.DENIED: "bg-secondary-darker",
    RequestState.DONE: "bg-success-darker",
}
CARD = N_("A card or document we sent you")
"""The correction form's choice for anything that is not one of the case's notices."""


@dataclass(frozen=True)
class Choice:
    """One radio button: its value and its label."""

    value: str
    label: str


def choices(words: Mapping[Any, str]) -> list[Choice]:
    """Radio buttons from a value → label mapping, in its order."""
    return [Choice(str(value), label) for value, label in words.items()]


CRITERIA = choices(CRITERION_WORDS)
APPOINTMENTS = choices(APPOINTMENT_WORDS)
NEEDS = choices(NEED_WORDS)


def detail_lines(kind: RequestKind, details: Mapping[str, str]) -> list[tuple[str, str]]:
    """(label, value) of what the person asked, for the request lists."""
    if kind is RequestKind.EXPEDITE:
        criterion = _worded(CRITERION_WORDS, details.get("criterion", ""))
        return [("Reason", criterion), ("Explanation", details.get("explanation", ""))]
    if kind is RequestKind.CORRECTION:
        return [
            ("Where", details.get("document", "")),
            ("It says", details.get("wrong", "")),
            ("It should say", details.get("correct", "")),
        ]
    lines = [
        ("Appointment", _worded(APPOINTMENT_WORDS, details.get("appointment", ""))),
        ("Help needed", _worded(NEED_WORDS, details.get("need", ""))),
    ]
    if details.get("explanation"):
        lines.append(("Explanation", details["explanation"]))
    return lines


def _worded(words: Mapping[Any, str], value: str) -> str:
    # The keys are StrEnums, equal to (and hashed as) their values.
    return words.get(value, value)

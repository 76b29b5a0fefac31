"""The notice of a decision on a request: expedite, correction of a typing error, accommodation."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from immportal.domain.cases.case import Case
from immportal.domain.correspondence.request_details import RequestKind
from immportal.domain.correspondence.requests import RequestState
from immportal.services.notices.content import Block, Fact, NoticeContent, case_facts, letterhead

REQUEST_DECISION_TITLE = "Decision on your request"

_E, _C, _A = RequestKind.EXPEDITE, RequestKind.CORRECTION, RequestKind.ACCOMMODATION
_GRANTED, _DENIED, _DONE = RequestState.GRANTED, RequestState.DENIED, RequestState.DONE

REQUEST_WORDS: Mapping[RequestKind, str] = {
    _E: "Request to expedite your case",
    _C: "Request to correct a typing error on a notice or card",
    _A: "Request for help at an appointment",
}
OUTCOME_WORDS: Mapping[RequestState, str] = {
    _GRANTED: "Granted",
    _DENIED: "Denied",
    _DONE: "Corrected",
    RequestState.SUBMITTED: "Waiting for a decision",
}
HEADINGS: Mapping[tuple[RequestKind, RequestState], str] = {
    (_E, _GRANTED): "We will expedite your case",
    (_E, _DENIED): "We cannot expedite your case",
    (_C, _DONE): "We corrected the error you told us about",
    (_C, _DENIED): "We did not change the notice or card",
    (_A, _GRANTED): "We will give you the help you asked for",
    (_A, _DENIED): "We cannot give you the help you asked for",
}
NEXT_STEPS: Mapping[tuple[RequestKind, RequestState], tuple[str, ...]] = {
    (_E, _GRANTED): (
        "We will work on your case ahead of its usual place. This does not change what we "
        "decide, only when.",
        "Answer any request from us quickly, so the time saved is not lost.",
    ),
    (_E, _DENIED): (
        "We will decide your case in its usual order. If your situation changes, you may "
        "ask again with the new facts.",
    ),
    (_C, _DONE): (
        "If the error was on a notice, the corrected notice is in your inbox. If it was on "
        "a card, we will mail the corrected card to your mailing address.",
    ),
    (_C, _DENIED): (
        "If you still think there is an error, send us a message from your case page with "
        "a copy of the document that shows the correct information.",
    ),
    (_A, _GRANTED): ("Bring this notice to your appointment and show it when you arrive.",),
    (_A, _DENIED): (
        "If you cannot attend without help, send us a message from your case page before "
        "the appointment, or ask for a new appointment.",
    ),
}


def request_decision_notice(event: Any, case: Case) -> NoticeContent:
    """What was asked, what we decided and why, and what happens next."""
    issued_at: datetime = event.timestamp
    kind, outcome = RequestKind(event.kind), RequestState(event.outcome)
    return NoticeContent(
        **letterhead(
            case,
            kind="request_decision",
            title=REQUEST_DECISION_TITLE,
            heading=HEADINGS[(kind, outcome)],
            issued_at=issued_at,
        ),
        facts=(
            *case_facts(case, issued_at),
            Fact("Request", REQUEST_WORDS[kind]),
            Fact("Decision", OUTCOME_WORDS[outcome]),
        ),
        body=(
            Block("Reasons for our decision", (event.reason,)),
            Block("What happens next", NEXT_STEPS[(kind, outcome)]),
        ),
    )

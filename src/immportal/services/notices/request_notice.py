"""The notice of a decision on a request: expedite, correction of a typing error, accommodation."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from immportal.domain.cases.case import Case
from immportal.domain.correspondence.request_details import RequestKind
from immportal.domain.correspondence.requests import RequestState
from immportal.i18n import N_, _
from immportal.services.notices.content import Block, Fact, NoticeContent, case_facts, letterhead

REQUEST_DECISION_TITLE = N_("Decision on your request")

_E, _C, _A = RequestKind.EXPEDITE, RequestKind.CORRECTION, RequestKind.ACCOMMODATION
_GRANTED, _DENIED, _DONE = RequestState.GRANTED, RequestState.DENIED, RequestState.DONE

REQUEST_WORDS: Mapping[RequestKind, str] = {
    _E: N_("Request to expedite your case"),
    _C: N_("Request to correct a typing error on a notice or card"),
    _A: N_("Request for help at an appointment"),
}
OUTCOME_WORDS: Mapping[RequestState, str] = {
    _GRANTED: N_("Granted"),
    _DENIED: N_("Denied"),
    _DONE: N_("Corrected"),
    RequestState.SUBMITTED: N_("Waiting for a decision"),
}
HEADINGS: Mapping[tuple[RequestKind, RequestState], str] = {
    (_E, _GRANTED): N_("We will expedite your case"),
    (_E, _DENIED): N_("We cannot expedite your case"),
    (_C, _DONE): N_("We corrected the error you told us about"),
    (_C, _DENIED): N_("We did not change the notice or card"),
    (_A, _GRANTED): N_("We will give you the help you asked for"),
    (_A, _DENIED): N_("We cannot give you the help you asked for"),
}
NEXT_STEPS: Mapping[tuple[RequestKind, RequestState], tuple[str, ...]] = {
    (_E, _GRANTED): (
        N_(
            "We will work on your case ahead of its usual place. This does not change what we "
            "decide, only when."
        ),
        N_("Answer any request from us quickly, so the time saved is not lost."),
    ),
    (_E, _DENIED): (
        N_(
            "We will decide your case in its usual order. If your situation changes, you may "
            "ask again with the new facts."
        ),
    ),
    (_C, _DONE): (
        N_(
            "If the error was on a notice, the corrected notice is in your inbox. If it was on "
            "a card, we will mail the corrected card to your mailing address."
        ),
    ),
    (_C, _DENIED): (
        N_(
            "If you still think there is an error, send us a message from your case page with "
            "a copy of the document that shows the correct information."
        ),
    ),
    (_A, _GRANTED): (N_("Bring this notice to your appointment and show it when you arrive."),),
    (_A, _DENIED): (
        N_(
            "If you cannot attend without help, send us a message from your case page before "
            "the appointment, or ask for a new appointment."
        ),
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
            heading=_(HEADINGS[(kind, outcome)]),
            issued_at=issued_at,
        ),
        facts=(
            *case_facts(case, issued_at),
            Fact(_("Request"), _(REQUEST_WORDS[kind])),
            Fact(_("Decision"), _(OUTCOME_WORDS[outcome])),
        ),
        body=(
            # The reason is the officer's own words, as recorded.
            Block(_("Reasons for our decision"), (event.reason,)),
            Block(_("What happens next"), tuple(_(t) for t in NEXT_STEPS[(kind, outcome)])),
        ),
    )

"""The office's side of one case: its conversation (read, reply) and its requests (decide)."""

from typing import Any
from uuid import UUID

from aiohttp import web

from immportal.domain.correspondence.requests import DECIDERS, OUTCOMES, RequestState
from immportal.domain.correspondence.text import MESSAGE_MAX_LENGTH
from immportal.domain.errors import DomainError
from immportal.projections.case_requests import case_requests
from immportal.services.cases.adjudication import StaffMember
from immportal.services.cases.files import CaseFile
from immportal.web.audit.access import record_staff_view
from immportal.web.case_pages import parse_case_id
from immportal.web.correspondence import request_words as words
from immportal.web.correspondence.common import (
    MESSAGES_PAGE,
    REQUESTS_PAGE,
    staff_messages_url,
    staff_requests_url,
)
from immportal.web.correspondence.sending import Draft, send_message
from immportal.web.csrf import streamed_form
from immportal.web.documents.labels import ACCEPT, size_words
from immportal.web.officer.common import ADJUDICATORS, staff_actor
from immportal.web.policy import allow
from immportal.web.portal import portal
from immportal.web.queries.correspondence import conversation
from immportal.web.queries.staff import staff_case, staff_names
from immportal.web.read_your_writes import caught_up, shown_after
from immportal.web.rendering import render

OUTCOME_WORDS = {
    RequestState.GRANTED: "Grant",
    RequestState.DENIED: "Deny",
    RequestState.DONE: "Corrected: a corrected notice or card follows",
}
ORDER = (RequestState.GRANTED, RequestState.DONE, RequestState.DENIED)
NO_SUCH_REQUEST = "This case has no such request. Reload the page to see its requests."


@allow(ADJUDICATORS)
async def messages_page(request: web.Request) -> web.Response:
    """The case's conversation and the reply form; every view is recorded for the auditors."""
    member, case = await staff_case(portal(request), parse_case_id(request), staff_actor(request))
    await record_staff_view(request, case.id)
    return await _render_messages(request, member, case, Draft.new())


@allow(ADJUDICATORS)
@streamed_form
async def reply(request: web.Request) -> web.Response:
    """Post the office's reply (and its file); back to the conversation, or the problem."""
    member, case = await staff_case(portal(request), parse_case_id(request), staff_actor(request))
    outcome = await send_message(request, case.id, member.actor)
    if isinstance(outcome, Draft):
        return await _render_messages(request, member, case, outcome)
    shown = await caught_up(portal(request), outcome.position, MESSAGES_PAGE)
    raise web.HTTPSeeOther(shown_after(f"{staff_messages_url(case.id)}?sent=1#latest", shown))


async def _render_messages(
    request: web.Request, member: StaffMember, case: CaseFile, draft: Draft
) -> web.Response:
    services = portal(request)
    return render(
        "correspondence/staff_messages.html",
        request,
        {
            "case": case,
            "messages": await conversation(services, case.id, member.actor, staff=True),
            "draft": draft,
            "sent": request.query.get("sent") == "1",
            "action": staff_messages_url(case.id),
            "max_length": MESSAGE_MAX_LENGTH,
            "accept": ACCEPT,
            "max_size": size_words(services.evidence.max_bytes),
        },
        status=draft.status,
    )


@allow(ADJUDICATORS)
async def requests_page(request: web.Request) -> web.Response:
    """The case's requests, with a decision form for each waiting one the person may decide."""
    member, case = await staff_case(portal(request), parse_case_id(request), staff_actor(request))
    await record_staff_view(request, case.id)
    decided = request.query.get("decided") == "1"
    return await _render_requests(request, member, case, notice=decided)


@allow(ADJUDICATORS)
async def decide(request: web.Request) -> web.Response:
    """Record a decision on one request, with its reason; back to the requests, or the problem."""
    member, case = await staff_case(portal(request), parse_case_id(request), staff_actor(request))
    posted = {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
    errors: dict[str, str] = {}
    try:
        request_id = UUID(posted.get("request_id", ""))
    except ValueError:
        return await _render_requests(request, member, case, refusal=NO_SUCH_REQUEST)
    outcome = _outcome(posted.get("outcome", ""))
    if outcome is None:
        errors["outcome"] = "Choose your decision"
    if not posted.get("reason", "").strip():
        errors["reason"] = "Give the reason the applicant will read"
    if outcome is None or errors:
        return await _render_requests(request, member, case, errors=errors, values=posted)
    try:
        written = await portal(request).case_requests.decide(
            case.id, member.actor, request_id=request_id, outcome=outcome, reason=posted["reason"]
        )
    except DomainError as refused:
        return await _render_requests(request, member, case, refusal=str(refused), values=posted)
    shown = await caught_up(portal(request), written.position, REQUESTS_PAGE)
    raise web.HTTPSeeOther(shown_after(f"{staff_requests_url(case.id)}?decided=1", shown))


def _outcome(value: str) -> RequestState | None:
    try:
        return RequestState(value)
    except ValueError:
        return None


async def _render_requests(
    request: web.Request,
    member: StaffMember,
    case: CaseFile,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    refusal: str = "",
    notice: bool = False,
) -> web.Response:
    services = portal(request)
    rows = await case_requests(services.pool, case.id)
    names = await staff_names(services, (row.decided_by for row in rows))
    failed = bool(errors or refusal)
    return render(
        "correspondence/staff_case_requests.html",
        request,
        {
            "case": case,
            "requests": rows,
            "may_decide": {
                row.request_id for row in rows if member.actor.role in DECIDERS[row.kind]
            },
            "outcomes": {
                row.request_id: [
                    (o.value, OUTCOME_WORDS[o]) for o in ORDER if o in OUTCOMES[row.kind]
                ]
                for row in rows
            },
            "names": names,
            "errors": errors or {},
            "values": values or {},
            "refusal": refusal,
            "decided": notice,
            "action": staff_requests_url(case.id),
            "words": words,
        },
        status=422 if failed else 200,
    )

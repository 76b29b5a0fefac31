"""The applicant's side of a case's conversation: read the messages, send one (with a file)."""

from aiohttp import web

from immportal.domain.cases.status import CaseStatus
from immportal.domain.correspondence.text import MESSAGE_MAX_LENGTH
from immportal.web.applicant.access import FILERS, CaseAccess, open_case
from immportal.web.correspondence.common import MESSAGES_PAGE, messages_url
from immportal.web.correspondence.sending import Draft, send_message
from immportal.web.csrf import streamed_form
from immportal.web.documents.labels import ACCEPT, size_words
from immportal.web.policy import allow
from immportal.web.portal import portal
from immportal.web.presenters import case_view
from immportal.web.queries.correspondence import conversation
from immportal.web.read_your_writes import caught_up, shown_after
from immportal.web.rendering import render


@allow(FILERS)
async def messages_page(request: web.Request) -> web.Response:
    """The conversation, oldest first, and the form to write to the case's office."""
    access = await open_case(request)
    return await render_messages(request, access, Draft.new())


@allow(FILERS)
@streamed_form
async def send(request: web.Request) -> web.Response:
    """Post the message (and its file); back to the conversation, or the form with the problem."""
    access = await open_case(request)
    case_id = access.summary.case_id
    outcome = await send_message(request, case_id, access.actor)
    if isinstance(outcome, Draft):
        return await render_messages(request, access, outcome)
    shown = await caught_up(portal(request), outcome.position, MESSAGES_PAGE)
    raise web.HTTPSeeOther(shown_after(f"{messages_url(case_id)}?sent=1#latest", shown))


async def render_messages(request: web.Request, access: CaseAccess, draft: Draft) -> web.Response:
    """The conversation page, with the message form as sent (and its problem, if any)."""
    services = portal(request)
    case_id = access.summary.case_id
    return render(
        "correspondence/messages.html",
        request,
        {
            "case": case_view(access.summary),
            "messages": await conversation(services, case_id, access.actor, staff=False),
            "draft": draft,
            "can_write": access.summary.status != CaseStatus.DRAFT,
            "sent": request.query.get("sent") == "1",
            "action": messages_url(case_id),
            "max_length": MESSAGE_MAX_LENGTH,
            "accept": ACCEPT,
            "max_size": size_words(services.evidence.max_bytes),
        },
        status=draft.status,
    )

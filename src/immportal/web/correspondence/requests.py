"""The applicant's side of a case's requests: their states, and a form for each kind."""

from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID, uuid4

from aiohttp import web
from pydantic import ValidationError

from immportal.domain.cases.status import CaseStatus
from immportal.domain.correspondence.request_details import (
    DETAILS,
    EXPLANATION_MAX_LENGTH,
    SHORT_MAX_LENGTH,
    RequestKind,
)
from immportal.domain.correspondence.requests import check_may_request
from immportal.domain.errors import DomainError
from immportal.projections.case_requests import RequestRow, case_requests
from immportal.projections.notices import list_case_notices
from immportal.web.applicant.access import FILERS, CaseAccess, open_case
from immportal.web.correspondence import request_words as words
from immportal.web.correspondence.common import REQUESTS_PAGE, requests_url
from immportal.web.policy import allow
from immportal.web.portal import portal
from immportal.web.presenters import case_view
from immportal.web.read_your_writes import caught_up, shown_after
from immportal.web.rendering import format_datetime, render

Handler = Callable[[web.Request], Awaitable[web.Response]]
FIELD_MESSAGES = {
    "criterion": "Choose the reason that fits your situation",
    "document": "Choose the notice or card with the error",
    "wrong": "Enter what the notice or card says now",
    "correct": "Enter what it should say",
    "appointment": "Choose the appointment you need help at",
    "need": "Choose the help you need",
}
EXPLAIN = {
    RequestKind.EXPEDITE: "Explain why your case should be decided sooner",
    RequestKind.ACCOMMODATION: "Say what help you need",
}
INCOMPLETE = "The form was incomplete. Reload the page and try again."


@allow(FILERS)
async def requests_page(request: web.Request) -> web.Response:
    """The case's requests with their states and reasons, and the kinds one can make now."""
    access = await open_case(request)
    rows = await case_requests(portal(request).pool, access.summary.case_id)
    sent = request.query.get("sent", "")
    return render(
        "correspondence/requests.html",
        request,
        {
            "case": case_view(access.summary),
            "requests": rows,
            "kinds": [(kind, _why_not(access, kind, rows)) for kind in RequestKind],
            "sent": words.KIND_WORDS.get(RequestKind(sent)) if sent in set(RequestKind) else None,
            "words": words,
        },
    )


def request_form(kind: RequestKind) -> tuple[Handler, Handler]:
    """The GET and POST handlers of one kind's form."""

    @allow(FILERS)
    async def show(request: web.Request) -> web.Response:
        access = await open_case(request)
        return await _render_form(request, access, kind, {"request_id": str(uuid4())}, {})

    @allow(FILERS)
    async def submit(request: web.Request) -> web.Response:
        access = await open_case(request)
        posted = {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
        return await _submit(request, access, kind, posted)

    show.__doc__ = f"The {kind.value} request's form."
    submit.__doc__ = f"Record a {kind.value} request; back to the requests, or the form's problems."
    return show, submit


async def _submit(
    request: web.Request, access: CaseAccess, kind: RequestKind, posted: dict[str, str]
) -> web.Response:
    try:
        request_id = UUID(posted.get("request_id", ""))
    except ValueError:
        return await _render_form(request, access, kind, posted, {"form": INCOMPLETE}, 422)
    fields = {k: v for k, v in posted.items() if k in DETAILS[kind].model_fields and k != "kind"}
    errors: dict[str, str] = {}
    if kind is RequestKind.CORRECTION and fields.get("document") not in await _documents(
        request, access
    ):
        errors["document"] = FIELD_MESSAGES["document"]
    try:
        details = DETAILS[kind].model_validate({**fields, "kind": kind})
    except ValidationError as invalid:
        errors = _problems(kind, invalid, fields) | errors
    if errors:
        return await _render_form(request, access, kind, posted, errors, 422)
    try:
        written = await portal(request).case_requests.submit(
            access.summary.case_id, access.actor, request_id=request_id, details=details
        )
    except DomainError as refused:
        return await _render_form(request, access, kind, posted, {"form": str(refused)}, 422)
    shown = await caught_up(portal(request), written.position, REQUESTS_PAGE)
    url = f"{requests_url(access.summary.case_id)}?sent={kind.value}"
    raise web.HTTPSeeOther(shown_after(url, shown))


def _problems(
    kind: RequestKind, invalid: ValidationError, fields: dict[str, str]
) -> dict[str, str]:
    problems: dict[str, str] = {}
    for error in invalid.errors():
        name = str(error["loc"][0]) if error["loc"] else "explanation"
        if name in problems:
            continue
        blank = not fields.get(name, "").strip()
        if error["type"] == "value_error" and not blank:
            # Our own checks' words: too long, or hidden characters.
            problems[name] = str(error["ctx"]["error"]).rstrip(".")
        else:
            problems[name] = FIELD_MESSAGES.get(name) or EXPLAIN.get(kind, INCOMPLETE)
    return problems


def _why_not(access: CaseAccess, kind: RequestKind, rows: list[RequestRow]) -> str | None:
    """None when a request of this kind can be made now; else why not, in words."""
    if any(row.kind is kind and row.waiting for row in rows):
        return "You have one waiting for a decision."
    try:
        check_may_request(
            access.actor,
            kind,
            applicant_id=access.summary.applicant_id or "",
            representative_ids=access.summary.representative_ids,
            status=CaseStatus(access.summary.status),
        )
    except DomainError as refused:
        return str(refused)
    return None


async def _documents(request: web.Request, access: CaseAccess) -> list[str]:
    """The choices of the correction form: each notice of the case, and any card."""
    notices = await list_case_notices(
        portal(request).pool, access.summary.case_id, UUID(access.actor.user_id)
    )
    return [f"{n.title} of {format_datetime(n.issued_at)}" for n in notices] + [words.CARD]


async def _render_form(
    request: web.Request,
    access: CaseAccess,
    kind: RequestKind,
    values: dict[str, Any],
    errors: dict[str, str],
    status: int = 200,
) -> web.Response:
    rows = await case_requests(portal(request).pool, access.summary.case_id)
    return render(
        "correspondence/request_form.html",
        request,
        {
            "case": case_view(access.summary),
            "kind": kind.value,
            "heading": words.KIND_HEADINGS[kind],
            "intro": words.KIND_INTROS[kind],
            "why_not": _why_not(access, kind, rows),
            "values": values,
            "errors": errors,
            "action": f"{requests_url(access.summary.case_id)}/{kind.value}",
            "documents": words.choices({d: d for d in await _documents(request, access)})
            if kind is RequestKind.CORRECTION
            else [],
            "words": words,
            "explanation_max": EXPLANATION_MAX_LENGTH,
            "short_max": SHORT_MAX_LENGTH,
        },
        status=status,
    )

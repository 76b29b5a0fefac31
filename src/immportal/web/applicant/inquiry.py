"""'Ask about your case': a question about a case outside normal processing time."""

from __future__ import annotations

from datetime import UTC, datetime

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from immportal.domain.cases.case import INQUIRY_MAX_LENGTH
from immportal.domain.errors import DomainError
from immportal.web.applicant.access import FILERS, CaseAccess, open_case
from immportal.web.applicant.case_page import case_url, render_case
from immportal.web.policy import allow
from immportal.web.portal import portal
from immportal.web.read_your_writes import CASE_PAGE, caught_up, shown_after

BLANK = "Enter your question about the case"
TOO_LONG = f"Keep your question under {INQUIRY_MAX_LENGTH} characters"


class InquiryForm(BaseModel):
    """The question, as typed."""

    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True)

    inquiry: str = Field(min_length=1, max_length=INQUIRY_MAX_LENGTH)


@allow(FILERS)
async def submit_inquiry(request: web.Request) -> web.Response:
    """Record the question once the case is past its date; else say when it can be asked."""
    access = await open_case(request)
    posted = {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
    try:
        form = InquiryForm.model_validate(posted)
    except ValidationError as exc:
        message = TOO_LONG if "too_long" in str(exc.errors()[0]["type"]) else BLANK
        return await _again(request, access, message, posted)
    service = portal(request).inquiries
    try:
        written = await service.submit(
            access.summary.case_id, actor=access.actor, text=form.inquiry, now=datetime.now(UTC)
        )
    except DomainError as refused:
        return await _again(request, access, str(refused), posted)
    shown = await caught_up(portal(request), written.position, CASE_PAGE)
    raise web.HTTPSeeOther(shown_after(f"{case_url(access)}?asked=1#inquiry-heading", shown))


async def _again(
    request: web.Request, access: CaseAccess, message: str, posted: dict[str, str]
) -> web.Response:
    # The address form below keeps the case's address: only the question was typed here.
    return await render_case(
        request, access, {"inquiry": message}, {}, 422, inquiry_text=posted.get("inquiry", "")
    )

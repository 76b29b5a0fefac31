"""Ask for a fee waiver (Form I-912) instead of paying: the ground, why, and the evidence."""

from __future__ import annotations

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from immportal.domain.errors import DomainError
from immportal.domain.payments.waivers import WaiverBasis
from immportal.services.payments.fee_evidence import EvidenceRefused
from immportal.web.payments.fee_pages import (
    DOCUMENT_FIELD,
    FeeDraft,
    chosen_documents,
    citable_documents,
    evidence_url,
    fee_draft,
    pay_url,
    waiver_url,
)
from immportal.web.payments.pay_page import APPLICANTS
from immportal.web.policy import allow
from immportal.web.portal import portal
from immportal.web.read_your_writes import CASE_PAGE, caught_up, shown_after
from immportal.web.rendering import render

EXPLANATION_MAX = 2000
MESSAGES = {
    "basis": "Choose why you cannot pay the fee",
    "explanation": "Tell us about your situation",
    DOCUMENT_FIELD: "Choose at least one document that shows why you cannot pay",
}


class WaiverForm(BaseModel):
    """What the request form sends."""

    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True)

    basis: WaiverBasis
    explanation: str = Field(min_length=1, max_length=EXPLANATION_MAX)


@allow(APPLICANTS)
async def waiver_page(request: web.Request) -> web.Response:
    """The request form, with the documents the applicant may cite and a way to add one."""
    draft = await fee_draft(request)
    uploaded = request.query.get("uploaded", "")
    return await render_waiver(request, draft, chosen={uploaded} if uploaded else set())


@allow(APPLICANTS)
async def request_waiver(request: web.Request) -> web.Response:
    """Send the application with the request; on to the case page."""
    draft = await fee_draft(request)
    if not (draft.open_to_request and draft.fee.waiver_allowed):
        raise web.HTTPSeeOther(pay_url(draft.case_id))
    posted = await request.post()
    typed = {name: str(posted.get(name, "")) for name in ("basis", "explanation")}
    documents = chosen_documents([str(v) for v in posted.getall(DOCUMENT_FIELD, [])])
    errors = {} if documents else {DOCUMENT_FIELD: MESSAGES[DOCUMENT_FIELD]}
    try:
        form = WaiverForm.model_validate(typed)
    except ValidationError as invalid:
        for problem in invalid.errors():
            name = str(problem["loc"][0])
            errors[name] = MESSAGES[name]
        form = None
    chosen = {str(document) for document in documents}
    if form is None or errors:
        return await render_waiver(
            request, draft, typed=typed, chosen=chosen, errors=errors, status=422
        )
    try:
        written = await portal(request).fee_waivers.request(
            draft.case_id,
            actor=draft.access.actor,
            basis=form.basis.value,
            explanation=form.explanation,
            document_ids=documents,
        )
    except EvidenceRefused as refused:
        errors = {DOCUMENT_FIELD: str(refused)}
        return await render_waiver(
            request, draft, typed=typed, chosen=chosen, errors=errors, status=422
        )
    except DomainError:  # sent meanwhile, or its answers changed: the fee page says how
        raise web.HTTPSeeOther(pay_url(draft.case_id)) from None
    shown = await caught_up(portal(request), written.position, CASE_PAGE)
    raise web.HTTPSeeOther(shown_after(f"/cases/{draft.case_id}", shown))


async def render_waiver(
    request: web.Request,
    draft: FeeDraft,
    *,
    typed: dict[str, str] | None = None,
    chosen: set[str] | None = None,
    errors: dict[str, str] | None = None,
    upload_error: str = "",
    status: int = 200,
) -> web.Response:
    """The page, with what was typed, the documents ticked, and what was wrong."""
    return render(
        "payments/fee_waiver.html",
        request,
        {
            "title": ("Error: " if errors or upload_error else "") + "Ask for a fee waiver",
            "case_id": draft.case_id,
            "open": draft.open_to_request and draft.fee.waiver_allowed,
            "fee": draft.fee,
            "bases": [(basis.value, basis.label) for basis in WaiverBasis],
            "documents": await citable_documents(request, draft.case_id),
            "chosen": chosen or set(),
            "typed": typed or {},
            "errors": errors or {},
            "upload_error": upload_error,
            "action": waiver_url(draft.case_id),
            "upload_action": evidence_url(draft.case_id),
            "back": "fee-waiver",
            "pay_url": pay_url(draft.case_id),
            "document_field": DOCUMENT_FIELD,
        },
        status=status,
    )

"""Ask for the N-400 reduced fee: household income at or below 400% of the poverty guidelines."""

from __future__ import annotations

from aiohttp import web

from immportal.domain.cases.forms import FormType
from immportal.domain.errors import DomainError
from immportal.domain.payments.fee_situation import FEE_SECTION, INCOME_EVIDENCE, REDUCED_FEE, YES
from immportal.services.payments.fee_evidence import EvidenceRefused
from immportal.web.payments.fee_pages import (
    DOCUMENT_FIELD,
    FeeDraft,
    chosen_documents,
    citable_documents,
    evidence_url,
    fee_draft,
    pay_url,
    reduced_fee_url,
)
from immportal.web.payments.pay_page import APPLICANTS
from immportal.web.policy import allow
from immportal.web.portal import portal
from immportal.web.read_your_writes import CASE_LIST, caught_up, shown_after
from immportal.web.rendering import render

QUESTION = "reduced_fee"
ANSWERS = {"yes": "Yes", "no": "No"}
CHOOSE_AN_ANSWER = "Select yes if your household income is at or below 400% of the guidelines"
CHOOSE_A_DOCUMENT = "Choose at least one document that shows your household income"


def _open(draft: FeeDraft) -> bool:
    return draft.open_to_request and FormType(draft.file.form_type) is FormType.N400


@allow(APPLICANTS)
async def reduced_fee_page(request: web.Request) -> web.Response:
    """The question, the documents that may show the income, and a way to add one."""
    draft = await fee_draft(request)
    saved = draft.file.answers.get(FEE_SECTION, {})
    uploaded = request.query.get("uploaded", "")
    typed = {QUESTION: "yes" if uploaded else str(saved.get(REDUCED_FEE, ""))}
    chosen = {str(d) for d in saved.get(INCOME_EVIDENCE, [])} | ({uploaded} if uploaded else set())
    return await render_reduced_fee(request, draft, typed=typed, chosen=chosen)


@allow(APPLICANTS)
async def ask_reduced_fee(request: web.Request) -> web.Response:
    """Record the answer (and the evidence); back to the fee page, which charges accordingly."""
    draft = await fee_draft(request)
    if not _open(draft):
        raise web.HTTPSeeOther(pay_url(draft.case_id))
    posted = await request.post()
    answer = str(posted.get(QUESTION, ""))
    documents = chosen_documents([str(v) for v in posted.getall(DOCUMENT_FIELD, [])])
    chosen = {str(document) for document in documents}
    errors = {}
    if answer not in ANSWERS:
        errors[QUESTION] = CHOOSE_AN_ANSWER
    elif answer == YES and not documents:
        errors[DOCUMENT_FIELD] = CHOOSE_A_DOCUMENT
    typed = {QUESTION: answer}
    if errors:
        return await render_reduced_fee(
            request, draft, typed=typed, chosen=chosen, errors=errors, status=422
        )
    try:
        written = await portal(request).fee_filing.ask_reduced_fee(
            draft.case_id, actor=draft.access.actor, asked=answer == YES, document_ids=documents
        )
    except EvidenceRefused as refused:
        errors = {DOCUMENT_FIELD: str(refused)}
        return await render_reduced_fee(
            request, draft, typed=typed, chosen=chosen, errors=errors, status=422
        )
    except DomainError:  # sent meanwhile: the fee page says where it stands
        raise web.HTTPSeeOther(pay_url(draft.case_id)) from None
    # The fee page reads the case file, which must show the answer to charge accordingly.
    shown = await caught_up(portal(request), written.position, CASE_LIST)
    raise web.HTTPSeeOther(shown_after(pay_url(draft.case_id), shown))


async def render_reduced_fee(
    request: web.Request,
    draft: FeeDraft,
    *,
    typed: dict[str, str] | None = None,
    chosen: set[str] | None = None,
    errors: dict[str, str] | None = None,
    upload_error: str = "",
    status: int = 200,
) -> web.Response:
    """The page, with the answer given, the documents ticked, and what was wrong."""
    return render(
        "payments/reduced_fee.html",
        request,
        {
            "title": ("Error: " if errors or upload_error else "") + "Ask for the reduced fee",
            "case_id": draft.case_id,
            "open": _open(draft),
            "answers": ANSWERS,
            "question": QUESTION,
            "documents": await citable_documents(request, draft.case_id),
            "chosen": chosen or set(),
            "typed": typed or {},
            "errors": errors or {},
            "upload_error": upload_error,
            "action": reduced_fee_url(draft.case_id),
            "upload_action": evidence_url(draft.case_id),
            "back": "reduced-fee",
            "pay_url": pay_url(draft.case_id),
            "document_field": DOCUMENT_FIELD,
        },
        status=status,
    )

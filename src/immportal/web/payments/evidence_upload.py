"""Upload a document from the fee waiver request page, through the evidence service, and back.

The file becomes one of the case's documents like any other (streamed, checked, scanned);
the request page then offers it, ticked, as evidence for the request.
"""

from __future__ import annotations

import structlog
from aiohttp import web

from immportal.domain.evidence.document import DocumentKind, DocumentRefused
from immportal.domain.evidence.filenames import RENAME_THE_FILE
from immportal.services.evidence.intake import UploadRefused
from immportal.services.evidence.ports import BlobStoreError, ScannerUnavailable
from immportal.web.csrf import streamed_form
from immportal.web.documents.streamed_form import (
    MalformedForm,
    UnreadablePartHeaders,
    open_streamed_form,
)
from immportal.web.payments.fee_pages import FeeDraft, fee_draft, pay_url
from immportal.web.payments.pay_page import APPLICANTS
from immportal.web.payments.waiver_page import render_waiver
from immportal.web.policy import allow
from immportal.web.portal import portal
from immportal.web.read_your_writes import DOCUMENTS, caught_up

log = structlog.get_logger(__name__)
BACK_FIELD = "back"
PAGES = ("fee-waiver",)
"""The pages that may send a file here, by the last part of their path."""
CHOOSE_A_FILE = "Choose a file to upload"
INCOMPLETE = "The form was incomplete. Reload the page and try again."
UNAVAILABLE = "We could not save your file right now; nothing was saved. Please try again soon."


@allow(APPLICANTS)
@streamed_form
async def upload_fee_evidence(request: web.Request) -> web.Response:
    """Keep the chosen file as a document of the draft; back to the page, with it ticked."""
    draft = await fee_draft(request)
    try:
        form = await open_streamed_form(request)
    except UnreadablePartHeaders:
        return await _refused(request, draft, PAGES[0], RENAME_THE_FILE)
    except MalformedForm:
        return await _refused(request, draft, PAGES[0], INCOMPLETE)
    back = form.fields.get(BACK_FIELD, "")
    if back not in PAGES or not draft.open_to_request:
        raise web.HTTPSeeOther(pay_url(draft.case_id))
    if not form.filename:
        return await _refused(request, draft, back, CHOOSE_A_FILE)
    try:
        uploaded = await portal(request).evidence.upload(
            draft.case_id, draft.access.actor, form.chunks(), form.filename, DocumentKind.INITIAL
        )
    except (UploadRefused, DocumentRefused) as refused:
        return await _refused(request, draft, back, str(refused))
    except (BlobStoreError, ScannerUnavailable) as failed:
        log.warning("fee_evidence_upload_failed", error=type(failed).__name__)
        return await _refused(request, draft, back, UNAVAILABLE, status=503)
    shown = await caught_up(portal(request), uploaded.position, DOCUMENTS)
    log.info("fee_evidence_uploaded", duplicate=uploaded.duplicate, shown=shown)
    raise web.HTTPSeeOther(f"/cases/{draft.case_id}/{back}?uploaded={uploaded.document_id}")


async def _refused(
    request: web.Request, draft: FeeDraft, back: str, message: str, *, status: int = 422
) -> web.Response:
    log.info("fee_evidence_refused", reason=message, page=back)
    return await render_waiver(request, draft, upload_error=message, status=status)

"""Page previews of a document: a page of images, and each image, for those who may download it.

The images were drawn on the server from the file's pixels (`processes.previews`), so
what a browser gets is a plain PNG whatever the person uploaded. They are served to the
same people, on the same checks, as the download.
"""

from uuid import UUID

import structlog
from aiohttp import web

from immportal.domain.cases.permissions import Standing
from immportal.domain.evidence.document import ScanResult
from immportal.errors import NotFound
from immportal.i18n import N_, _
from immportal.projections.case_documents import CaseDocument
from immportal.projections.document_previews import DocumentPreviews, get_document_previews
from immportal.services.audit.ports import Viewed
from immportal.services.cases.adjudication import ADJUDICATORS
from immportal.services.evidence.ports import BlobNotFound, BlobStoreError
from immportal.services.evidence.previews import PREVIEW_MEDIA_TYPE, preview_key
from immportal.web.applicant.access import CaseAccess, open_case
from immportal.web.audit.access import record_staff_view
from immportal.web.documents.download import DOWNLOADERS, FETCH_DOWN
from immportal.web.documents.listing import documents_url
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.queries.documents import document_of
from immportal.web.queries.staff import staff_case
from immportal.web.rendering import render

log = structlog.get_logger(__name__)

NOT_READY = N_("We are still preparing the preview. Try again in a minute.")
NOT_SCANNED = N_("A preview is made once our virus check has passed the file.")


def preview_url(case_id: UUID | str, document_id: UUID | str) -> str:
    """Where a document's preview page is."""
    return f"/cases/{case_id}/documents/{document_id}/preview"


async def _open_document(request: web.Request) -> tuple[CaseAccess, CaseDocument]:
    access = await open_case(request)
    case_id = access.summary.case_id
    runtime = request.app[PORTAL]
    if access.actor.role in ADJUDICATORS:
        # As for the download: officers and supervisors only where they may work the case.
        await staff_case(runtime, case_id, access.actor)
    try:
        document_id = UUID(request.match_info["document_id"])
    except ValueError:
        raise NotFound("malformed document id") from None
    return access, await document_of(runtime, case_id, document_id)


async def _previews(request: web.Request, document: CaseDocument) -> DocumentPreviews | None:
    # Only a clean scan is ever drawn; a row for anything else would be a bug, not a preview.
    if document.scan != ScanResult.CLEAN.value:
        return None
    return await get_document_previews(request.app[PORTAL].pool, document.document_id)


@allow(DOWNLOADERS)
async def preview_page(request: web.Request) -> web.Response:
    """Each drawn page as an image with its alt text, or why there is no preview yet."""
    access, document = await _open_document(request)
    case_id = access.summary.case_id
    previews = await _previews(request, document)
    if access.standing is Standing.STAFF:
        await record_staff_view(request, case_id, Viewed.DOCUMENT, str(document.document_id))
    if previews is None:
        message = NOT_SCANNED if document.scan != ScanResult.CLEAN.value else NOT_READY
    else:
        message = previews.refused
    base = preview_url(case_id, document.document_id)
    pages = previews.pages if previews and not previews.refused else 0
    return render(
        "documents/preview.html",
        request,
        {
            "filename": document.filename,
            # The reason a file was refused was recorded in English; it is shown translated.
            "message": _(message) if not pages else "",
            "page_count": previews.page_count if previews else 0,
            "images": [
                {
                    "src": f"{base}/{number}",
                    "alt": _(
                        "Page %(number)s of %(count)s of %(name)s",
                        number=number,
                        count=previews.page_count,
                        name=document.filename,
                    ),
                    "number": number,
                }
                for number in range(1, pages + 1)
                if previews
            ],
            "download": f"/cases/{case_id}/documents/{document.document_id}/download",
            "back": documents_url(case_id) if access.standing is not Standing.STAFF else "",
        },
    )


@allow(DOWNLOADERS)
async def preview_image(request: web.Request) -> web.Response:
    """One page's PNG, with headers that let a browser do nothing but show it."""
    _, document = await _open_document(request)
    previews = await _previews(request, document)
    number = _page_number(request.match_info["page"])
    if previews is None or previews.refused or not 1 <= number <= previews.pages:
        raise NotFound("no such preview page")
    blobs = request.app[PORTAL].blobs
    try:
        data = b"".join([c async for c in blobs.open(preview_key(document.document_id, number))])
    except BlobNotFound:
        log.error("preview_blob_missing", document_id=str(document.document_id), page=number)
        raise NotFound("the preview's image is missing") from None
    except BlobStoreError as failed:
        log.warning("preview_failed", error=type(failed).__name__)
        raise web.HTTPServiceUnavailable(text=FETCH_DOWN) from None
    return web.Response(
        body=data,
        headers={
            "Content-Type": PREVIEW_MEDIA_TYPE,
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, max-age=300",
            "Content-Disposition": "inline",
            "Cross-Origin-Resource-Policy": "same-origin",
        },
    )


def _page_number(raw: str) -> int:
    # Digits only and short: "1e9", " 2" or a 10,000-digit number are no page of ours.
    if not raw.isascii() or not raw.isdigit() or len(raw) > 4:
        return 0
    return int(raw)

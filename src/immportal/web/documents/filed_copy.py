"""Download the copy of the application as filed: the applicant, their representatives and
the staff who may work the case (the document download's rules)."""

from collections.abc import AsyncIterator
from uuid import UUID

import structlog
from aiohttp import web

from immportal.domain.cases.permissions import Standing
from immportal.errors import NotFound
from immportal.projections.filed_applications import latest_filed_application
from immportal.services.audit.ports import Viewed
from immportal.services.cases.adjudication import ADJUDICATORS
from immportal.services.evidence.ports import BlobNotFound, BlobStoreError
from immportal.web.applicant.access import open_case
from immportal.web.audit.access import record_staff_view
from immportal.web.documents.download import DOWNLOADERS, FETCH_DOWN, attachment
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.queries.staff import staff_case
from immportal.web.rendering import render

log = structlog.get_logger(__name__)

FILED_COPY_PATH = "/cases/{case_id}/filed-application.pdf"


def filed_copy_url(case_id: UUID | str) -> str:
    """Where a case's filed application downloads from."""
    return FILED_COPY_PATH.format(case_id=case_id)


@allow(DOWNLOADERS)
async def filed_copy(request: web.Request) -> web.StreamResponse:
    """Hand out the latest signed copy of the case's filed application."""
    access = await open_case(request)
    case_id = access.summary.case_id
    runtime = request.app[PORTAL]
    if access.actor.role in ADJUDICATORS:
        # Officers and supervisors reach only the cases of their office (or assigned to them).
        await staff_case(runtime, case_id, access.actor)
    found = await latest_filed_application(runtime.pool, case_id)
    if found is None:
        raise NotFound("no filed copy of this case yet")
    if access.standing is Standing.STAFF:
        await record_staff_view(request, case_id, Viewed.DOCUMENT, str(found.document_id))
    chunks = runtime.blobs.open(found.blob_key)
    try:
        # Read the first chunk here, so a missing or unreachable blob still gets a page.
        first = await anext(chunks, b"")
    except BlobNotFound:
        log.error("filed_copy_blob_missing", document_id=str(found.document_id))
        raise NotFound("the filed copy's file is missing") from None
    except BlobStoreError as failed:
        log.warning("filed_copy_fetch_failed", error=type(failed).__name__)
        context = {"message": FETCH_DOWN, "back": f"/cases/{case_id}/documents"}
        return render("documents/unavailable.html", request, context, status=503)
    log.info("filed_copy_downloaded", case_id=str(case_id), standing=access.standing.value)
    return web.Response(
        body=_stream(first, chunks),
        headers={
            "Content-Type": "application/pdf",
            "Content-Disposition": attachment(found.filename),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        },
    )


async def _stream(first: bytes, rest: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    if first:
        yield first
    async for chunk in rest:
        yield chunk

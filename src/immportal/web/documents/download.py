"""Download a document: a five-minute link (S3) or a stream served as an attachment (disk)."""

import re
from collections.abc import AsyncIterator
from urllib.parse import quote
from uuid import UUID

import structlog
from aiohttp import web

from immportal.domain.actor import Role
from immportal.domain.cases.permissions import Standing
from immportal.domain.evidence.document import DOWNLOADABLE, ScanResult
from immportal.errors import NotFound
from immportal.services.audit.ports import Viewed
from immportal.services.cases.adjudication import ADJUDICATORS
from immportal.services.evidence.ports import BlobNotFound, BlobStoreError
from immportal.web.applicant.access import open_case
from immportal.web.audit.access import record_staff_view
from immportal.web.documents.labels import NOT_DOWNLOADABLE_WORDS
from immportal.web.documents.listing import documents_url
from immportal.web.policy import allow, roles
from immportal.web.portal import PORTAL
from immportal.web.queries.documents import document_of, hand_out_document
from immportal.web.queries.staff import staff_case
from immportal.web.rendering import render

log = structlog.get_logger(__name__)

DOWNLOADERS = roles(
    Role.APPLICANT, Role.REPRESENTATIVE, Role.OFFICER, Role.SUPERVISOR, Role.AUDITOR
)
"""The case's applicant and representatives, the staff who may work the case, and auditors.

Administrators manage accounts, not cases: they read no evidence. Every staff download
is recorded for the auditors.
"""
_UNSAFE_IN_QUOTES = re.compile(r"[^A-Za-z0-9 ._()+-]")
FETCH_DOWN = (
    "We could not fetch your file right now. Nothing was lost. Please try again in a few minutes."
)


def attachment(filename: str) -> str:
    """Content-Disposition offering the file by its name (RFC 6266, with an RFC 8187 form)."""
    fallback = _UNSAFE_IN_QUOTES.sub("_", filename) or "document"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


@allow(DOWNLOADERS)
async def download(request: web.Request) -> web.StreamResponse:
    """Hand out a document of the case that the virus check let through."""
    access = await open_case(request)
    case_id = access.summary.case_id
    document_id = _document_id(request)
    runtime = request.app[PORTAL]
    if access.actor.role in ADJUDICATORS:
        # Officers and supervisors reach only the cases of their office (or assigned to
        # them), as on the review page; anyone else gets its "not found".
        await staff_case(runtime, case_id, access.actor)
    document = await document_of(runtime, case_id, document_id)
    if document.scan not in DOWNLOADABLE:
        return render(
            "documents/not_downloadable.html",
            request,
            {
                "filename": document.filename,
                "message": NOT_DOWNLOADABLE_WORDS[ScanResult(document.scan)],
                "back": documents_url(case_id) if access.standing is not Standing.STAFF else "",
            },
            status=409,
        )
    if access.standing is Standing.STAFF:
        await record_staff_view(request, case_id, Viewed.DOCUMENT, str(document_id))
    try:
        handed = await hand_out_document(runtime, document)
        if handed.url is not None:
            raise web.HTTPSeeOther(handed.url)
        # Read the first chunk here, so a missing or unreachable blob still gets a page.
        first = await anext(handed.chunks, b"") if handed.chunks else b""
    except BlobNotFound:
        log.error("document_blob_missing", document_id=str(document_id))
        raise NotFound("the document's file is missing") from None
    except BlobStoreError as failed:
        log.warning("download_failed", error=type(failed).__name__, detail=str(failed))
        return render("documents/unavailable.html", request, _store_down(case_id), status=503)
    log.info("document_downloaded", document_id=str(document_id), standing=access.standing.value)
    return web.Response(
        body=_stream(first, handed.chunks),
        headers={
            "Content-Type": handed.media_type,
            "Content-Disposition": attachment(handed.filename),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        },
    )


def _document_id(request: web.Request) -> UUID:
    try:
        return UUID(request.match_info["document_id"])
    except ValueError:
        raise NotFound("malformed document id") from None


def _store_down(case_id: UUID) -> dict[str, str]:
    return {"message": FETCH_DOWN, "back": documents_url(case_id)}


async def _stream(first: bytes, rest: AsyncIterator[bytes] | None) -> AsyncIterator[bytes]:
    if first:
        yield first
    if rest is not None:
        async for chunk in rest:
            yield chunk

"""The inbox, a notice as an accessible page, and the same notice as a PDF download."""

from __future__ import annotations

import re

import structlog
from aiohttp import web

from immportal.errors import NotFound
from immportal.projections.notices import NoticeEntry
from immportal.services.evidence.ports import BlobNotFound
from immportal.web.applicant.access import FILERS
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.queries.notices import inbox_of, mark_read, open_notice, read_notice
from immportal.web.rendering import render

log = structlog.get_logger(__name__)


@allow(FILERS)
async def inbox(request: web.Request) -> web.Response:
    """Every notice of the person's cases, newest first, the unread ones marked."""
    entries = await inbox_of(request)
    return render(
        "notices/inbox.html",
        request,
        {
            "title": "Your inbox",
            "entries": entries,
            "unread": sum(1 for e in entries if e.unread),
        },
    )


@allow(FILERS)
async def notice_page(request: web.Request) -> web.Response:
    """The notice in HTML, from the same content as its PDF; opening it marks it read."""
    opened = await read_notice(request)
    return render(
        "notices/notice.html",
        request,
        {
            "title": opened.letter.title,
            "letter": opened.letter,
            "entry": opened.entry,
            "case_id": opened.access.summary.case_id,
        },
    )


def download_name(entry: NoticeEntry) -> str:
    """'receipt-notice-IOE2700000001.pdf': plain ASCII, nothing a header could misread."""
    stem = re.sub(r"[^a-z0-9]+", "-", entry.title.lower()).strip("-") or "notice"
    receipt = re.sub(r"[^A-Z0-9]", "", entry.receipt_number or "")
    return f"{stem}-{receipt}.pdf" if receipt else f"{stem}.pdf"


@allow(FILERS)
async def notice_pdf(request: web.Request) -> web.StreamResponse:
    """The notice's PDF as an attachment, streamed from the blob store."""
    _, entry = await open_notice(request)
    chunks = request.app[PORTAL].blobs.open(entry.blob_key)
    try:
        # The first chunk before any header: a missing blob can still become a page.
        first = await anext(chunks)
    except (BlobNotFound, StopAsyncIteration):
        log.error("notice_blob_missing", notice_id=str(entry.notice_id))
        raise NotFound("notice PDF missing") from None
    await mark_read(request, entry)
    response = web.StreamResponse(
        headers={
            "Content-Type": "application/pdf",
            "Content-Disposition": f'attachment; filename="{download_name(entry)}"',
            # Set here: the hardening middleware runs after the headers were sent.
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
            "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
        }
    )
    await response.prepare(request)
    await response.write(first)
    async for chunk in chunks:
        await response.write(chunk)
    await response.write_eof()
    return response

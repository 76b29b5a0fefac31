"""The inbox, a notice as an accessible page, and the same notice as a PDF download."""

from __future__ import annotations

import re
from uuid import UUID

import aiohttp_jinja2
import structlog
from aiohttp import web

from immportal.errors import NotFound
from immportal.projections.notices import (
    NoticeEntry,
    get_case_notice,
    list_notices_for,
    record_notice_read,
)
from immportal.services.evidence.ports import BlobNotFound
from immportal.services.notices.issuer import read_content
from immportal.web.applicant.access import FILERS, CaseAccess, open_case, signed_in_actor
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.rendering import render

log = structlog.get_logger(__name__)


def _account_id(request: web.Request) -> UUID:
    return UUID(signed_in_actor(request).user_id)


@allow(FILERS)
async def inbox(request: web.Request) -> web.Response:
    """Every notice of the person's cases, newest first, the unread ones marked."""
    actor = signed_in_actor(request)
    pool = request.app[PORTAL].pool
    entries = await list_notices_for(pool, UUID(actor.user_id), actor.role)
    return render(
        "notices/inbox.html",
        request,
        {
            "title": "Your inbox",
            "entries": entries,
            "unread": sum(1 for e in entries if e.unread),
        },
    )


async def open_notice(request: web.Request) -> tuple[CaseAccess, NoticeEntry]:
    """The URL's notice, on a case the person may read; one not-found answer otherwise."""
    access = await open_case(request)
    try:
        notice_id = UUID(request.match_info["notice_id"])
    except ValueError:
        raise NotFound("malformed notice id") from None
    pool = request.app[PORTAL].pool
    entry = await get_case_notice(pool, access.summary.case_id, notice_id, _account_id(request))
    if entry is None:
        raise NotFound("no such notice on this case")
    return access, entry


async def mark_read(request: web.Request, entry: NoticeEntry) -> None:
    """Record that the person opened the notice, and lower the header's count to match.

    A GET that writes, on purpose: it is the inbox's read receipt. Repeating it changes
    nothing (one row per person and notice, never updated), it is not an event and it
    touches nothing about the case; a cross-site page that made a browser fetch the URL
    could only clear an "unread" mark, which no CSRF token is needed to protect.
    """
    if not await record_notice_read(
        request.app[PORTAL].pool, _account_id(request), entry.notice_id
    ):
        return
    nav = request.get(aiohttp_jinja2.REQUEST_CONTEXT_KEY, {}).get("account_nav")
    if nav is not None:
        nav.unread_notices = max(0, nav.unread_notices - 1)


@allow(FILERS)
async def notice_page(request: web.Request) -> web.Response:
    """The notice in HTML, from the same content as its PDF; opening it marks it read."""
    access, entry = await open_notice(request)
    try:
        letter = await read_content(request.app[PORTAL].blobs, entry.content_key)
    except BlobNotFound:
        log.error("notice_blob_missing", notice_id=str(entry.notice_id))
        raise NotFound("notice content missing") from None
    await mark_read(request, entry)
    return render(
        "notices/notice.html",
        request,
        {
            "title": letter.title,
            "letter": letter,
            "entry": entry,
            "case_id": access.summary.case_id,
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

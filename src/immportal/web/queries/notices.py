"""A person's inbox and one notice, as the inbox pages and the API show them.

Opening a notice, as a page, a PDF or through the API, marks it read for the person.
"""

from dataclasses import dataclass
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
from immportal.services.notices.content import NoticeContent
from immportal.services.notices.issuer import read_content
from immportal.web.applicant.access import CaseAccess, open_case, signed_in_actor
from immportal.web.portal import PORTAL

log = structlog.get_logger(__name__)


async def inbox_of(request: web.Request) -> list[NoticeEntry]:
    """Every notice of the signed-in person's cases, newest first, the unread ones marked."""
    actor = signed_in_actor(request)
    return await list_notices_for(request.app[PORTAL].pool, UUID(actor.user_id), actor.role)


async def open_notice(request: web.Request) -> tuple[CaseAccess, NoticeEntry]:
    """The URL's notice, on a case the person may read; one not-found answer otherwise."""
    access = await open_case(request)
    try:
        notice_id = UUID(request.match_info["notice_id"])
    except ValueError:
        raise NotFound("malformed notice id") from None
    account_id = UUID(access.actor.user_id)
    pool = request.app[PORTAL].pool
    entry = await get_case_notice(pool, access.summary.case_id, notice_id, account_id)
    if entry is None:
        raise NotFound("no such notice on this case")
    return access, entry


@dataclass(frozen=True)
class OpenedNotice:
    """A notice the person opened: where it is, its inbox entry and what it says."""

    access: CaseAccess
    entry: NoticeEntry
    letter: NoticeContent


async def read_notice(request: web.Request) -> OpenedNotice:
    """The URL's notice with its content, marked read for the person."""
    access, entry = await open_notice(request)
    try:
        letter = await read_content(request.app[PORTAL].blobs, entry.content_key)
    except BlobNotFound:
        log.error("notice_blob_missing", notice_id=str(entry.notice_id))
        raise NotFound("notice content missing") from None
    await mark_read(request, entry)
    return OpenedNotice(access, entry, letter)


async def mark_read(request: web.Request, entry: NoticeEntry) -> None:
    """Record that the person opened the notice, and lower the header's count to match.

    A GET that writes, on purpose: it is the inbox's read receipt. Repeating it changes
    nothing (one row per person and notice, never updated), it is not an event and it
    touches nothing about the case; a cross-site page that made a browser fetch the URL
    could only clear an "unread" mark, which no CSRF token is needed to protect.
    """
    account_id = UUID(signed_in_actor(request).user_id)
    if not await record_notice_read(request.app[PORTAL].pool, account_id, entry.notice_id):
        return
    nav = request.get(aiohttp_jinja2.REQUEST_CONTEXT_KEY, {}).get("account_nav")
    if nav is not None:
        nav.unread_notices = max(0, nav.unread_notices - 1)

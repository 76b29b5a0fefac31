"""Issuing a notice: build its content, render the PDF, keep both in the blob store."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from typing import Any, Protocol
from uuid import UUID, uuid5

from immportal.domain.cases.case import Case
from immportal.i18n import DEFAULT_LANGUAGE, use_language
from immportal.services.documents.ports import VerificationMark
from immportal.services.documents.sealing import DocumentSealer
from immportal.services.evidence.ports import BlobStore
from immportal.services.notices.access_code_notice import AccessCodes, with_access_code
from immportal.services.notices.content import NoticeContent, dated_in
from immportal.services.notices.document_facts import notice_facts
from immportal.services.notices.kinds import NOTICE_KINDS, RECEIPT

NOTICES_PREFIX = "notices/"
"""Where notices live: `notices/<case id>/<notice id>.pdf` and `.json` beside it."""
RecipientLanguage = Callable[[Case], Awaitable[str | None]]
"""The language the case's applicant chose for what is sent to them, None if none yet."""
RecipientZone = Callable[[Case], Awaitable[str | None]]
"""The time zone the case's applicant chose on their account, None if none chosen."""
NOTICE_NAMESPACE = UUID("6f1d8a52-3c0e-4a8b-9d7e-2b4c5e6f7a81")
"""Namespace of notice ids: each is derived from its event's aggregate and version."""


class NoticeRenderer(Protocol):
    """Turns a notice's content into a printable document."""

    def render(self, content: NoticeContent, mark: VerificationMark | None = None) -> bytes:
        """The notice as PDF bytes, with its verification mark when it is to be signed."""
        ...


@dataclass(frozen=True)
class IssuedNotice:
    """A notice kept in the blob store, as the inbox lists it."""

    notice_id: UUID
    case_id: UUID
    kind: str
    title: str
    issued_at: datetime
    blob_key: str
    content_key: str
    version: int
    language: str = DEFAULT_LANGUAGE
    """The language the notice was issued in: a record, kept whatever is chosen later."""


def notice_id_for(aggregate_id: UUID, version: int) -> UUID:
    """The notice of an event (the case's, or its requests'): the same id however often issued."""
    return uuid5(NOTICE_NAMESPACE, f"{aggregate_id}/{version}")


def notice_keys(case_id: UUID, notice_id: UUID) -> tuple[str, str]:
    """The blob keys of a notice's PDF and of its content."""
    stem = f"{NOTICES_PREFIX}{case_id}/{notice_id}"
    return f"{stem}.pdf", f"{stem}.json"


def issues_notice(event_name: str) -> bool:
    """Whether events of this name issue a notice."""
    return event_name in NOTICE_KINDS


async def _once(data: bytes) -> AsyncIterator[bytes]:
    yield data


class NoticeIssuer:
    """Writes a notice's PDF and content under keys derived from its event.

    Writing again (a replay, or a worker that crashed before recording its position)
    overwrites the same two blobs, so nothing is left behind: the same content, and a PDF
    with the same text and verification code under a fresh signature.
    """

    def __init__(
        self,
        blobs: BlobStore,
        renderer: NoticeRenderer,
        *,
        sealer: DocumentSealer | None = None,
        access_codes: AccessCodes | None = None,
        languages: RecipientLanguage | None = None,
        zones: RecipientZone | None = None,
    ) -> None:
        # Without a sealer notices are neither signed nor given a code: tests of content only.
        self._blobs = blobs
        self._renderer = renderer
        self._sealer = sealer
        # Without it receipt notices print no online access code (tests of content only).
        self._access_codes = access_codes
        # Without it every notice is issued in English (tests of content only).
        self._languages = languages
        # Without it notices are dated in the zone of the case's mailing address.
        self._zones = zones

    async def _language(self, content_key: str, case: Case) -> str:
        # A notice issued before (a rebuild, a retry) keeps the language it was issued
        # in; only a new notice follows the recipient's choice of today.
        if await self._blobs.exists(content_key):
            return (await read_content(self._blobs, content_key)).language
        chosen = None if self._languages is None else await self._languages(case)
        return chosen or DEFAULT_LANGUAGE

    async def _zone(self, content_key: str, case: Case) -> str | None:
        # As the language: a notice issued before keeps the zone it was dated in.
        if await self._blobs.exists(content_key):
            return (await read_content(self._blobs, content_key)).zone
        return None if self._zones is None else await self._zones(case)

    async def issue(self, event_name: str, event: Any, case: Case) -> IssuedNotice:
        """Issue the notice of one event, given the case as it stood right after it."""
        kind = NOTICE_KINDS[event_name]
        # A request's decision is an event of the case's requests, not of the case: the
        # notice is filed with the case, and its id comes from the event that issued it.
        case_id: UUID = case.id
        version: int = event.originator_version
        notice_id = notice_id_for(event.originator_id, version)
        pdf_key, content_key = notice_keys(case_id, notice_id)
        language = await self._language(content_key, case)
        zone = await self._zone(content_key, case)
        with use_language(language), dated_in(zone):
            content = replace(kind.build(event, case), language=language, zone=zone)
            if kind is RECEIPT and self._access_codes is not None:
                content = with_access_code(content, self._access_codes(case.id))
        if self._sealer is None:
            # Rendering takes milliseconds of CPU: off the loop that also serves pages.
            pdf = await asyncio.to_thread(self._renderer.render, content)
        else:
            facts = notice_facts(
                event_name,
                event,
                notice_id=notice_id,
                case_id=case_id,
                kind=kind.kind,
                title=kind.title,
            )
            pdf = await self._sealer.seal(facts, partial(self._renderer.render, content))
        await self._blobs.put(
            content_key, _once(content.to_json()), content_type="application/json"
        )
        await self._blobs.put(pdf_key, _once(pdf), content_type="application/pdf")
        return IssuedNotice(
            notice_id,
            case_id,
            kind.kind,
            kind.title,
            event.timestamp,
            pdf_key,
            content_key,
            version,
            language,
        )


async def read_content(blobs: BlobStore, content_key: str) -> NoticeContent:
    """A kept notice's content, for its HTML page."""
    data = b"".join([chunk async for chunk in blobs.open(content_key)])
    return NoticeContent.from_json(data)

"""Issuing the filed application's copy: render it, seal it (code and PAdES signature), keep it.

A copy is issued at filing and again at acceptance, so the applicant can download what
they filed at once and, once the filing is accepted, a copy that shows its receipt number
(acceptance may wait days on a fee waiver decision). The later copy replaces the earlier
one: both are of one series on /verify, and the documents page lists the latest.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Protocol
from uuid import UUID, uuid5

from immportal.domain.cases.case import Case
from immportal.services.cases.filed_copy import KIND, FiledCopy, filed_copy
from immportal.services.documents.ports import DocumentFacts, VerificationMark
from immportal.services.documents.sealing import DocumentSealer
from immportal.services.evidence.ports import BlobStore

FILED_PREFIX = "filed/"
"""Where copies live: `filed/<case id>/<document id>.pdf`."""
FILED_NAMESPACE = UUID("0b6f3a8e-5d1c-4e2f-9a7b-3c8d2e1f4a56")
"""Namespace of copies' document ids: each is derived from its case and version."""
ISSUING_EVENTS = frozenset({"Submitted", "Accepted"})
"""The case events that issue a copy: the filing, then its acceptance."""


class FiledCopyRenderer(Protocol):
    """Turns a filed copy into a printable document."""

    def render(self, copy: FiledCopy, mark: VerificationMark) -> bytes:
        """The copy as PDF bytes, ending with its verification mark."""
        ...


@dataclass(frozen=True)
class IssuedCopy:
    """A filed copy kept in the blob store, as the documents page lists it."""

    document_id: UUID
    case_id: UUID
    version: int
    title: str
    edition_label: str
    receipt_number: str | None
    issued_at: datetime
    blob_key: str


def copy_id_for(case_id: UUID, version: int) -> UUID:
    """The copy issued by a case's event at `version`: the same id however often issued."""
    return uuid5(FILED_NAMESPACE, f"{case_id}/{version}")


async def _once(data: bytes) -> AsyncIterator[bytes]:
    yield data


class FiledCopyIssuer:
    """Writes each copy under a key derived from its event (a replay overwrites the same blob)."""

    def __init__(self, blobs: BlobStore, renderer: FiledCopyRenderer, sealer: DocumentSealer):
        self._blobs, self._renderer, self._sealer = blobs, renderer, sealer

    async def issue(self, case: Case, issued_at: datetime) -> IssuedCopy:
        """Issue the copy of the case as it stands (right after its filing or acceptance)."""
        copy = filed_copy(case)
        document_id = copy_id_for(case.id, case.version)
        facts = DocumentFacts(
            document_id=document_id,
            kind=KIND,
            title=copy.title,
            case_id=case.id,
            issued_at=issued_at,
            series=KIND,
        )
        # Rendering and signing run in a bounded thread pool, never on the event loop.
        pdf = await self._sealer.seal(facts, partial(self._renderer.render, copy))
        key = f"{FILED_PREFIX}{case.id}/{document_id}.pdf"
        await self._blobs.put(key, _once(pdf), content_type="application/pdf")
        return IssuedCopy(
            document_id=document_id,
            case_id=case.id,
            version=case.version,
            title=copy.title,
            edition_label=copy.edition_label,
            receipt_number=copy.receipt_number,
            issued_at=issued_at,
            blob_key=key,
        )

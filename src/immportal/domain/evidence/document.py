"""The Document aggregate: one uploaded evidence file, its scan result and its place in a chain."""

from __future__ import annotations

from enum import StrEnum
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.permissions import standing
from immportal.domain.cases.status import TERMINAL_STATUSES, CaseStatus
from immportal.domain.errors import DomainError, InvalidArgument, NotPermitted
from immportal.domain.evidence.document_kinds import DocumentType

UPLOADERS = frozenset({Role.APPLICANT, Role.REPRESENTATIVE, Role.OFFICER, Role.SUPERVISOR})
"""Filers upload their evidence; officers file what arrived on paper."""


class DocumentKind(StrEnum):
    """Why a document was sent."""

    INITIAL = "initial"
    RFE_RESPONSE = "rfe_response"


class MediaType(StrEnum):
    """The only kinds of file the portal keeps, told apart by their content."""

    PDF = "application/pdf"
    JPEG = "image/jpeg"
    PNG = "image/png"
    TIFF = "image/tiff"


class ScanResult(StrEnum):
    """What the virus scanner said; `unscanned` means no scanner looked at it."""

    PENDING = "pending"
    CLEAN = "clean"
    INFECTED = "infected"
    UNSCANNED = "unscanned"


DOWNLOADABLE = frozenset({ScanResult.CLEAN, ScanResult.UNSCANNED})
"""Infected and not-yet-scanned documents are never handed out."""


class DocumentRefused(DomainError):
    """The document cannot be accepted (wrong case, wrong time, or not one's own)."""


class NotDownloadable(DomainError):
    """The document failed or has not passed the virus scan."""


def check_can_upload(
    actor: Actor,
    kind: DocumentKind,
    *,
    status: CaseStatus,
    applicant_id: str,
    representative_ids: list[str],
) -> None:
    """Raise unless the actor may add a document of this kind to a case in this status."""
    if actor.role not in UPLOADERS or standing(actor, applicant_id, representative_ids) is None:
        raise NotPermitted("You may add documents only to your own cases.")
    if status in TERMINAL_STATUSES:
        raise DocumentRefused("This case is closed, so no more documents can be added.")
    if kind is DocumentKind.RFE_RESPONSE and status is not CaseStatus.EVIDENCE_REQUESTED:
        raise DocumentRefused("Documents answer a request for evidence only while it is open.")


class Document(Aggregate):
    """An evidence file kept in the blob store; never replaced, only superseded by a new one."""

    @staticmethod
    def create_id(document_id: str, **_: Any) -> UUID:
        """The id chosen before the upload began: it also names the blob."""
        return UUID(document_id)

    @classmethod
    def upload(
        cls,
        *,
        document_id: UUID,
        case_id: UUID,
        actor: Actor,
        kind: DocumentKind,
        media_type: MediaType,
        size: int,
        sha256: str,
        blob_key: str,
        filename: str,
        supersedes: Document | None = None,
        document_type: DocumentType | None = None,
    ) -> Document:
        """Record a file that is already in the blob store under `blob_key`.

        `document_type` says what the file is (a passport, a birth certificate…); uploads
        recorded before types were asked have none.
        """
        if size <= 0 or len(sha256) != 64:
            raise InvalidArgument("A document needs its size and SHA-256 digest.")
        version = 1
        if supersedes is not None:
            if supersedes.case_id != str(case_id):
                raise DocumentRefused("A new version must belong to the same case.")
            version = supersedes.version_number + 1
        return cls(
            str(document_id),
            str(case_id),
            DocumentKind(kind).value,
            MediaType(media_type).value,
            size,
            sha256,
            blob_key,
            filename,
            None if supersedes is None else str(supersedes.id),
            version,
            actor.user_id,
            actor.role.value,
            None if document_type is None else DocumentType(document_type).value,
        )

    @event("Uploaded")
    def __init__(
        self,
        document_id: str,
        case_id: str,
        kind: str,
        media_type: str,
        size: int,
        sha256: str,
        blob_key: str,
        filename: str,
        supersedes: str | None,
        version_number: int,
        actor_id: str,
        actor_role: str,
        # Last and optional: events stored before types were asked lack it.
        document_type: str | None = None,
    ) -> None:
        self.document_type = None if document_type is None else DocumentType(document_type)
        self.case_id, self.kind, self.media_type = case_id, DocumentKind(kind), media_type
        self.size, self.sha256, self.blob_key, self.filename = size, sha256, blob_key, filename
        self.supersedes, self.version_number = supersedes, version_number
        self.uploaded_by = actor_id
        self.scan = ScanResult.PENDING
        self.scanner: str | None = None

    def record_scan(self, result: ScanResult, scanner: str, signature: str | None = None) -> None:
        """Record the scanner's verdict (once: a document is scanned before it is offered)."""
        if self.scan is not ScanResult.PENDING:
            raise DocumentRefused("This document has been scanned already.")
        if result is ScanResult.PENDING:
            raise InvalidArgument("A scan has a result.")
        self._record_scan(result=ScanResult(result).value, scanner=scanner, signature=signature)

    @event("ScanRecorded")
    def _record_scan(self, result: str, scanner: str, signature: str | None) -> None:
        self.scan, self.scanner = ScanResult(result), scanner

    def check_downloadable(self) -> None:
        """Raise NotDownloadable unless the scan let the document through."""
        if self.scan not in DOWNLOADABLE:
            raise NotDownloadable(f"This document cannot be downloaded (scan: {self.scan}).")

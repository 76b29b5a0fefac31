"""Answering a request for evidence: send the uploaded response documents to the officer."""

from collections.abc import Sequence
from uuid import UUID

import structlog

from immportal.domain.actor import Actor
from immportal.domain.cases.case import Case
from immportal.domain.cases.permissions import check_acts_for, check_permitted
from immportal.domain.evidence.document import DOWNLOADABLE, Document, DocumentKind
from immportal.errors import ConcurrencyConflict, NotFound, PortalError
from immportal.services.ports import Written
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)


class ResponseRefused(PortalError):
    """The response was not sent; the message says why, for the person sending it."""


def check_sendable(document: Document, case: Case) -> None:
    """Raise ResponseRefused unless the document can answer this case's request."""
    if document.case_id != str(case.id) or document.kind is not DocumentKind.RFE_RESPONSE:
        raise ResponseRefused("Only documents uploaded as your response can be sent.")
    if document.scan not in DOWNLOADABLE:
        raise ResponseRefused(
            f"{document.filename} did not pass the virus check, so it cannot be sent."
        )
    if str(document.id) in case.evidence_document_ids:
        raise ResponseRefused(f"{document.filename} was sent already.")


class EvidenceResponses:
    """Records Case.receive_evidence for documents that may answer the request."""

    def __init__(self, repository: Repository) -> None:
        self._repository = repository

    async def send(
        self, case_id: UUID, actor: Actor, document_ids: Sequence[UUID], expected_version: int
    ) -> Written:
        """Send the documents as the response; return the case's new version and position.

        The case must still be at the version the person saw (ConcurrencyConflict
        otherwise), and every document must be a clean or unscanned response of it.
        """
        case = await self._repository.get(Case, case_id)
        # Who first, so someone refused learns nothing about the case's documents.
        check_permitted(actor, "receive_evidence")
        check_acts_for(actor, case.applicant_id, case.representative_ids)
        if case.version != expected_version:
            raise ConcurrencyConflict(f"case {case_id} is at version {case.version}")
        if not document_ids:
            raise ResponseRefused("Upload at least one document before you send your response.")
        for document_id in dict.fromkeys(document_ids):
            try:
                document = await self._repository.get(Document, document_id)
            except NotFound:
                raise ResponseRefused("One of the documents could not be found.") from None
            check_sendable(document, case)
        case.receive_evidence(actor, [str(d) for d in dict.fromkeys(document_ids)])
        positions = await self._repository.save(case)
        log.info("evidence_response_sent", documents=len(document_ids))
        return Written.of(case.version, positions)

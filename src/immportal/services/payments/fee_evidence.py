"""The documents an applicant names as evidence for a fee request: theirs, and safe to read."""

from collections.abc import Sequence
from uuid import UUID

from immportal.domain.cases.case import Case
from immportal.domain.evidence.document import DOWNLOADABLE, Document
from immportal.errors import NotFound, PortalError
from immportal.services.repository import Repository


class EvidenceRefused(PortalError):
    """A named document cannot support the request; the message says which and why."""


async def checked_evidence(
    repository: Repository, case: Case, document_ids: Sequence[UUID]
) -> list[str]:
    """The ids, once each, if every document is one of the case's and passed the virus check."""
    kept: list[str] = []
    for document_id in dict.fromkeys(document_ids):
        try:
            document = await repository.get(Document, document_id)
        except NotFound:
            raise EvidenceRefused("One of the documents could not be found.") from None
        if document.case_id != str(case.id):
            raise EvidenceRefused("One of the documents could not be found.")
        if document.scan not in DOWNLOADABLE:
            msg = f"{document.filename} did not pass the virus check, so it cannot be used."
            raise EvidenceRefused(msg)
        kept.append(str(document_id))
    return kept

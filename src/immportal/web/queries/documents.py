"""A case's documents as its documents page and the API list them, and one to hand out."""

from dataclasses import dataclass
from uuid import UUID

from immportal.errors import NotFound
from immportal.projections.case_documents import CaseDocument, list_case_documents
from immportal.services.cases.files import CaseFile
from immportal.services.evidence.handout import hand_out
from immportal.services.evidence.service import Download
from immportal.web.portal import Portal
from immportal.web.queries.case_files import read_case_file


@dataclass(frozen=True)
class CaseDocuments:
    """The case's file (what was asked for, what was sent) and its documents, oldest first."""

    file: CaseFile
    documents: list[CaseDocument]


async def documents_of(portal: Portal, case_id: UUID) -> CaseDocuments:
    """The case's documents, superseded versions included, with its file."""
    found = await read_case_file(portal, case_id)
    return CaseDocuments(found, await list_case_documents(portal.pool, case_id))


async def document_of(portal: Portal, case_id: UUID, document_id: UUID) -> CaseDocument:
    """One document of the case; NotFound for a document of another case, or none."""
    for document in await list_case_documents(portal.pool, case_id):
        if document.document_id == document_id:
            return document
    raise NotFound("no such document on this case")


async def hand_out_document(portal: Portal, document: CaseDocument) -> Download:
    """The document's bytes as a short-lived link or a stream, if the virus check allows."""
    return await hand_out(
        portal.blobs,
        document_id=document.document_id,
        filename=document.filename,
        media_type=document.media_type,
        size=document.size,
        scan=document.scan,
    )

"""A case's evidence documents over the API: the list, with what the virus check said."""

from datetime import datetime
from uuid import UUID

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from immportal.domain.evidence.document import DocumentKind, ScanResult
from immportal.web.api.bodies import reply
from immportal.web.api.cases import CASE_PATH
from immportal.web.api.operations import Operation
from immportal.web.applicant.access import FILERS, open_case
from immportal.web.documents.labels import document_rows
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.queries.documents import documents_of


class DocumentItem(BaseModel):
    """One uploaded document."""

    model_config = ConfigDict(frozen=True)

    document_id: UUID
    filename: str
    media_type: str
    type_words: str
    size: int = Field(description="Bytes.")
    size_words: str
    uploaded_at: datetime
    kind: DocumentKind
    kind_words: str
    scan: ScanResult
    scan_words: str = Field(description="What the virus check said, in plain words.")
    version_number: int
    replaced: bool = Field(description="A corrected version was uploaded after it.")
    sent: bool = Field(description="Sent in a response to a request for evidence.")
    download_url: str | None = Field(description="Set when the virus check lets it through.")


class DocumentList(BaseModel):
    """A case's documents, oldest first, replaced versions included and marked."""

    model_config = ConfigDict(frozen=True)

    documents: list[DocumentItem]


@allow(FILERS)
async def list_documents(request: web.Request) -> web.Response:
    """The documents as the documents page lists them."""
    access = await open_case(request)
    case_id = access.summary.case_id
    found = await documents_of(request.app[PORTAL], case_id)
    items = []
    for document, row in zip(found.documents, document_rows(found), strict=True):
        download = f"/cases/{case_id}/documents/{row.document_id}/download"
        items.append(
            DocumentItem(
                document_id=row.document_id,
                filename=row.filename,
                media_type=document.media_type,
                type_words=row.type_words,
                size=document.size,
                size_words=row.size_words,
                uploaded_at=row.uploaded_at,
                kind=row.kind,
                kind_words=row.kind_words,
                scan=row.scan,
                scan_words=row.scan_words,
                version_number=row.version_number,
                replaced=row.replaced,
                sent=row.sent,
                download_url=download if row.downloadable else None,
            )
        )
    return reply(DocumentList(documents=items))


OPERATIONS = [
    Operation(
        "GET",
        f"{CASE_PATH}/documents",
        list_documents,
        "listDocuments",
        "A case's documents",
        "documents",
        {200: DocumentList},
    ),
]

"""A case's documents in plain words: type, size, why it was sent, what the virus check said."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from immportal.domain.evidence.document import DOWNLOADABLE, DocumentKind, MediaType, ScanResult
from immportal.domain.evidence.document_kinds import LABELS, DocumentType
from immportal.i18n import N_, _, ngettext
from immportal.projections.case_documents import CaseDocument
from immportal.web.queries.documents import CaseDocuments

SCAN_WORDS = {
    ScanResult.CLEAN: N_("Checked: no threats found"),
    ScanResult.UNSCANNED: N_("Not checked for viruses"),
    ScanResult.PENDING: N_("Being checked"),
    ScanResult.INFECTED: N_("Blocked: a threat was found"),
}
# USWDS colour utilities, dark enough for white text; the words carry the meaning.
SCAN_STYLES = {
    ScanResult.CLEAN: "bg-success-darker",
    ScanResult.UNSCANNED: "bg-accent-warm-darker",
    ScanResult.PENDING: "bg-base-darker",
    ScanResult.INFECTED: "bg-secondary-darker",
}
TYPE_WORDS = {
    MediaType.PDF: "PDF",
    MediaType.JPEG: N_("JPEG image"),
    MediaType.PNG: N_("PNG image"),
    MediaType.TIFF: N_("TIFF image"),
}
KIND_WORDS = {
    DocumentKind.INITIAL: N_("Evidence for the application"),
    DocumentKind.RFE_RESPONSE: N_("Response to the request for evidence"),
}
NOT_DOWNLOADABLE_WORDS = {
    ScanResult.INFECTED: N_(
        "Our virus check found a threat in this file, so it was blocked and cannot be "
        "downloaded. Upload a clean copy of the document instead."
    ),
    ScanResult.PENDING: N_(
        "We are still checking this file for viruses. Try again in a few minutes."
    ),
}
ACCEPT = ".pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/jpeg,image/png,image/tiff"
"""The file chooser's filter; the portal still checks what each file really is."""


def size_words(size: int) -> str:
    """'830 KB', '4.2 MB': the size as file managers show it."""
    if size < 1024:
        return ngettext("%(num)d byte", "%(num)d bytes", size, num=size)
    if size < 1024**2:
        return f"{round(size / 1024)} KB"
    return f"{size / 1024**2:.1f}".removesuffix(".0") + " MB"


@dataclass(frozen=True)
class DocumentRow:
    """One document as the list shows it."""

    document_id: UUID
    filename: str
    document_type: DocumentType | None
    document_type_words: str
    """What the document is ("Passport"), or "" for an upload made before types were asked."""
    type_words: str
    size_words: str
    uploaded_at: datetime
    kind: DocumentKind
    kind_words: str
    scan: ScanResult
    scan_words: str
    scan_style: str
    version_number: int
    replaced: bool
    downloadable: bool
    sent: bool


def document_row(document: CaseDocument, sent_ids: Collection[str] = ()) -> DocumentRow:
    """A read-model row in words; `sent_ids` are the documents already sent in a response."""
    scan, kind = ScanResult(document.scan), DocumentKind(document.kind)
    document_type = document_type_of(document)
    return DocumentRow(
        document_id=document.document_id,
        filename=document.filename,
        document_type=document_type,
        document_type_words=_(LABELS[document_type]) if document_type else "",
        type_words=_(TYPE_WORDS.get(MediaType(document.media_type), document.media_type)),
        size_words=size_words(document.size),
        uploaded_at=document.uploaded_at,
        kind=kind,
        kind_words=_(KIND_WORDS[kind]),
        scan=scan,
        scan_words=_(SCAN_WORDS[scan]),
        scan_style=SCAN_STYLES[scan],
        version_number=document.version_number,
        replaced=document.superseded_by is not None,
        downloadable=scan in DOWNLOADABLE,
        sent=str(document.document_id) in sent_ids,
    )


def document_type_of(document: CaseDocument) -> DocumentType | None:
    """The row's document type, or None when it has none the portal knows."""
    try:
        return DocumentType(document.document_type) if document.document_type else None
    except ValueError:
        return None


def document_rows(found: CaseDocuments) -> list[DocumentRow]:
    """The case's documents in words, knowing which were sent in a response already."""
    return [document_row(d, found.file.evidence_document_ids) for d in found.documents]


def ready_to_send(rows: list[DocumentRow]) -> list[DocumentRow]:
    """Response documents not yet sent, not replaced, and let through by the virus check."""
    return [
        row
        for row in rows
        if row.kind is DocumentKind.RFE_RESPONSE
        and row.downloadable
        and not row.replaced
        and not row.sent
    ]

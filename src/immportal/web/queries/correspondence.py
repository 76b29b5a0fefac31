"""A case's conversation and requests as the pages show them: who wrote, with which files."""

from dataclasses import dataclass
from uuid import UUID

from immportal.domain.actor import Actor, Role
from immportal.domain.evidence.document import DOWNLOADABLE, ScanResult
from immportal.i18n import N_
from immportal.projections.case_documents import CaseDocument, list_case_documents
from immportal.projections.case_messages import Message, list_messages
from immportal.web.portal import Portal
from immportal.web.queries.staff import staff_names

ROLE_WORDS = {
    Role.APPLICANT.value: N_("The applicant"),
    Role.REPRESENTATIVE.value: N_("The representative"),
    Role.OFFICER.value: "Officer",
    Role.SUPERVISOR.value: "Supervisor",
}
OFFICE_WORDS = N_("The immigration office")
"""How the applicant's side sees staff: the office answers, not a named person."""


@dataclass(frozen=True)
class Attachment:
    """A file sent with a message, and where to fetch it (None while it cannot be fetched)."""

    document_id: UUID
    filename: str
    url: str | None


@dataclass(frozen=True)
class MessageView:
    """One message in words: who wrote it, their text (plain), their files."""

    message: Message
    author: str
    mine: bool
    attachments: list[Attachment]


def _document_url(case_id: UUID, document_id: UUID, *, staff: bool) -> str:
    if staff:
        return f"/staff/cases/{case_id}/documents/{document_id}"
    return f"/cases/{case_id}/documents/{document_id}/download"


def _attachments(
    message: Message, documents: dict[UUID, CaseDocument], *, staff: bool
) -> list[Attachment]:
    found = []
    for document_id in message.attachment_ids:
        document = documents.get(document_id)
        if document is None:
            continue  # the documents' read model has not caught up: shown on the next look
        fetchable = ScanResult(document.scan) in DOWNLOADABLE
        url = _document_url(message.case_id, document_id, staff=staff) if fetchable else None
        found.append(Attachment(document_id, document.filename, url))
    return found


async def conversation(
    portal: Portal, case_id: UUID, viewer: Actor, *, staff: bool
) -> list[MessageView]:
    """The case's messages, oldest first, as the viewer (staff or the applicant's side) reads."""
    messages = await list_messages(portal.pool, case_id)
    documents = {d.document_id: d for d in await list_case_documents(portal.pool, case_id)}
    names = await staff_names(portal, (m.author_id for m in messages if m.from_staff))
    views = []
    for message in messages:
        mine = message.author_id == viewer.user_id
        if mine:
            author = N_("You")
        elif message.from_staff and not staff:
            author = OFFICE_WORDS
        elif message.from_staff:
            role = ROLE_WORDS.get(message.author_role, message.author_role)
            author = f"{names.get(message.author_id, 'A colleague')} ({role.lower()})"
        else:
            author = ROLE_WORDS.get(message.author_role, message.author_role)
        views.append(
            MessageView(message, author, mine, _attachments(message, documents, staff=staff))
        )
    return views

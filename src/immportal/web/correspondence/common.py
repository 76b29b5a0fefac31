"""What the conversation and request pages share: where they are, what a page waits for."""

from uuid import UUID

from immportal.projections.case_documents import CaseDocumentsProjection
from immportal.projections.case_messages import CaseMessagesProjection
from immportal.projections.case_requests import CaseRequestsProjection

MESSAGES_PAGE = (CaseMessagesProjection.name, CaseDocumentsProjection.name)
"""A conversation shows its messages and, from the documents, their attachments' names."""
REQUESTS_PAGE = (CaseRequestsProjection.name,)


def messages_url(case_id: UUID | str) -> str:
    """The applicant's side of a case's conversation."""
    return f"/cases/{case_id}/messages"


def requests_url(case_id: UUID | str) -> str:
    """The applicant's side of a case's requests."""
    return f"/cases/{case_id}/requests"


def staff_messages_url(case_id: UUID | str) -> str:
    """The office's side of a case's conversation."""
    return f"/staff/cases/{case_id}/messages"


def staff_requests_url(case_id: UUID | str) -> str:
    """The office's side of a case's requests."""
    return f"/staff/cases/{case_id}/requests"

"""A case's documents page: the list with scan states, the upload form and the RFE response."""

from dataclasses import dataclass, field
from uuid import UUID

from aiohttp import web

from immportal.domain.cases.status import TERMINAL_STATUSES, CaseStatus
from immportal.domain.evidence.document import DocumentKind
from immportal.i18n import _
from immportal.projections.filed_applications import latest_filed_application
from immportal.web.applicant.access import FILERS, CaseAccess, open_case
from immportal.web.documents.checklist import needs_of, type_choices
from immportal.web.documents.labels import (
    ACCEPT,
    DocumentRow,
    document_rows,
    ready_to_send,
    size_words,
)
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.presenters import case_view
from immportal.web.queries.documents import CaseDocuments, documents_of
from immportal.web.rendering import render


def documents_url(case_id: UUID | str) -> str:
    """Where a case's documents page is."""
    return f"/cases/{case_id}/documents"


def checklist_url(case_id: UUID | str) -> str:
    """Where a case's "What to upload" checklist is."""
    return f"/cases/{case_id}/documents/checklist"


@dataclass(frozen=True)
class PageState:
    """What the page says besides the list: a banner, problems, the form as it was sent."""

    notice: str = ""
    warning: str = ""
    errors: list[str] = field(default_factory=list)
    error_field: str = ""
    """The form field the errors are about ("file"), or "" for the page as a whole."""
    kind: str = ""
    document_type: str = ""
    replacing: UUID | None = None


@allow(FILERS)
async def documents_page(request: web.Request) -> web.Response:
    """The case's documents, and forms to upload one, replace one or send a response."""
    access = await open_case(request)
    found = await documents_of(request.app[PORTAL], access.summary.case_id)
    state = PageState(replacing=_uuid(request.query.get("replace")))
    uploaded = _uuid(request.query.get("uploaded"))
    if uploaded is not None:
        rows = document_rows(found)
        state = _upload_banner(next((r for r in rows if r.document_id == uploaded), None))
    elif request.query.get("sent") == "1":
        state = PageState(
            notice=_("Your response was sent. We will let you know what happens next.")
        )
    return await render_documents(request, access, state, found=found)


async def render_documents(
    request: web.Request,
    access: CaseAccess,
    state: PageState,
    status: int = 200,
    *,
    found: CaseDocuments | None = None,
) -> web.Response:
    """The documents page with the state's banner or error summary."""
    runtime = request.app[PORTAL]
    case_id = access.summary.case_id
    found = found or await documents_of(runtime, case_id)
    case, rows = found.file, document_rows(found)
    request_open = case.status is CaseStatus.EVIDENCE_REQUESTED
    replacing = next((r for r in rows if r.document_id == state.replacing and not r.replaced), None)
    asked, others = type_choices(needs_of(case))
    chosen = state.document_type or (
        replacing.document_type.value if replacing and replacing.document_type else ""
    )
    return render(
        "documents/list.html",
        request,
        {
            "case": case_view(access.summary),
            "rows": rows,
            "state": state,
            "replacing": replacing,
            "request_open": request_open,
            "evidence_items": list(case.evidence_items) if request_open else [],
            "evidence_due_on": case.evidence_due_on if request_open else None,
            "ready": ready_to_send(rows) if request_open else [],
            "version": case.version,
            "can_upload": case.status not in TERMINAL_STATUSES,
            "kind": state.kind or (DocumentKind.RFE_RESPONSE if request_open else ""),
            "asked_types": asked,
            "other_types": others,
            "document_type": chosen,
            "checklist_url": checklist_url(case_id),
            "accept": ACCEPT,
            "max_size": size_words(runtime.evidence.max_bytes),
            "action": documents_url(case_id),
            "filed_copy": await latest_filed_application(runtime.pool, case_id),
        },
        status=status,
    )


def _upload_banner(row: DocumentRow | None) -> PageState:
    if row is None:
        return PageState(notice=_("Your file was uploaded. It will appear in the list shortly."))
    if not row.downloadable:
        return PageState(
            warning=_(
                "We found a threat in %(filename)s. It was blocked and not kept. "
                "Upload a clean copy of the document instead.",
                filename=row.filename,
            )
        )
    return PageState(
        notice=_("%(filename)s was uploaded. %(scan)s.", filename=row.filename, scan=row.scan_words)
    )


def _uuid(value: str | None) -> UUID | None:
    try:
        return UUID(value) if value else None
    except ValueError:
        return None

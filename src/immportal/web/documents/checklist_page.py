"""The "What to upload" page: each document the case's answers call for, and what is in."""

from aiohttp import web

from immportal.domain.cases.status import TERMINAL_STATUSES
from immportal.web.applicant.access import FILERS, open_case
from immportal.web.documents.checklist import checklist, needs_of
from immportal.web.documents.listing import documents_url
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.presenters import case_view
from immportal.web.queries.documents import documents_of
from immportal.web.rendering import render


@allow(FILERS)
async def checklist_page(request: web.Request) -> web.Response:
    """The checklist from the case file's answers and the documents read model."""
    access = await open_case(request)
    found = await documents_of(request.app[PORTAL], access.summary.case_id)
    items = checklist(needs_of(found.file), found.documents)
    return render(
        "documents/checklist.html",
        request,
        {
            "case": case_view(access.summary),
            "items": items,
            "still_needed": sum(1 for item in items if not item.uploaded),
            "documents_url": documents_url(access.summary.case_id),
            "can_upload": found.file.status not in TERMINAL_STATUSES,
        },
    )

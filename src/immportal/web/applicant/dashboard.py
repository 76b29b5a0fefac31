"""'Your cases': the signed-in applicant's cases and drafts, and the cases a representative
acts on."""

from aiohttp import web

from immportal.domain.actor import Role
from immportal.domain.cases.permissions import standing
from immportal.domain.cases.status import CaseStatus
from immportal.projections.case_summary import list_cases_of
from immportal.web.applicant.access import FILERS, signed_in_actor
from immportal.web.apply.drafts import draft_views, is_deleted_draft
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.presenters import case_view
from immportal.web.rendering import render


@allow(FILERS)
async def your_cases(request: web.Request) -> web.Response:
    """Drafts to continue or delete, then each case with its status and what happens next."""
    actor = signed_in_actor(request)
    runtime = request.app[PORTAL]
    summaries = [
        s
        for s in await list_cases_of(runtime.pool, actor.user_id)
        # The query matched the id as applicant or representative; the same check as
        # on each case page keeps the roles apart.
        if standing(actor, s.applicant_id, s.representative_ids) is not None
        and not is_deleted_draft(s)
    ]
    return render(
        "applicant/dashboard.html",
        request,
        {
            "title": "Your cases",
            "drafts": await draft_views(runtime, summaries),
            "cases": [case_view(s) for s in summaries if s.status != CaseStatus.DRAFT.value],
            "representing": actor.role is Role.REPRESENTATIVE,
            "notice": "Your draft was deleted." if request.query.get("deleted") == "1" else "",
        },
    )

"""'Your cases': the signed-in applicant's cases and drafts, and the cases a representative
acts on."""

from aiohttp import web

from immportal.domain.actor import Role
from immportal.domain.cases.status import CaseStatus
from immportal.i18n import _
from immportal.web.applicant.access import FILERS, signed_in_actor
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.presenters import case_view
from immportal.web.queries import your_cases as listing
from immportal.web.rendering import render


@allow(FILERS)
async def your_cases(request: web.Request) -> web.Response:
    """Drafts to continue or delete, then each case with its status and what happens next."""
    actor = signed_in_actor(request)
    found = await listing.your_cases(request.app[PORTAL], actor)
    return render(
        "applicant/dashboard.html",
        request,
        {
            "title": _("Your cases"),
            "drafts": found.drafts,
            "cases": [case_view(s) for s in found.summaries if s.status != CaseStatus.DRAFT.value],
            "representing": actor.role is Role.REPRESENTATIVE,
            "notice": _("Your draft was deleted.") if request.query.get("deleted") == "1" else "",
        },
    )

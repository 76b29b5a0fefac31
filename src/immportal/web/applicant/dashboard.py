"""'Your cases': the signed-in applicant's cases, and the cases a representative acts on."""

from aiohttp import web

from immportal.domain.actor import Role
from immportal.domain.permissions import standing
from immportal.projections.case_summary import list_cases_of
from immportal.web.applicant.access import FILERS, signed_in_actor
from immportal.web.keys import RUNTIME
from immportal.web.policy import allow
from immportal.web.presenters import case_view
from immportal.web.rendering import render


@allow(FILERS)
async def your_cases(request: web.Request) -> web.Response:
    """Each case with its form, receipt number, status and what happens next."""
    actor = signed_in_actor(request)
    summaries = await list_cases_of(request.app[RUNTIME].pool, actor.user_id)
    return render(
        "applicant/dashboard.html",
        request,
        {
            "title": "Your cases",
            # The query matched the id as applicant or representative; the same check as
            # on each case page keeps the roles apart.
            "cases": [
                case_view(s)
                for s in summaries
                if standing(actor, s.applicant_id, s.representative_ids) is not None
            ],
            "representing": actor.role is Role.REPRESENTATIVE,
        },
    )

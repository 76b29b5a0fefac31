"""The supervisors' decision history: decisions issued per officer and per office."""

from aiohttp import web

from immportal.projections.decision_history import issued_decisions, tallies
from immportal.web.officer.common import SUPERVISORS, staff_actor
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.queries.staff import case_refs, staff_member, staff_names
from immportal.web.rendering import render


def _filter(value: str | None) -> str | None:
    cleaned = (value or "").strip()
    return cleaned[:100] or None


@allow(SUPERVISORS)
async def decisions(request: web.Request) -> web.Response:
    """GET /staff/decisions?office=&officer=: counts, then the decisions themselves."""
    portal = request.app[PORTAL]
    pool, member = portal.pool, await staff_member(portal, staff_actor(request))
    office, officer = _filter(request.query.get("office")), _filter(request.query.get("officer"))
    by_officer = await tallies(pool, "officer_id", office=office)
    by_office = await tallies(pool, "office")
    issued = await issued_decisions(pool, officer_id=officer, office=office)
    ids = (
        [t.key for t in by_officer]
        + [d.officer_id for d in issued]
        + [d.supervisor_id for d in issued]
        + [officer]
    )
    return render(
        "officer/decisions.html",
        request,
        {
            "office": office,
            "officer": officer,
            "by_officer": by_officer,
            "by_office": by_office,
            "issued": issued,
            "names": await staff_names(portal, ids),
            "cases": await case_refs(portal, member, (d.case_id for d in issued)),
        },
    )

"""The work queue: open cases by office and form type, oldest first, with counts."""

from datetime import UTC, datetime

from aiohttp import web

from immportal.domain.cases.forms import FormType
from immportal.domain.cases.status import CaseStatus, describe
from immportal.projections.officer_queue import (
    QueueFilter,
    View,
    Viewer,
    office_codes,
    queue_page,
)
from immportal.web.officer.common import ADJUDICATORS, staff_actor
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.queries.staff import staff_member, staff_names
from immportal.web.rendering import render

VIEW_LABELS = {
    View.ALL: "All open cases",
    View.UNASSIGNED: "Not yet assigned",
    View.MINE: "Assigned to me",
    View.OVERDUE: "Evidence deadline passed",
    View.REVIEW: "Waiting for supervisor review",
}


def _choice(value: str | None, allowed: set[str]) -> str | None:
    return value if value in allowed else None


@allow(ADJUDICATORS)
async def queue(request: web.Request) -> web.Response:
    """GET /staff/queue?office=&form=&view=&after=: one page of the cases the person may open."""
    portal = request.app[PORTAL]
    member, pool = await staff_member(portal, staff_actor(request)), portal.pool
    viewer = Viewer(member.actor.user_id, member.office)
    offices = await office_codes(pool, viewer)
    if member.office and member.office not in offices:
        offices = sorted([*offices, member.office])
    query = request.query
    view = View(_choice(query.get("view"), {v.value for v in View}) or View.ALL)
    office = query.get("office", member.office or "")
    # "Assigned to me" follows the person's cases wherever they are.
    chosen = QueueFilter(
        office=None if view is View.MINE else _choice(office, set(offices)),
        form_type=_choice(query.get("form"), {f.value for f in FormType}),
        view=view,
    )
    today = datetime.now(UTC).date()
    page = await queue_page(pool, chosen, viewer=viewer, today=today, after=query.get("after"))
    return render(
        "officer/queue.html",
        request,
        {
            "member": member,
            "page": page,
            "chosen": chosen,
            "office_choice": office if office in offices else "",
            "offices": offices,
            "forms": [f.value for f in FormType],
            "views": VIEW_LABELS,
            "status_label": lambda s: describe(CaseStatus(s)),
            "names": await staff_names(portal, (r.officer_id for r in page.rows)),
            "today": today,
        },
    )

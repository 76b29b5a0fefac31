"""Run one action form: check who may, read the form, act, or explain what went wrong.

A form carries the case version it was shown at. If someone else changed the case
since, the person gets a conflict page with the case as it is now and what they
typed, ready to send again.
"""

from uuid import UUID

import structlog
from aiohttp import web

from immportal.domain.actor import Role
from immportal.domain.cases.permissions import Standing
from immportal.domain.cases.status import describe
from immportal.domain.errors import DomainError
from immportal.errors import ConcurrencyConflict, NotFound
from immportal.services.cases.adjudication import StaffMember
from immportal.web.case_pages import parse_case_id
from immportal.web.officer.actions import Action, Context, FormProblems, read_version
from immportal.web.officer.calendar import interview_choices
from immportal.web.officer.common import ADJUDICATORS, adjudication, case_path, staff_actor
from immportal.web.officer.registry import ACTIONS
from immportal.web.officer.review import render_review, values_of
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.queries.timeline import timeline_lines
from immportal.web.read_your_writes import STAFF_CASE_PAGE, caught_up, shown_after
from immportal.web.rendering import render

log = structlog.get_logger(__name__)
RECENT_ENTRIES = 5


@allow(ADJUDICATORS)
async def act(request: web.Request) -> web.Response:
    """POST /staff/cases/{case_id}/actions/{action}: one case command, as the signed-in person."""
    action = ACTIONS.get(request.match_info["action"])
    actor = staff_actor(request)
    if action is None or (action.supervisor_only and actor.role is not Role.SUPERVISOR):
        raise NotFound("no such action for this person")
    service = adjudication(request)
    case_id = parse_case_id(request)
    member, case = await service.open(case_id, actor)  # another office's case: not found
    raw = {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
    posted = values_of(raw)
    try:
        context = Context(
            service,
            case_id,
            actor,
            read_version(raw),
            request.app[PORTAL].email_index,
            request.app[PORTAL].staff_appointments,
            request.app[PORTAL].fee_waivers,
        )
        written = await action.run(context, action.read(raw))
    except FormProblems as problems:
        return await render_review(
            request,
            member,
            case,
            open_action=action.slug,
            errors=problems.errors,
            values=posted,
            status=422,
        )
    except ConcurrencyConflict:
        log.info("adjudication_conflict", action=action.slug)
        return await render_conflict(request, member, case_id, action, posted)
    except DomainError as refused:
        _, fresh = await service.open(case_id, actor)
        return await render_review(
            request,
            member,
            fresh,
            open_action=action.slug,
            values=posted,
            message=str(refused),
            status=409,
        )
    log.info("adjudication_action", action=action.slug, version=written.version)
    shown = await caught_up(request.app[PORTAL], written.position, STAFF_CASE_PAGE)
    raise web.HTTPSeeOther(shown_after(case_path(case_id), shown))


async def render_conflict(
    request: web.Request, member: StaffMember, case_id: UUID, action: Action, typed: dict[str, str]
) -> web.Response:
    """409: the case as it is now, and the form again with what was typed and the new version."""
    fresh = await adjudication(request).open(case_id, member.actor)
    case = fresh[1]
    # Named, as on the review page: the officer sees who acted while they were typing.
    timeline = await timeline_lines(request.app[PORTAL], case_id, Standing.STAFF)
    return render(
        "officer/conflict.html",
        request,
        {
            "case": case,
            "case_url": case_path(case_id),
            "status_label": describe(case.status),
            "recent": timeline[-RECENT_ENTRIES:][::-1],
            "action": action,
            "still_offered": action.offered(case.status, member.actor.role),
            "values": typed,
            "errors": {},
            "defaults": {},
            "options": {"slot": await interview_choices(request.app[PORTAL])},
        },
        status=409,
    )

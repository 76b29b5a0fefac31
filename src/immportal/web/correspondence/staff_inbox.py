"""The office's inbox: conversations waiting for an answer, longest first, and waiting requests."""

from datetime import UTC, datetime

from aiohttp import web

from immportal.projections.case_messages import office_inbox
from immportal.projections.case_requests import office_requests
from immportal.web.correspondence import request_words as words
from immportal.web.officer.common import ADJUDICATORS, staff_actor
from immportal.web.policy import allow
from immportal.web.portal import portal
from immportal.web.queries.staff import staff_member
from immportal.web.rendering import render

ANSWERED_SHOWN = 50
"""Answered conversations listed below the waiting ones, most recent first."""


@allow(ADJUDICATORS)
async def inbox(request: web.Request) -> web.Response:
    """GET /staff/messages: the office's conversations, the longest unanswered first."""
    services = portal(request)
    member = await staff_member(services, staff_actor(request))
    waiting, answered = [], []
    if member.office:
        waiting = await office_inbox(services.pool, member.office, waiting=True)
        answered = await office_inbox(
            services.pool, member.office, waiting=False, limit=ANSWERED_SHOWN
        )
    return render(
        "correspondence/staff_inbox.html",
        request,
        {"member": member, "waiting": waiting, "answered": answered, "now": datetime.now(UTC)},
    )


@allow(ADJUDICATORS)
async def waiting_requests(request: web.Request) -> web.Response:
    """GET /staff/requests: the office's requests waiting for a decision, oldest first."""
    services = portal(request)
    member = await staff_member(services, staff_actor(request))
    found = await office_requests(services.pool, member.office) if member.office else []
    return render(
        "correspondence/staff_requests.html",
        request,
        {"member": member, "requests": found, "words": words, "now": datetime.now(UTC)},
    )

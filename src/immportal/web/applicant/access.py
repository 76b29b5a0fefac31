"""The one ownership check of every applicant-facing case route.

Each case route opens its case through `open_case`: it finds the signed-in person's
standing on the case (applicant, authorized representative, or staff who may read any
case) and answers "not found" to everyone else, exactly as for a case that does not
exist, so case ids cannot be probed.
"""

from collections.abc import Set
from dataclasses import dataclass

import structlog
from aiohttp import web

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.permissions import Standing, standing
from immportal.errors import NotFound
from immportal.projections.case_summary import CaseSummary, get_case_summary
from immportal.web.case_pages import parse_case_id
from immportal.web.policy import roles
from immportal.web.portal import PORTAL
from immportal.web.sessions import current_session

FILERS = roles(Role.APPLICANT, Role.REPRESENTATIVE)
"""The route policy of the applicant's side: applicants and their representatives."""
READERS = frozenset(Standing)
"""Everyone with a standing on the case may read it."""
APPLICANT_ONLY = frozenset({Standing.APPLICANT})
"""Only the applicant decides who represents them."""


@dataclass(frozen=True)
class CaseAccess:
    """A case the signed-in person may use, and why."""

    actor: Actor
    summary: CaseSummary
    standing: Standing


def signed_in_actor(request: web.Request) -> Actor:
    """The signed-in person as the events will record them."""
    session = current_session(request)
    if session is None or not session.signed_in or session.account_id is None:
        raise NotFound("no signed-in session")  # the route policy should have stopped this
    if session.role is None:
        raise NotFound("session without a role")
    return Actor(str(session.account_id), session.role)


async def open_case(request: web.Request, allowed: Set[Standing] = READERS) -> CaseAccess:
    """The URL's case if the signed-in person stands in an allowed relation to it."""
    actor = signed_in_actor(request)
    case_id = parse_case_id(request)
    summary = await get_case_summary(request.app[PORTAL].pool, case_id)
    found = None
    if summary is not None:
        found = standing(actor, summary.applicant_id, summary.representative_ids)
    if summary is None or found is None or found not in allowed:
        # One answer for "no such case" and "not yours": nothing to learn by guessing ids.
        raise NotFound("no such case for this person")
    structlog.contextvars.bind_contextvars(case_id=str(case_id))
    return CaseAccess(actor, summary, found)

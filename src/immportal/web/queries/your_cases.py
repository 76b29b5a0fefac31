"""'Your cases': the cases a person applied for or represents, and their drafts' progress."""

from dataclasses import dataclass

from immportal.domain.actor import Actor
from immportal.domain.cases.permissions import standing
from immportal.projections.case_summary import CaseSummary, list_cases_of
from immportal.web.apply.drafts import DraftView, draft_views, is_deleted_draft
from immportal.web.portal import Portal


@dataclass(frozen=True)
class YourCases:
    """The person's cases, most recently changed first, and the drafts among them."""

    summaries: list[CaseSummary]
    drafts: list[DraftView]


async def your_cases(portal: Portal, actor: Actor) -> YourCases:
    """What the "Your cases" page and the API's case list show the person."""
    summaries = [
        s
        for s in await list_cases_of(portal.pool, actor.user_id)
        # The query matched the id as applicant or representative; the same check as
        # on each case page keeps the roles apart.
        if standing(actor, s.applicant_id, s.representative_ids) is not None
        and not is_deleted_draft(s)
    ]
    return YourCases(summaries, await draft_views(portal, summaries))

"""Read your own writes: after a change, wait (bounded) until the next page's read models show it.

A page after a change reads read models, which the projections fill a moment after the
event is committed; without the wait it could show the case as it was, and the person
would think the change was lost. When the wait runs out the page is shown anyway, flagged
so it says the change was saved and may take a moment to appear.
"""

from collections.abc import Sequence

from aiohttp import web
from yarl import URL

from immportal.projections.account_profiles import AccountProfilesProjection
from immportal.projections.case_documents import CaseDocumentsProjection
from immportal.projections.case_files import CaseFilesProjection
from immportal.projections.case_summary import CaseSummaryProjection
from immportal.projections.case_timeline import CaseTimelineProjection
from immportal.projections.decision_history import DecisionHistoryProjection
from immportal.web.portal import Portal

READ_YOUR_WRITES_SECONDS = 2.0
UPDATING = "updating"
"""Query flag of a page shown before its read models caught up with the change just made."""

CASE_LIST = (CaseSummaryProjection.name, CaseFilesProjection.name)
"""A person's cases, the task list and the representatives page: the summary, and the case
file (the drafts' answers, the representatives)."""
CASE_PAGE = (*CASE_LIST, CaseTimelineProjection.name)
"""A case page shows the summary, the case file and the timeline (the API's case reads, too)."""
STAFF_CASE_PAGE = (*CASE_PAGE, DecisionHistoryProjection.name)
"""The officer's review page adds the case's decisions."""
ACCOUNT_PAGE = (AccountProfilesProjection.name,)
"""The account page: name, email, address and sign-in set-up."""
DOCUMENTS = (CaseDocumentsProjection.name,)
"""The documents list with its scan states."""
DOCUMENTS_PAGE = (CaseSummaryProjection.name, CaseFilesProjection.name, *DOCUMENTS)
"""The documents page: the list, and (from the case file) whether a request is open."""


async def caught_up(portal: Portal, position: int, projections: Sequence[str]) -> bool:
    """Wait until the projections have passed `position`; False when the wait ran out."""
    if position <= 0:
        return True  # nothing was written, so nothing to wait for
    return await portal.read_models.wait_until(position, projections, READ_YOUR_WRITES_SECONDS)


async def account_caught_up(portal: Portal) -> bool:
    """After an account change whose service returns no position: wait for the log's head.

    The head includes the change just committed, so waiting for it is correct, if a little
    longer than waiting for the change's own position.
    """
    return await caught_up(portal, await portal.read_models.head(), ACCOUNT_PAGE)


def shown_after(url: str, caught_up: bool) -> str:
    """The next page's URL, flagged when its read models had not caught up yet."""
    return url if caught_up else str(URL(url).update_query({UPDATING: "1"}))


def still_updating(request: web.Request) -> bool:
    """Whether the page follows a change its read models may not show yet."""
    return request.query.get(UPDATING) == "1"

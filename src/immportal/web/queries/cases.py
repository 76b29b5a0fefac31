"""One case as the case page and the API's case answer show it: summary, file and estimate."""

from dataclasses import dataclass
from datetime import datetime
from functools import partial

from immportal.domain.cases.status import AWAITING_DECISION
from immportal.projections.case_summary import CaseSummary
from immportal.projections.processing_times import processing_time
from immportal.services.cases.estimate import CaseEstimate, estimate_case
from immportal.services.cases.files import CaseFile
from immportal.web.portal import Portal
from immportal.web.presenters import CaseView, case_view
from immportal.web.queries.case_files import read_case_file


@dataclass(frozen=True)
class CaseDetails:
    """The case in words (from its summary) and everything else about it (from its file)."""

    view: CaseView
    file: CaseFile

    @property
    def awaiting_decision(self) -> bool:
        """Whether the case waits for a decision, so a question about it may be asked."""
        return self.file.status in AWAITING_DECISION


async def case_details(portal: Portal, summary: CaseSummary) -> CaseDetails:
    """The case of a summary, with its mailing address and the rest of its file."""
    found = await read_case_file(portal, summary.case_id)
    return CaseDetails(case_view(summary, found.address), found)


async def case_estimate(portal: Portal, summary: CaseSummary, now: datetime) -> CaseEstimate:
    """How long cases like this one take, and since when it may be asked about."""
    return await estimate_case(
        partial(processing_time, portal.pool),
        form_type=summary.form_type or "",
        office=summary.office,
        accepted_at=summary.accepted_at,
        now=now,
    )

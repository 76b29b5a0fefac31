"""Drafts as the "Your cases" page lists them: how far each is and what to do next."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from immportal.domain.cases.status import CaseStatus, describe
from immportal.domain.catalogue import SectionState, form_for, pages, section_state
from immportal.i18n import _, ngettext
from immportal.projections.case_files import get_case_files
from immportal.projections.case_summary import CaseSummary
from immportal.services.cases.applications import is_signed
from immportal.web.portal import Portal
from immportal.web.presenters import NEXT_STEPS


@dataclass(frozen=True)
class DraftView:
    """One draft on the dashboard."""

    case_id: str
    form_type: str
    form_title: str
    started_at: datetime | None
    sections_done: int
    sections: int
    signed: bool

    @property
    def status_label(self) -> str:
        """The status as every case card words it."""
        return describe(CaseStatus.DRAFT)

    @property
    def progress(self) -> str:
        """How far the draft is, and the step that comes next, in words."""
        if self.signed:
            return _("Signed. Pay the fee to send your application.")
        if self.sections_done == self.sections:
            return _("Every section is completed. Check your answers and sign the declaration.")
        return ngettext(
            "%(done)s of %(num)d section completed.",
            "%(done)s of %(num)d sections completed.",
            self.sections,
            done=self.sections_done,
        )

    @property
    def next_step(self) -> str:
        """What the person does next, as every case card words it."""
        return NEXT_STEPS[CaseStatus.DRAFT]


def is_deleted_draft(summary: CaseSummary) -> bool:
    """A draft deleted before it was ever sent: gone from the dashboard, kept in the log."""
    return summary.status == CaseStatus.WITHDRAWN.value and summary.submitted_at is None


async def draft_views(runtime: Portal, summaries: Iterable[CaseSummary]) -> list[DraftView]:
    """The drafts among the summaries, each with its progress from its case file."""
    drafts = [s for s in summaries if s.status == CaseStatus.DRAFT.value]
    files = await get_case_files(runtime.pool, [s.case_id for s in drafts])
    views = []
    for summary in drafts:
        case = files.get(summary.case_id)
        if case is None:
            continue  # started a moment ago: listed once its file is there
        form = form_for(case.form_type)
        asked = {page.section for page in pages(form, case.answers)}
        states = [section_state(form, s, case.answers) for s in asked]
        views.append(
            DraftView(
                case_id=str(summary.case_id),
                form_type=case.form_type,
                form_title=form.title,
                started_at=summary.created_at,
                sections_done=sum(state is SectionState.COMPLETED for state in states),
                sections=len(states),
                signed=is_signed(case),
            )
        )
    return views

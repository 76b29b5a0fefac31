"""The task list: each section of the form with how far it is, then check, sign and pay."""

from dataclasses import dataclass

from aiohttp import web

from immportal.domain.catalogue import Page, SectionState, page_complete, pages, section_state
from immportal.i18n import N_, _
from immportal.services.cases.applications import is_signed
from immportal.web.applicant.access import FILERS
from immportal.web.apply.common import Draft, already_sent, read_draft
from immportal.web.policy import allow
from immportal.web.rendering import render

STATE_LABELS = {
    SectionState.NOT_STARTED: N_("Not started"),
    SectionState.IN_PROGRESS: N_("In progress"),
    SectionState.COMPLETED: N_("Completed"),
}


@dataclass(frozen=True)
class Task:
    """One section as the task list shows it."""

    id: str
    title: str
    hint: str
    state: SectionState
    url: str

    @property
    def label(self) -> str:
        """The words of the status tag."""
        return STATE_LABELS[self.state]


def tasks(draft: Draft) -> list[Task]:
    """Every section in order, each linking to its first page still to answer."""
    asked = pages(draft.form, draft.answers)
    found = []
    for section in draft.form.sections:
        state = section_state(draft.form, section.id, draft.answers)
        own = [page for page in asked if page.section == section.id]
        if not own:
            continue  # every page of the section depends on answers not given
        found.append(
            Task(section.id, section.title, section.hint, state, draft.page_url(_first(own, draft)))
        )
    return found


def _first(own: list[Page], draft: Draft) -> Page:
    return next((page for page in own if not page_complete(page, draft.answers)), own[0])


@allow(FILERS)
async def task_list(request: web.Request) -> web.Response:
    """The sections with not started / in progress / completed, and what comes after."""
    draft = await read_draft(request)
    if not draft.editable:
        return already_sent(request, draft)
    found = tasks(draft)
    done = sum(task.state is SectionState.COMPLETED for task in found)
    return render(
        "apply/task_list.html",
        request,
        {
            "title": _("Your application on Form %(number)s", number=draft.case.form_type),
            "form_type": draft.case.form_type,
            "form_title": draft.form.title,
            "case_id": draft.case_id,
            "tasks": found,
            "done": done,
            "all_done": done == len(found),
            "signed": is_signed(draft.case),
            "is_applicant": draft.is_applicant,
            "check_url": draft.check_url,
            "started_at": draft.access.summary.created_at,
        },
    )

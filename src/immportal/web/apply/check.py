"""Check your answers: every answer by section, each with a link to change it."""

from dataclasses import dataclass

from aiohttp import web

from immportal.domain.catalogue import AnswerRow, is_complete, problems, shown, summary_rows
from immportal.domain.payments.fees import format_cents
from immportal.i18n import _
from immportal.web.applicant.access import FILERS
from immportal.web.apply.common import Draft, read_draft
from immportal.web.policy import allow
from immportal.web.rendering import render


@dataclass(frozen=True)
class SectionAnswers:
    """One section's answers as the summary list shows them."""

    title: str
    rows: list[AnswerRow]


def by_section(draft: Draft) -> list[SectionAnswers]:
    """The answers grouped under their sections, in form order."""
    rows = summary_rows(draft.form, draft.answers)
    grouped = []
    for section in draft.form.sections:
        own = [row for row in rows if row.section == section.id]
        if own:
            grouped.append(SectionAnswers(shown(section.title), own))
    return grouped


@allow(FILERS)
async def check_answers(request: web.Request) -> web.Response:
    """The answers to check (read only once sent), what still stops the application."""
    draft = await read_draft(request)
    complete = is_complete(draft.form, draft.answers)
    return render(
        "apply/check.html",
        request,
        {
            "title": _("Check your answers"),
            "form_type": draft.case.form_type,
            "edition": draft.form.edition_label,
            "case_id": draft.case_id,
            "sections": by_section(draft),
            "problems": problems(draft.form, draft.answers),
            "complete": complete,
            "editable": draft.editable,
            "is_applicant": draft.is_applicant,
            "tasks_url": draft.tasks_url,
            "declaration_url": draft.declaration_url,
            "fee": draft.fee if draft.editable else None,
            "sent_fee": None if draft.editable else format_cents(draft.case.fee_cents),
            "sent_fee_reason": draft.case.fee_reason,
        },
    )

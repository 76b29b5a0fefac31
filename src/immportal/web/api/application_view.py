"""The application as the API shows it: sections with states, pages asked, answers."""

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from immportal.domain.cases.case import Case
from immportal.domain.cases.status import CaseStatus
from immportal.domain.catalogue import (
    DECLARATION,
    Page,
    SectionState,
    is_complete,
    page_complete,
    pages,
    problems,
    section_state,
)
from immportal.services.cases.applications import SIGNATURE_SECTION, is_signed
from immportal.services.cases.files import CaseFile
from immportal.web.apply.common import Draft


class Choice(BaseModel):
    """One answer a choice question offers."""

    model_config = ConfigDict(frozen=True)

    value: str
    label: str


class QuestionInfo(BaseModel):
    """One question of a page."""

    model_config = ConfigDict(frozen=True)

    name: str
    label: str
    hint: str
    kind: str = Field(description="text, date, email, tel, choice, number …")
    required: bool
    choices: list[Choice]


class PageInfo(BaseModel):
    """A page asked given the answers so far."""

    model_config = ConfigDict(frozen=True)

    id: str
    section: str
    title: str
    hint: str
    complete: bool
    questions: list[QuestionInfo]


class SectionInfo(BaseModel):
    """A section of the form as the task list shows it."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    hint: str
    state: SectionState
    pages: list[str] = Field(description="The ids of the section's pages asked so far.")


class Signature(BaseModel):
    """The applicant's typed signature, given since the answers last changed."""

    model_config = ConfigDict(frozen=True)

    full_name: str
    signed_at: datetime


class Application(BaseModel):
    """A case's application: sections, pages asked so far, answers, and what stops it."""

    model_config = ConfigDict(frozen=True)

    case_id: UUID
    form_type: str
    form_title: str
    status: CaseStatus
    editable: bool = Field(description="Only a draft can be changed.")
    complete: bool = Field(description="Every asked page is answered and no rule stops it.")
    problems: list[str] = Field(description="What stops the application, across pages.")
    next_page: str | None = Field(description="The first asked page still to answer.")
    sections: list[SectionInfo]
    pages: list[PageInfo]
    answers: dict[str, dict[str, Any]] = Field(description="Saved answers by section.")
    signature: Signature | None
    declaration: str = Field(description="The statement the applicant signs.")
    version: int


def _page_info(page: Page, case: Case | CaseFile) -> PageInfo:
    questions = [
        QuestionInfo(
            name=q.name,
            label=q.label,
            hint=q.hint,
            kind=q.kind,
            required=q.required,
            choices=[Choice(value=value, label=label) for value, label in q.choices],
        )
        for q in page.questions
    ]
    complete = page_complete(page, case.answers)
    return PageInfo(
        id=page.id,
        section=page.section,
        title=page.title,
        hint=page.hint,
        complete=complete,
        questions=questions,
    )


def signature_of(case: Case | CaseFile) -> Signature | None:
    if not is_signed(case):
        return None
    given = case.answers[SIGNATURE_SECTION]
    return Signature(full_name=given["full_name"], signed_at=given["signed_at"])


def application_of(draft: Draft) -> Application:
    """The application as the task list and check-answers pages show it."""
    case, form = draft.case, draft.form
    asked = pages(form, case.answers)
    sections = [
        SectionInfo(
            id=s.id,
            title=s.title,
            hint=s.hint,
            state=section_state(form, s.id, case.answers),
            pages=[p.id for p in asked if p.section == s.id],
        )
        for s in form.sections
        if any(p.section == s.id for p in asked)
    ]
    pending = next((p.id for p in asked if not page_complete(p, case.answers)), None)
    return Application(
        case_id=draft.case_id,
        form_type=case.form_type,
        form_title=form.title,
        status=case.status,
        editable=draft.editable,
        complete=is_complete(form, case.answers),
        problems=problems(form, case.answers),
        next_page=pending,
        sections=sections,
        pages=[_page_info(p, case) for p in asked],
        answers={k: dict(v) for k, v in case.answers.items() if k != SIGNATURE_SECTION},
        signature=signature_of(case),
        declaration=DECLARATION,
        version=case.version,
    )

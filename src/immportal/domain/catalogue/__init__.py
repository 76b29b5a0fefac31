"""The catalogue of application forms: sections, question pages, conditions and checks.

Pure: pydantic and the standard library only. The filing pages use it so:

- `form_for(case.form_type)` gives the `Form`: `.sections` (task list), `.pages`,
  `.page(id)`, `.summary`, and `DECLARATION` is the statement to confirm;
- `pages(form, answers)` lists the pages asked given the answers so far;
  `next_page(form, answers, after=page_id)` is where "Save and continue" goes;
- `validate_page(form, page_id, request_form)` returns the clean answers to save with
  `Case.save_answers(actor, page.section, clean)`, or a plain message per field; a date
  comes as three boxes (`dates.part_name(name, "month")`…) or one text, and
  `as_typed(page.model, request_form)` is what to show again with the messages;
- `section_state(form, section_id, answers)` for the task list; `summary_rows(...)`
  and `problems(...)` for check answers; `is_complete(...)` before the declaration;
- `documents_needed(form, answers)` lists what to upload for the answers given (the
  documents page's checklist), and `form.edition_label` the paper form's edition.
"""

from immportal.domain.catalogue import dates
from immportal.domain.catalogue.common import DECLARATION
from immportal.domain.catalogue.fields import as_typed
from immportal.domain.catalogue.flow import (
    AnswerRow,
    SectionState,
    is_complete,
    next_page,
    page_complete,
    pages,
    problems,
    saved_answers,
    section_state,
    summary_rows,
    validate_page,
)
from immportal.domain.catalogue.model import (
    Answers,
    DocumentNeed,
    Form,
    Page,
    Question,
    Section,
    documents_needed,
)
from immportal.domain.catalogue.registry import FORMS, form_for
from immportal.domain.catalogue.words import shown

__all__ = [
    "DECLARATION",
    "FORMS",
    "AnswerRow",
    "Answers",
    "DocumentNeed",
    "Form",
    "Page",
    "Question",
    "Section",
    "SectionState",
    "as_typed",
    "dates",
    "documents_needed",
    "form_for",
    "is_complete",
    "next_page",
    "page_complete",
    "pages",
    "problems",
    "saved_answers",
    "section_state",
    "shown",
    "summary_rows",
    "validate_page",
]

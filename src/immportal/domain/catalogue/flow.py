"""Walking a form: which pages apply, how far each section is, and checking one page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import ValidationError

from immportal.domain.cases.forms import FormType
from immportal.domain.catalogue.fields import PageModel, as_typed, extra_of
from immportal.domain.catalogue.model import Answers, Form, Page
from immportal.domain.catalogue.registry import form_for
from immportal.domain.catalogue.words import shown
from immportal.domain.identifiers.phone import display_phone
from immportal.formatting import long_date
from immportal.i18n import _, babel_locale

FormRef = Form | FormType | str


class SectionState(StrEnum):
    """How far a section is, as the task list shows it."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


@dataclass(frozen=True)
class AnswerRow:
    """One answer as the check-answers page lists it, with the page to change it on."""

    section: str
    page_id: str
    question: str
    label: str
    value: str


def pages(form: FormRef, answers: Answers) -> list[Page]:
    """The pages asked, in order, given the answers so far."""
    return [page for page in form_for(form).pages if page.applies(answers)]


def validate_page(
    form: FormRef, page_id: str, raw: dict[str, str], *, today: date | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """Check one page as typed: (clean answers to save, {}) or ({}, a message per field)."""
    model = form_for(form).page(page_id).model
    typed = {name: value.strip() for name, value in as_typed(model, raw).items() if value.strip()}
    try:
        valid = model.model_validate(typed, context={"today": today, "page": typed})
    except ValidationError as error:
        return {}, _messages(model, error)
    return valid.model_dump(), {}


def saved_answers(page: Page, answers: Answers) -> dict[str, Any]:
    """What was saved for the page's questions (unanswered ones left out)."""
    stored = answers.get(page.section, {})
    return {n: stored[n] for n in page.model.model_fields if stored.get(n) not in (None, "")}


def page_complete(page: Page, answers: Answers, *, today: date | None = None) -> bool:
    """Whether the saved answers of a page are all there and still valid."""
    typed = {name: str(value) for name, value in saved_answers(page, answers).items()}
    try:
        page.model.model_validate(typed, context={"today": today, "page": typed})
    except ValidationError:
        return False
    return True


def section_state(
    form: FormRef, section: str, answers: Answers, *, today: date | None = None
) -> SectionState:
    """Not started (nothing answered), completed (every page it asks is valid) or in progress."""
    asked = [page for page in pages(form, answers) if page.section == section]
    if not any(saved_answers(page, answers) for page in asked):
        return SectionState.NOT_STARTED
    if all(page_complete(page, answers, today=today) for page in asked):
        return SectionState.COMPLETED
    return SectionState.IN_PROGRESS


def next_page(form: FormRef, answers: Answers, after: str | None = None) -> Page | None:
    """The page asked after `after` (the first page when None); None after the last one."""
    asked = pages(form, answers)
    if after is None:
        return asked[0] if asked else None
    ids = [page.id for page in asked]
    if after not in ids:
        later = [p for p in form_for(form).pages[_index(form, after) + 1 :] if p.applies(answers)]
        return later[0] if later else None
    position = ids.index(after) + 1
    return asked[position] if position < len(asked) else None


def problems(form: FormRef, answers: Answers) -> list[str]:
    """What stops the application as answered (rules across pages), in plain words."""
    found = (rule(answers) for rule in form_for(form).rules)
    return [shown(message) for message in found if message]


def is_complete(form: FormRef, answers: Answers, *, today: date | None = None) -> bool:
    """Whether every asked page is answered and no rule stops the application."""
    asked = pages(form, answers)
    done = all(page_complete(page, answers, today=today) for page in asked)
    return done and not problems(form, answers)


def summary_rows(form: FormRef, answers: Answers) -> list[AnswerRow]:
    """Every asked question with its answer as a person reads it, in form order."""
    rows = []
    for page in pages(form, answers):
        stored = answers.get(page.section, {})
        for question in page.questions:
            value = _shown(stored.get(question.name), dict(question.choices), question.kind)
            rows.append(AnswerRow(page.section, page.id, question.name, question.label, value))
    return rows


def _shown(value: Any, choices: dict[str, str], kind: str) -> str:
    if value is None or value == "":
        return ""
    if kind == "checkboxes":
        return ", ".join(choices.get(part, part) for part in str(value).split(","))
    if choices:
        return choices.get(str(value), str(value))
    if kind == "date":
        return long_date(date.fromisoformat(str(value)), babel_locale())
    if kind == "tel":
        return display_phone(str(value))
    return str(value)


def _index(form: FormRef, page_id: str) -> int:
    return [page.id for page in form_for(form).pages].index(page_id)


def _messages(model: type[PageModel], error: ValidationError) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in error.errors():
        name = str(item["loc"][0]) if item["loc"] else ""
        if name in model.model_fields and name not in found:
            found[name] = _message(model, name, item["type"], str(item["msg"]), item.get("ctx"))
    # In the order the page asks, so the error summary reads top to bottom.
    return {name: found[name] for name in model.model_fields if name in found}


def _message(
    model: type[PageModel], name: str, kind: str, text: str, ctx: dict[str, Any] | None
) -> str:
    info = model.model_fields[name]
    extra = extra_of(info)
    # In the reader's language; a message a check already translated is kept as it is.
    if kind == "missing":
        return shown(str(extra["required"]))
    if kind == "value_error":
        return shown(text.removeprefix("Value error, "))
    if kind == "string_too_long" and ctx:
        return _(
            "%(label)s must be %(most)s characters or fewer",
            label=shown(str(info.title)),
            most=ctx["max_length"],
        )
    if kind.startswith("int_"):
        noun = shown(str(extra.get("noun", info.title)))
        return _("%(noun)s must be a whole number, like 3", noun=noun)
    return shown(str(extra.get("required") or text))

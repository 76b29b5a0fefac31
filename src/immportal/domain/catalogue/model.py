"""What a form is made of: ordered sections, their question pages, and the questions."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from immportal.domain.cases.forms import FormType
from immportal.domain.catalogue.fields import PageModel, extra_of
from immportal.domain.catalogue.words import country_choices, shown

Answers = Mapping[str, Mapping[str, Any]]
"""Saved answers by section id, then by question name (as `Case.answers` holds them)."""
Condition = Callable[[Answers], bool]
Rule = Callable[[Answers], "str | None"]
"""A check across pages: a message saying what stops the application, or None."""


@dataclass(frozen=True)
class DocumentNeed:
    """A document to upload, as the documents page's checklist shows it.

    `kind` is a `domain.evidence.document_kinds.DocumentType` value; `label` says what
    to upload and `why` which answer (or rule of the form) asks for it, in plain words.
    """

    kind: str
    label: str
    why: str


@dataclass(frozen=True)
class DocumentRule:
    """A document a page or a whole form asks for, when its condition holds."""

    need: DocumentNeed
    when: Condition | None = None

    def applies(self, answers: Answers) -> bool:
        """Whether the answers call for the document."""
        return self.when is None or self.when(answers)


def needs(kind: str, label: str, why: str, when: Condition | None = None) -> DocumentRule:
    """A document rule: upload `label` (of type `kind`) because `why`, when `when` holds."""
    return DocumentRule(DocumentNeed(kind, label, why), when)


@dataclass(frozen=True)
class Question:
    """One question as a page shows it, in the reader's language."""

    name: str
    label: str
    hint: str
    kind: str
    required: bool
    choices: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Page:
    """One thing per page: a heading and the few questions that belong together."""

    id: str
    section: str
    title: str
    model: type[PageModel]
    condition: Condition | None = None
    hint: str = ""
    documents: tuple[DocumentRule, ...] = ()
    """What to upload once the page is asked (each rule may also need an answer)."""

    def applies(self, answers: Answers) -> bool:
        """Whether the page is asked, given the answers so far."""
        return self.condition is None or self.condition(answers)

    @property
    def questions(self) -> tuple[Question, ...]:
        """The page's questions, in order."""
        return tuple(_question(name, info) for name, info in self.model.model_fields.items())


def _question(name: str, info: Any) -> Question:
    # In the reader's language: the page is read while a request (or a notice) sets it.
    extra = extra_of(info)
    choices = tuple((str(value), shown(str(label))) for value, label in extra.get("choices", ()))
    if extra.get("kind") == "country":
        choices = country_choices(choices)
    return Question(
        name=name,
        label=shown(info.title or name),
        hint=shown(info.description or ""),
        kind=str(extra.get("kind", "text")),
        required=extra.get("required") is not None,
        choices=choices,
    )


@dataclass(frozen=True)
class Section:
    """A part of the form, as the task list shows it."""

    id: str
    title: str
    hint: str


@dataclass(frozen=True)
class Form:
    """A form of the catalogue: its sections in order and every page it may ask."""

    form_type: FormType
    sections: tuple[Section, ...]
    pages: tuple[Page, ...]
    summary: str
    rules: tuple[Rule, ...] = ()
    edition: date | None = None
    """The edition date of the paper form whose items the pages ask (printed on each page)."""
    documents: tuple[DocumentRule, ...] = ()
    """What to upload whatever page is asked (photos), each rule maybe on a condition."""
    by_id: dict[str, Page] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id = {page.id: page for page in self.pages}
        sections = {section.id for section in self.sections}
        if len(by_id) != len(self.pages):
            raise ValueError(f"{self.form_type}: two pages share an id")
        if stray := {page.section for page in self.pages} - sections:
            raise ValueError(f"{self.form_type}: pages in unknown sections {sorted(stray)}")
        # The flow goes from page to page within a section: its pages must follow each other.
        runs = [
            page.section
            for index, page in enumerate(self.pages)
            if index == 0 or self.pages[index - 1].section != page.section
        ]
        if runs != [section.id for section in self.sections]:
            raise ValueError(f"{self.form_type}: pages not grouped in section order: {runs}")
        for section in self.sections:
            names = [n for p in self.pages if p.section == section.id for n in p.model.model_fields]
            if len(names) != len(set(names)):
                raise ValueError(f"{self.form_type}: a question repeats in section {section.id}")
        object.__setattr__(self, "by_id", by_id)

    @property
    def title(self) -> str:
        """The form's official title."""
        return self.form_type.title

    @property
    def edition_label(self) -> str:
        """The edition as the agency prints it in each page's footer (08/21/25), or ""."""
        return self.edition.strftime("%m/%d/%y") if self.edition else ""

    def page(self, page_id: str) -> Page:
        """A page by id; KeyError if the form has no such page."""
        return self.by_id[page_id]

    def section(self, section_id: str) -> Section:
        """A section by id; KeyError if the form has no such section."""
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)


def documents_needed(form: Form, answers: Answers) -> list[DocumentNeed]:
    """What to upload for the answers given: the form's own needs, then each asked page's,
    in form order, each document once, its words in the reader's language (a reason the
    catalogue composed, "You apply under category (c)(8).", translated as its pattern)."""
    rules = [*form.documents]
    for page in form.pages:
        if page.applies(answers):
            rules.extend(page.documents)
    found: dict[tuple[str, str], DocumentNeed] = {}
    for rule in rules:
        if rule.applies(answers):
            found.setdefault((rule.need.kind, rule.need.label), rule.need)
    return [DocumentNeed(n.kind, shown(n.label), shown(n.why)) for n in found.values()]


def answered(section: str, name: str, *values: str) -> Condition:
    """A condition: the question was answered with one of the values."""
    chosen = frozenset(values)
    return lambda answers: answers.get(section, {}).get(name) in chosen


def ticked(section: str, name: str, value: str) -> Condition:
    """A condition: a checkboxes question has `value` among its ticked options."""

    def holds(answers: Answers) -> bool:
        saved = answers.get(section, {}).get(name)
        return isinstance(saved, str) and value in saved.split(",")

    return holds


def at_least(section: str, name: str, least: int) -> Condition:
    """A condition: a number question was answered with `least` or more."""

    def holds(answers: Answers) -> bool:
        value = answers.get(section, {}).get(name)
        return isinstance(value, int) and value >= least

    return holds


def any_of(*conditions: Condition) -> Condition:
    """A condition: at least one of the conditions holds."""
    return lambda answers: any(condition(answers) for condition in conditions)


def all_of(*conditions: Condition) -> Condition:
    """A condition: every one of the conditions holds."""
    return lambda answers: all(condition(answers) for condition in conditions)


def not_(condition: Condition) -> Condition:
    """A condition: the condition does not hold."""
    return lambda answers: not condition(answers)


def today() -> date:
    """Today's date where the portal runs (rules compare dates of birth to it)."""
    return datetime.now().date()


def is_adult(born: str, years: int, on: date) -> bool:
    """Whether someone born on the ISO date `born` is at least `years` old on `on`."""
    birth = date.fromisoformat(born)
    had_birthday = (on.month, on.day) >= (birth.month, birth.day)
    return on.year - birth.year - (0 if had_birthday else 1) >= years

"""Every word of the four forms reaches the catalog: each text a person reads is in messages.pot.

Walks the catalogue as built (sections, pages, each question's label, hint, options and
messages, the documents each page and form asks for) and looks each text up in the
extracted template. A text the catalogue composes from parts ("Trip 2: Date you left") is
looked up as its pattern and its parts. Country and state lists are names from ISO 3166
and the USPS, translated by Babel's territory names, not by the catalog.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import immportal
from immportal.domain.cases.forms import FormType
from immportal.domain.catalogue import FORMS
from immportal.domain.catalogue.fields import extra_of
from immportal.domain.catalogue.words import composed_parts
from immportal.i18n import use_language

POT = Path(immportal.__file__).parent / "locale" / "messages.pot"
LISTS = frozenset({"country", "state"})
"""Kinds whose options are names of places, not words of ours."""


def _template() -> set[str]:
    with POT.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


def _texts(form_type: str) -> Iterator[tuple[str, str]]:
    """(where, text) for every text of the form a person may read."""
    form = FORMS[FormType(form_type)]
    yield "summary", form.summary
    for section in form.sections:
        yield f"section {section.id}", section.title
        yield f"section {section.id} hint", section.hint
    rules = [*form.documents, *(rule for page in form.pages for rule in page.documents)]
    for rule in rules:
        yield f"document {rule.need.kind}", rule.need.label
        yield f"document {rule.need.kind} why", rule.need.why
    for page in form.pages:
        yield f"page {page.id}", page.title
        yield f"page {page.id} hint", page.hint
        for name, info in page.model.model_fields.items():
            extra = extra_of(info)
            where = f"{page.id}.{name}"
            yield where, info.title or ""
            yield f"{where} hint", info.description or ""
            yield f"{where} required", str(extra.get("required") or "")
            yield f"{where} noun", str(extra.get("noun") or "")
            if extra.get("kind") not in LISTS:
                for _value, label in extra.get("choices", ()):
                    yield f"{where} option", str(label)


def _unmarked(text: str, template: set[str]) -> list[str]:
    """The parts of `text` missing from the template (none when it is all there)."""
    if not text or text in template:
        return []
    parts = composed_parts(text)
    if parts is None:
        return [text]
    pattern, values = parts
    missing = [] if pattern in template else [pattern]
    for value in values.values():
        # Numbers and category codes ("(c)(8)") are data, not words.
        if not (value.isdigit() or value.startswith("(")):
            missing.extend(_unmarked(value, template))
    return missing


@pytest.mark.parametrize("form_type", sorted(f.value for f in FORMS))
def test_every_text_of_the_form_is_in_the_template(form_type: str) -> None:
    """No label, hint, option, message, title or document of the form escapes the catalog."""
    template = _template()
    with use_language("en"):
        missing = {
            (where, part) for where, text in _texts(form_type) for part in _unmarked(text, template)
        }
    assert set() == missing


def test_a_text_missing_from_the_template_is_found() -> None:
    """The walk would notice a label nobody marked (the check can fail)."""
    assert ["A label nobody marked"] == _unmarked("A label nobody marked", _template())

"""Complete, realistic answers for demonstration cases: every page a filer is asked on
one path through each form, typed as a person would and checked by the catalogue.

`filled_answers(form_type, filer)` gives the answers by section, as saved; the typical
paths are an I-765 for optional practical training, an I-130 for a husband abroad, an
N-400 after five years of residence and an I-90 for a lost card (answers_paths.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from immportal.dev.demo.answers_paths import PATHS, Typed
from immportal.domain.cases.forms import FormType
from immportal.domain.catalogue import form_for, validate_page


class DemoAnswersInvalid(ValueError):
    """A demonstration page does not pass the catalogue's checks (a bug in the demo data)."""


@dataclass(frozen=True)
class Filer:
    """Who fills the form in: their name, birth, sex ("female" or "male"), contact and home."""

    given_name: str
    family_name: str
    date_of_birth: date
    sex: str
    email: str | None
    phone: str
    line1: str
    city: str
    state: str
    postal_code: str

    def typed(self) -> dict[str, dict[str, str]]:
        """The pages every form asks about the filer, typed as they would."""
        return {
            "name": {"given_name": self.given_name, "family_name": self.family_name},
            "date_of_birth": {"date_of_birth": f"{self.date_of_birth:%m/%d/%Y}"},
            "email_phone": {"email": self.email or "", "phone": self.phone},
            "mailing_address": {
                "line1": self.line1,
                "city": self.city,
                "state": self.state,
                "postal_code": self.postal_code,
                "country": "United States",
            },
            "lives_at_mailing": {"lives_at_mailing_address": "yes"},
            # The I-130's husband will live with the filer, and is married to her.
            "relative_us_address": {
                "intended_line1": self.line1,
                "intended_city": self.city,
                "intended_state": self.state,
                "intended_zip": self.postal_code,
            },
            "relative_spouse_1": {
                "relative_spouse_1_given_name": self.given_name,
                "relative_spouse_1_family_name": self.family_name,
            },
        }


def typed_pages(form_type: FormType | str, filer: Filer) -> list[tuple[str, dict[str, str]]]:
    """The pages of the form's demonstration path, in order, as typed."""
    own = filer.typed()
    path: Typed = PATHS[FormType(form_type)]
    pages = [(page_id, own.get(page_id, raw)) for page_id, raw in path]
    return [(page_id, raw | {"sex": filer.sex} if "sex" in raw else raw) for page_id, raw in pages]


def filled_answers(
    form_type: FormType | str, filer: Filer, *, today: date | None = None
) -> dict[str, dict[str, Any]]:
    """The form's answers by section, each page checked as the filing page checks it."""
    form = form_for(form_type)
    answers: dict[str, dict[str, Any]] = {}
    for page_id, raw in typed_pages(form_type, filer):
        clean, errors = validate_page(form, page_id, raw, today=today)
        if errors:
            raise DemoAnswersInvalid(f"{form.form_type} page {page_id}: {errors}")
        section = form.page(page_id).section
        answers[section] = {**answers.get(section, {}), **clean}
    return answers

"""Complete, valid applications to file in tests: each form page by page, as typed.

Every form is filled for Ana Lopez (born March 27 1990), so one signature signs them all.
`FILLED` holds each form's typical path (the I-130's and N-400's pages in filled_family);
form_scenarios.PATHS adds the other paths, which between them ask every page of the form
(tests/unit/catalogue/test_complete_forms.py walks them).
"""

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from immportal.domain.actor import Actor
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.domain.catalogue import form_for, next_page, validate_page
from immportal.services.cases.applications import SIGNATURE_SECTION
from testkit.filled_family import I130_PAGES, N400_PAGES
from testkit.filled_parts import BIRTH, CONTACT, DESCRIPTION, NAME, NO_HELP, Pages

SIGNED_BY = "Ana Lopez"
WALKED_ON = date(2026, 12, 1)
"""The day the walks are checked on (every date below is before it)."""

# Form I-765 under category (c)(3)(B), optional practical training: page by page.
I765_PAGES: Pages = [
    NAME,
    BIRTH,
    ("other_names", {"other_names_count": "0"}),
    (
        "birth_place",
        {"birth_city": "Guadalajara", "birth_region": "Jalisco", "birth_country": "Mexico"},
    ),
    ("sex_marital", {"sex": "female", "marital_status": "single"}),
    ("citizenship", {"citizenship_country": "Mexico", "second_citizenship_country": ""}),
    ("numbers", {"a_number": "", "uscis_account_number": "", "ssn": ""}),
    *CONTACT,
    ("reason", {"reason": "initial"}),
    ("filed_before", {"filed_before": "no"}),
    ("category", {"category": "c3b"}),
    ("travel_document", {"travel_document": "passport"}),
    (
        "passport",
        {
            "passport_number": "G12345678",
            "passport_country": "Mexico",
            "passport_expiry": "05/09/2031",
        },
    ),
    (
        "arrival",
        {"last_arrival_on": "2020-01-15", "i94_number": "12345678901", "current_status": "F-1"},
    ),
    ("arrival_place", {"last_arrival_place": "Boston, MA", "status_at_arrival": "F-1 student"}),
    ("sevis", {"sevis_number": "N0012345678"}),
    *NO_HELP,
]
# Form I-90 for a lost 10-year card.
I90_PAGES: Pages = [
    NAME,
    BIRTH,
    ("birth_place", {"birth_city": "Guadalajara", "birth_country": "Mexico", "sex": "female"}),
    ("parents", {"mother_given_name": "Rosa", "father_given_name": "Jorge"}),
    *CONTACT,
    ("card_details", {"a_number": "A201234567", "status": "permanent_resident"}),
    ("admission", {"class_of_admission": "F21", "admitted_on": "2017-02-10"}),
    ("name_changed", {"name_changed": "no"}),
    ("reason", {"reason": "lost"}),
    (
        "lost_card",
        {"lost_on": "2026-09-14", "lost_where": "Boston, United States", "police_report": "yes"},
    ),
    (
        "where_applied",
        {"visa_applied_at": "Ciudad Juarez", "visa_issued_at": "Ciudad Juarez"},
    ),
    ("immigrant_visa", {"entered_with_visa": "yes"}),
    ("visa_admission", {"destination": "Boston, MA", "port_of_entry": "Boston, MA"}),
    ("history", {"removal_proceedings": "no", "abandoned_status": "no"}),
    DESCRIPTION,
    ("accommodation", {"accommodation": "no"}),
    *NO_HELP,
]

FILLED: dict[FormType, Pages] = {
    FormType.I765: I765_PAGES,
    FormType.I130: I130_PAGES,
    FormType.N400: N400_PAGES,
    FormType.I90: I90_PAGES,
}


def answers_of(pages: Pages, page_id: str) -> dict[str, str]:
    """A copy of what the filled pages type on one page."""
    return dict(next(raw for found, raw in pages if found == page_id))


def pages_in(form_type: FormType | str, pages: Pages, *sections: str) -> Pages:
    """The filled pages that belong to the given sections of the form, in order."""
    form = form_for(form_type)
    return [(page_id, raw) for page_id, raw in pages if form.page(page_id).section in sections]


def changed(pages: Pages, **replaced: Mapping[str, str]) -> Pages:
    """The pages with some pages' answers replaced (page id=answers), others kept."""
    return [(page_id, dict(replaced.get(page_id, raw))) for page_id, raw in pages]


def clean_answers(form_type: FormType | str, pages: Pages) -> dict[str, dict[str, Any]]:
    """The answers as saved: each page checked as the filing page checks it, by section."""
    form = form_for(form_type)
    answers: dict[str, dict[str, Any]] = {}
    for page_id, raw in pages:
        clean, errors = validate_page(form, page_id, raw, today=WALKED_ON)
        assert {} == errors, (page_id, errors)
        section = form.page(page_id).section
        answers[section] = {**answers.get(section, {}), **clean}
    return answers


def walk(form_type: FormType | str, typed: Mapping[str, Mapping[str, str]]) -> list[str]:
    """Fill the form as a person does, each next page asked in turn with its typed answers;
    return the pages asked, in order (KeyError names a page asked but not filled)."""
    form = form_for(form_type)
    answers: dict[str, dict[str, Any]] = {}
    asked: list[str] = []
    page = next_page(form, answers)
    while page is not None:
        clean, errors = validate_page(form, page.id, dict(typed[page.id]), today=WALKED_ON)
        assert {} == errors, (page.id, errors)
        answers[page.section] = {**answers.get(page.section, {}), **clean}
        asked.append(page.id)
        page = next_page(form, answers, after=page.id)
    return asked


def fill(case: Case, actor: Actor, *, signed: bool = True) -> None:
    """Answer every page of a draft as a person would (its form's typical path), and sign
    it unless told not to."""
    form = form_for(case.form_type)
    for section, answers in clean_answers(form.form_type, FILLED[form.form_type]).items():
        case.save_answers(actor, section, answers)
    if signed:
        signature = {"full_name": SIGNED_BY, "signed_at": datetime.now(UTC).isoformat()}
        case.save_answers(actor, SIGNATURE_SECTION, signature)


def fill_i765(case: Case, actor: Actor, *, signed: bool = True) -> None:
    """Answer every page of a draft I-765 and sign it unless told not to."""
    fill(case, actor, signed=signed)

"""Form N-400, Application for Naturalization, edition 01/20/25: every item an applicant
answers (Parts 1 to 13; Part 14's additional information is asked where it belongs, and
Parts 15 and 16 are signed at the interview and the ceremony)."""

from __future__ import annotations

from datetime import date

from immportal.domain.cases.forms import FormType
from immportal.domain.catalogue.common import (
    APPLICANT,
    CONTACT,
    STATEMENT,
    about_you_pages,
    contact_pages,
    statement_pages,
)
from immportal.domain.catalogue.common.history import (
    address_history_pages,
    address_history_rules,
    job_rules,
)
from immportal.domain.catalogue.model import Answers, Form, is_adult, today
from immportal.domain.catalogue.n400.about import (
    ELIGIBILITY,
    RESIDENCE,
    about_pages,
    eligibility_pages,
    residence_pages,
)
from immportal.domain.catalogue.n400.character import CHARACTER, character_pages
from immportal.domain.catalogue.n400.crimes import crime_pages
from immportal.domain.catalogue.n400.documents import DOCUMENTS
from immportal.domain.catalogue.n400.family import (
    CHILDREN,
    MARRIAGE,
    children_pages,
    marriage_pages,
)
from immportal.domain.catalogue.n400.fee import FEE, fee_pages
from immportal.domain.catalogue.n400.oath import oath_pages
from immportal.domain.catalogue.n400.travel import (
    TRAVEL,
    WORK,
    YEARS,
    trip_pages,
    trip_rules,
    work_pages,
)
from immportal.domain.catalogue.rules import dates_in_order
from immportal.i18n import N_

EDITION = date(2025, 1, 20)
ADULT = 18


def adult(answers: Answers) -> str | None:
    """Only someone 18 or older applies for naturalization on this form (INA 334(b))."""
    born = answers.get(APPLICANT.id, {}).get("date_of_birth")
    if isinstance(born, str) and not is_adult(born, ADULT, today()):
        return N_("You must be at least 18 years old to apply for naturalization on this form")
    return None


FORM = Form(
    FormType.N400,
    sections=(
        APPLICANT,
        CONTACT,
        ELIGIBILITY,
        RESIDENCE,
        MARRIAGE,
        CHILDREN,
        WORK,
        TRAVEL,
        CHARACTER,
        FEE,
        STATEMENT,
    ),
    pages=(
        *about_you_pages(),
        *about_pages(),
        *contact_pages(),
        *address_history_pages(CONTACT.id, years=YEARS),
        *eligibility_pages(),
        *residence_pages(),
        *marriage_pages(),
        *children_pages(),
        *work_pages(),
        *trip_pages(),
        *character_pages(),
        *crime_pages(),
        *oath_pages(),
        *fee_pages(),
        *statement_pages(),
    ),
    summary=N_("Apply to become a U.S. citizen."),
    rules=(
        adult,
        dates_in_order(
            (APPLICANT.id, "date_of_birth"),
            (RESIDENCE.id, "resident_since"),
            N_("The date you became a permanent resident must be after your date of birth"),
        ),
        *address_history_rules(CONTACT.id),
        *job_rules(WORK.id),
        *trip_rules(),
    ),
    edition=EDITION,
    documents=DOCUMENTS,
)

__all__ = ["EDITION", "FORM"]

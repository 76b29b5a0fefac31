"""Form I-765, Application for Employment Authorization, edition 08/21/25: every item a
filer answers (Parts 1 to 5; the additional information of Part 6 goes where it belongs).

This edition no longer asks for a Social Security card (the earlier editions' items
14 to 17): answers saved under the old social_security section are kept, not asked.
"""

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
from immportal.domain.catalogue.i765.about import REASON, about_pages, reason_pages
from immportal.domain.catalogue.i765.arrival import IMMIGRATION, arrival_pages
from immportal.domain.catalogue.i765.categories import CATEGORIES
from immportal.domain.catalogue.i765.eligibility import ELIGIBILITY, asylum_wait, eligibility_pages
from immportal.domain.catalogue.model import Answers, Form, answered, needs, not_
from immportal.domain.catalogue.rules import dates_in_order
from immportal.domain.evidence.document_kinds import DocumentType
from immportal.domain.identifiers.countries import UNITED_STATES
from immportal.i18n import N_

EDITION = date(2025, 8, 21)


def mailing_in_us(answers: Answers) -> str | None:
    """The I-765 sends the card to a U.S. mailing address only (item 5)."""
    country = answers.get(CONTACT.id, {}).get("country")
    if isinstance(country, str) and country != UNITED_STATES:
        return N_("Your mailing address must be in the United States for this application")
    return None


FORM = Form(
    FormType.I765,
    sections=(APPLICANT, CONTACT, REASON, ELIGIBILITY, IMMIGRATION, STATEMENT),
    pages=(
        *about_you_pages(),
        *about_pages(),
        *contact_pages(),
        *reason_pages(),
        *eligibility_pages(),
        *arrival_pages(),
        *statement_pages(),
    ),
    summary=N_(
        "Ask for permission to work in the United States (an employment authorization card)."
    ),
    rules=(
        dates_in_order(
            (APPLICANT.id, "date_of_birth"),
            (IMMIGRATION.id, "last_arrival_on"),
            N_("The date you last arrived in the United States must be after your date of birth"),
        ),
        mailing_in_us,
        asylum_wait,
    ),
    edition=EDITION,
    documents=(
        needs(
            DocumentType.PHOTO,
            N_("Two identical color passport-style photos, taken in the last 30 days"),
            N_("Every applicant sends them for the card."),
        ),
        needs(
            DocumentType.I94,
            N_("Your I-94 record, passport or travel document"),
            N_("It shows how you came to the United States."),
            not_(answered(ELIGIBILITY.id, "category", "c9")),
        ),
    ),
)

__all__ = ["CATEGORIES", "EDITION", "FORM"]

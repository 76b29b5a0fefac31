"""Form I-90, Application to Replace Permanent Resident Card, edition 01/20/25: every
item a filer answers (Parts 1 to 7; Part 8's explanations are asked where they belong)."""

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
from immportal.domain.catalogue.i90.card import CARD, about_pages, card_pages
from immportal.domain.catalogue.i90.processing import PROCESSING, processing_pages
from immportal.domain.catalogue.i90.reason import (
    REASON,
    REASONS,
    conditional_reasons,
    reason_pages,
    turned_fourteen,
)
from immportal.domain.catalogue.model import Form
from immportal.domain.catalogue.rules import dates_in_order
from immportal.i18n import N_

EDITION = date(2025, 1, 20)

FORM = Form(
    FormType.I90,
    sections=(APPLICANT, CONTACT, CARD, REASON, PROCESSING, STATEMENT),
    pages=(
        *about_you_pages(),
        *about_pages(),
        *contact_pages(),
        *card_pages(),
        *reason_pages(),
        *processing_pages(),
        *statement_pages(),
    ),
    summary=N_("Replace a green card that was lost, damaged, is expiring, or shows old details."),
    rules=(
        dates_in_order(
            (APPLICANT.id, "date_of_birth"),
            (CARD.id, "admitted_on"),
            N_("The date you became a permanent resident must be after your date of birth"),
        ),
        conditional_reasons,
        turned_fourteen,
    ),
    edition=EDITION,
)

__all__ = ["EDITION", "FORM", "REASONS"]

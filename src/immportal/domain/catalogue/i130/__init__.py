"""Form I-130, Petition for Alien Relative, edition 04/01/24: every item a petitioner
answers (Parts 1 to 8; Part 9's additional information is asked where it belongs). The
husband's or wife's own Form I-130A is a separate form, listed among the uploads."""

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
from immportal.domain.catalogue.common.history import address_history_rules, job_rules
from immportal.domain.catalogue.i130.beneficiary import (
    BENEFICIARY,
    family_pages,
    identity_pages,
)
from immportal.domain.catalogue.i130.beneficiary import address_pages as relative_address_pages
from immportal.domain.catalogue.i130.documents import DOCUMENTS
from immportal.domain.catalogue.i130.entry import entry_pages
from immportal.domain.catalogue.i130.other import OTHER, other_pages
from immportal.domain.catalogue.i130.petitioner import (
    MARITAL_SECTION,
    WORK,
    address_pages,
    history_pages,
    petitioner_pages,
)
from immportal.domain.catalogue.i130.plans import plans_pages
from immportal.domain.catalogue.i130.relationship import (
    RELATIONSHIP,
    STATUS,
    relationship_pages,
    status_pages,
    who_may_petition,
)
from immportal.domain.catalogue.model import Answers, Form
from immportal.domain.catalogue.rules import dates_in_order
from immportal.i18n import N_

EDITION = date(2024, 4, 1)


def married_child(answers: Answers) -> str | None:
    """A permanent resident may petition for an unmarried son or daughter only (INA 203(a)(2))."""
    if answers.get(STATUS.id, {}).get("status") != "permanent_resident":
        return None
    if answers.get(RELATIONSHIP.id, {}).get("relation") != "child":
        return None
    if answers.get(BENEFICIARY.id, {}).get("marital_status") in ("married", "separated"):
        return N_(
            "A permanent resident cannot file for a married son or daughter. "
            "Only U.S. citizens can."
        )
    return None


FORM = Form(
    FormType.I130,
    sections=(
        APPLICANT,
        CONTACT,
        RELATIONSHIP,
        STATUS,
        MARITAL_SECTION,
        WORK,
        BENEFICIARY,
        OTHER,
        STATEMENT,
    ),
    pages=(
        *about_you_pages(),
        *petitioner_pages(),
        *contact_pages(),
        *address_pages(),
        *relationship_pages(),
        *status_pages(),
        *history_pages(),
        *identity_pages(),
        *relative_address_pages(),
        *family_pages(),
        *entry_pages(),
        *plans_pages(),
        *other_pages(),
        *statement_pages(),
    ),
    summary=(
        N_(
            "Ask for your husband or wife, child, parent, brother or sister "
            "to live in the United States."
        )
    ),
    rules=(
        who_may_petition,
        married_child,
        dates_in_order(
            (BENEFICIARY.id, "date_of_birth"),
            (BENEFICIARY.id, "arrived_on"),
            N_("The date your relative last arrived must be after their date of birth"),
        ),
        dates_in_order(
            (APPLICANT.id, "date_of_birth"),
            (STATUS.id, "admitted_on"),
            N_("The date you became a permanent resident must be after your date of birth"),
        ),
        *address_history_rules(CONTACT.id),
        *job_rules(WORK.id),
    ),
    edition=EDITION,
    documents=DOCUMENTS,
)

__all__ = ["EDITION", "FORM"]

"""What an N-400 applicant uploads besides what single answers ask for: the green card,
photos from abroad, and evidence for the basis, marriages, children and long trips."""

from __future__ import annotations

from datetime import date

from immportal.domain.catalogue.common import CONTACT
from immportal.domain.catalogue.entries import entry_name
from immportal.domain.catalogue.model import (
    Answers,
    DocumentRule,
    all_of,
    answered,
    any_of,
    at_least,
    needs,
)
from immportal.domain.catalogue.n400.about import ELIGIBILITY, MILITARY, SPOUSE_BASES
from immportal.domain.catalogue.n400.family import CHILDREN, CHILDREN_MOST, MARRIAGE, MARRIED_NOW
from immportal.domain.catalogue.n400.travel import TRAVEL, TRIPS_MOST
from immportal.domain.evidence.document_kinds import DocumentType as T
from immportal.domain.identifiers.countries import UNITED_STATES
from immportal.i18n import N_

LONG_TRIP_DAYS = 183
"""A trip of about six months or more puts continuous residence in question."""


def lives_abroad(answers: Answers) -> bool:
    """Whether the applicant lives outside the United States (where they live, else their
    mailing address)."""
    contact = answers.get(CONTACT.id, {})
    home = contact.get("home_country") if contact.get("lives_at_mailing_address") == "no" else None
    where = home or contact.get("country")
    return isinstance(where, str) and where != UNITED_STATES


def long_trip(answers: Answers) -> bool:
    """Whether any trip listed lasted six months or more."""
    trips = answers.get(TRAVEL.id, {})
    for number in range(1, TRIPS_MOST + 1):
        left = _day(trips.get(entry_name("trip", number, "left_on")))
        back = _day(trips.get(entry_name("trip", number, "returned_on")))
        if left and back and (back - left).days >= LONG_TRIP_DAYS:
            return True
    return False


def child_elsewhere(answers: Answers) -> bool:
    """Whether a son or daughter listed does not live with the applicant."""
    children = answers.get(CHILDREN.id, {})
    return any(
        children.get(entry_name("child", number, "lives")) == "elsewhere"
        for number in range(1, CHILDREN_MOST + 1)
    )


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


SPOUSE_BASIS = answered(ELIGIBILITY.id, "basis", *SPOUSE_BASES)

DOCUMENTS: tuple[DocumentRule, ...] = (
    needs(
        T.GREEN_CARD,
        N_("Both sides of your permanent resident card (green card)"),
        N_("Every applicant who is a permanent resident sends it."),
    ),
    needs(
        T.PHOTO,
        N_("Two identical color passport-style photos"),
        N_("You live outside the United States."),
        lives_abroad,
    ),
    needs(
        T.MILITARY_RECORD,
        N_("Form N-426, certified by your military unit"),
        N_("You apply because of your service in the U.S. armed forces."),
        answered(ELIGIBILITY.id, "basis", *MILITARY),
    ),
    needs(
        T.CITIZENSHIP_PROOF,
        N_(
            "Proof your husband or wife is a U.S. citizen: a U.S. birth certificate, passport, "
            "or certificate of naturalization or citizenship"
        ),
        N_("You apply as the husband or wife of a U.S. citizen."),
        SPOUSE_BASIS,
    ),
    needs(
        T.MARRIAGE_CERTIFICATE,
        N_("Your marriage certificate"),
        N_("You are married."),
        any_of(MARRIED_NOW, SPOUSE_BASIS),
    ),
    needs(
        T.DIVORCE_DECREE,
        N_(
            "Divorce decrees, annulments or death certificates ending every earlier marriage of "
            "you and your husband or wife"
        ),
        N_("You or your husband or wife were married before."),
        any_of(
            at_least(MARRIAGE.id, "times_married", 2),
            at_least(MARRIAGE.id, "spouse_times_married", 2),
        ),
    ),
    needs(
        T.RELATIONSHIP_EVIDENCE,
        N_(
            "Proof you have lived together for 3 years: joint tax returns, bank accounts, a lease "
            "or mortgage, your children's birth certificates"
        ),
        N_("You apply as the husband or wife of a U.S. citizen for 3 years."),
        answered(ELIGIBILITY.id, "basis", "married_three_years"),
    ),
    needs(
        T.OTHER,
        N_(
            "Proof of your husband's or wife's employment abroad, and that you will live in the "
            "United States when it ends"
        ),
        N_("Your husband or wife works abroad."),
        answered(ELIGIBILITY.id, "basis", "spouse_abroad"),
    ),
    needs(
        T.APPROVAL_NOTICE,
        N_("The approval of your Form I-360, or evidence of the abuse"),
        N_("You apply under the Violence Against Women Act."),
        answered(ELIGIBILITY.id, "basis", "vawa"),
    ),
    needs(
        T.SUPPORT_PAYMENTS,
        N_(
            "Proof that you support the children who do not live with you: a court order and "
            "payment records"
        ),
        N_("A child of yours does not live with you."),
        child_elsewhere,
    ),
    needs(
        T.RESIDENCE_PROOF,
        N_(
            "Proof you kept your home here during the long trip: tax returns, a lease or "
            "mortgage, your job, bank records"
        ),
        N_("One of your trips lasted six months or more."),
        all_of(at_least(TRAVEL.id, "trip_count", 1), long_trip),
    ),
)

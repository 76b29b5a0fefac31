"""What an I-130 petitioner uploads, by relationship and status (the form's instructions
list the evidence; nothing here is asked of every petitioner alike)."""

from __future__ import annotations

from immportal.domain.catalogue.i130.beneficiary import BENEFICIARY
from immportal.domain.catalogue.i130.petitioner import MARITAL_SECTION
from immportal.domain.catalogue.i130.relationship import RELATIONSHIP, STATUS
from immportal.domain.catalogue.model import (
    Condition,
    DocumentRule,
    all_of,
    answered,
    any_of,
    at_least,
    needs,
)
from immportal.domain.evidence.document_kinds import DocumentType as T
from immportal.i18n import N_


def _relation(*values: str) -> Condition:
    return answered(RELATIONSHIP.id, "relation", *values)


def _how(*values: str) -> Condition:
    return answered(RELATIONSHIP.id, "child_relation", *values)


SPOUSE = _relation("spouse")
CHILD = _relation("child")
PARENT = _relation("parent")
SIBLING = _relation("sibling")
MARRIED_BEFORE = any_of(
    at_least(MARITAL_SECTION.id, "times_married", 2),
    at_least(BENEFICIARY.id, "times_married", 2),
)
FATHER = answered(BENEFICIARY.id, "sex", "male")

DOCUMENTS: tuple[DocumentRule, ...] = (
    needs(
        T.CITIZENSHIP_PROOF,
        N_(
            "Proof you are a U.S. citizen: your U.S. birth certificate, passport, or certificate "
            "of naturalization or citizenship"
        ),
        N_("You petition as a U.S. citizen."),
        answered(STATUS.id, "status", "citizen"),
    ),
    needs(
        T.GREEN_CARD,
        N_("Both sides of your permanent resident card"),
        N_("You petition as a permanent resident."),
        answered(STATUS.id, "status", "permanent_resident"),
    ),
    needs(
        T.MARRIAGE_CERTIFICATE,
        N_("Your marriage certificate"),
        N_("You petition for a spouse."),
        SPOUSE,
    ),
    needs(
        T.DIVORCE_DECREE,
        N_(
            "Divorce decrees, annulments or death certificates ending every earlier marriage of "
            "you both"
        ),
        N_("You or your spouse were married before."),
        all_of(SPOUSE, MARRIED_BEFORE),
    ),
    needs(
        T.RELATIONSHIP_EVIDENCE,
        N_(
            "Evidence that your marriage is genuine: a joint lease or deed, joint bank accounts, "
            "children's birth certificates, photos"
        ),
        N_("You petition for a spouse."),
        SPOUSE,
    ),
    needs(
        T.PHOTO,
        N_("A passport-style photo of you and one of your husband or wife"),
        N_("You petition for a spouse."),
        SPOUSE,
    ),
    needs(
        T.SUPPLEMENT_FORM,
        N_("Form I-130A, with your husband's or wife's information"),
        N_("You petition for a spouse."),
        SPOUSE,
    ),
    needs(
        T.BIRTH_CERTIFICATE,
        N_("Your child's birth certificate, showing you as a parent"),
        N_("You petition for your child."),
        CHILD,
    ),
    needs(
        T.BIRTH_CERTIFICATE,
        N_("Your birth certificate, showing your parent's name"),
        N_("You petition for your parent."),
        PARENT,
    ),
    needs(
        T.BIRTH_CERTIFICATE,
        N_("Your birth certificate and your brother's or sister's, showing a parent you share"),
        N_("You petition for your brother or sister."),
        SIBLING,
    ),
    needs(
        T.MARRIAGE_CERTIFICATE,
        N_("Your parents' marriage certificate"),
        N_("You petition for your father, or for a brother or sister."),
        any_of(all_of(PARENT, FATHER, _how("in_wedlock")), SIBLING),
    ),
    needs(
        T.MARRIAGE_CERTIFICATE,
        N_("The marriage certificate of the parent and the stepparent"),
        N_("The relationship is through a stepparent."),
        all_of(_relation("child", "parent"), _how("stepchild")),
    ),
    needs(
        T.ADOPTION_DECREE,
        N_("The adoption decree, and proof of two years of custody and living together"),
        N_("The relationship is through adoption."),
        any_of(
            all_of(_relation("child", "parent"), _how("adopted")),
            all_of(SIBLING, answered(RELATIONSHIP.id, "related_by_adoption", "yes")),
        ),
    ),
    needs(
        T.RELATIONSHIP_EVIDENCE,
        N_("Evidence of a real parent-child relationship: support, letters, time lived together"),
        N_("The child was born when the parents were not married."),
        all_of(_relation("child", "parent"), _how("out_of_wedlock")),
    ),
    needs(
        T.ADOPTION_DECREE,
        N_("The adoption decree through which you became a resident or citizen"),
        N_("You became a resident or citizen through adoption."),
        answered(RELATIONSHIP.id, "status_through_adoption", "yes"),
    ),
    needs(
        T.NAME_CHANGE_RECORD,
        N_(
            "Proof of each other name you used: a marriage certificate, "
            "divorce decree or court order"
        ),
        N_("You have used other names."),
        at_least("applicant", "other_names_count", 1),
    ),
)

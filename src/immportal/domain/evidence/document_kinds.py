"""What a piece of evidence is (a passport, a birth certificate…), as forms ask for it.

Named DocumentType in code: `document.DocumentKind` already says why a file was sent
(with the application, or in answer to a request for evidence).
"""

from enum import StrEnum

from immportal.i18n import N_


class DocumentType(StrEnum):
    """A type of document the forms' checklists ask for and an upload may be labelled with."""

    PHOTO = "photo"
    PASSPORT = "passport"
    TRAVEL_DOCUMENT = "travel_document"
    PHOTO_ID = "photo_id"
    I94 = "i94"
    BIRTH_CERTIFICATE = "birth_certificate"
    MARRIAGE_CERTIFICATE = "marriage_certificate"
    DIVORCE_DECREE = "divorce_decree"
    DEATH_CERTIFICATE = "death_certificate"
    ADOPTION_DECREE = "adoption_decree"
    NAME_CHANGE_RECORD = "name_change_record"
    RELATIONSHIP_EVIDENCE = "relationship_evidence"
    CITIZENSHIP_PROOF = "citizenship_proof"
    GREEN_CARD = "green_card"
    EAD_CARD = "ead_card"
    I485_RECEIPT = "i485_receipt"
    APPROVAL_NOTICE = "approval_notice"
    SCHOOL_FORM = "school_form"
    DEGREE = "degree"
    STATUS_PROOF = "status_proof"
    COURT_RECORD = "court_record"
    IMMIGRATION_COURT_RECORD = "immigration_court_record"
    TAX_RETURN = "tax_return"
    INCOME_PROOF = "income_proof"
    SUPPORT_PAYMENTS = "support_payments"
    MILITARY_RECORD = "military_record"
    SELECTIVE_SERVICE = "selective_service"
    RESIDENCE_PROOF = "residence_proof"
    SUPPLEMENT_FORM = "supplement_form"
    FILED_APPLICATION = "filed_application"
    OTHER = "other"


LABELS: dict[DocumentType, str] = {
    DocumentType.PHOTO: N_("Passport-style photo"),
    DocumentType.PASSPORT: N_("Passport"),
    DocumentType.TRAVEL_DOCUMENT: N_("Travel document"),
    DocumentType.PHOTO_ID: N_("Government photo ID"),
    DocumentType.I94: N_("I-94 arrival-departure record"),
    DocumentType.BIRTH_CERTIFICATE: N_("Birth certificate"),
    DocumentType.MARRIAGE_CERTIFICATE: N_("Marriage certificate"),
    DocumentType.DIVORCE_DECREE: N_("Divorce or annulment decree"),
    DocumentType.DEATH_CERTIFICATE: N_("Death certificate"),
    DocumentType.ADOPTION_DECREE: N_("Adoption decree"),
    DocumentType.NAME_CHANGE_RECORD: N_("Record of a legal name change"),
    DocumentType.RELATIONSHIP_EVIDENCE: N_("Evidence of a genuine relationship"),
    DocumentType.CITIZENSHIP_PROOF: N_("Proof of U.S. citizenship"),
    DocumentType.GREEN_CARD: N_("Permanent resident card (green card)"),
    DocumentType.EAD_CARD: N_("Employment authorization card"),
    DocumentType.I485_RECEIPT: N_("Receipt notice of a Form I-485"),
    DocumentType.APPROVAL_NOTICE: N_("Approval or receipt notice (Form I-797)"),
    DocumentType.SCHOOL_FORM: N_("School form (I-20 or DS-2019)"),
    DocumentType.DEGREE: N_("Diploma or transcript"),
    DocumentType.STATUS_PROOF: N_("Proof of immigration status"),
    DocumentType.COURT_RECORD: N_("Arrest report or court record"),
    DocumentType.IMMIGRATION_COURT_RECORD: N_("Immigration court record"),
    DocumentType.TAX_RETURN: N_("Tax return or tax transcript"),
    DocumentType.INCOME_PROOF: N_("Proof of income"),
    DocumentType.SUPPORT_PAYMENTS: N_("Child support or alimony records"),
    DocumentType.MILITARY_RECORD: N_("Military service record"),
    DocumentType.SELECTIVE_SERVICE: N_("Selective Service registration"),
    DocumentType.RESIDENCE_PROOF: N_("Proof of where you lived"),
    DocumentType.SUPPLEMENT_FORM: N_("A supplementary form"),
    DocumentType.FILED_APPLICATION: N_("Your filed application"),
    DocumentType.OTHER: N_("Another document"),
}
"""Each type as a person names it (for lists and checklists); marked, shown through `_()`."""

CHOOSABLE = tuple(t for t in DocumentType if t is not DocumentType.FILED_APPLICATION)
"""The types a person may label an upload with: the filed application is the portal's own."""

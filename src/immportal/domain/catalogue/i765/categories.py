"""The I-765 eligibility categories (item 27), and the evidence each one asks for.

Values are the code without brackets (c9 for (c)(9), c3ii for (c)(3)(ii)); the first
seven keep the values saved before the list was complete.
"""

from __future__ import annotations

from immportal.domain.catalogue.model import DocumentNeed
from immportal.domain.catalogue.words import composed
from immportal.domain.evidence.document_kinds import DocumentType as T
from immportal.i18n import N_

CATEGORIES = {
    "c9": N_("(c)(9) I have a pending application to adjust status (Form I-485)"),
    "c8": N_("(c)(8) I have a pending asylum application"),
    "c3b": N_("(c)(3)(B) Optional practical training after my studies (F-1 student)"),
    "c3c": N_("(c)(3)(C) 24-month STEM extension of optional practical training"),
    "c26": N_("(c)(26) I am the H-4 spouse of an H-1B worker"),
    "a12": N_("(a)(12) I have Temporary Protected Status (TPS)"),
    "a5": N_("(a)(5) I have been granted asylum"),
    "a3": N_("(a)(3) I was admitted as a refugee"),
    "a4": N_("(a)(4) I was paroled into the United States as a refugee"),
    "a10": N_("(a)(10) I have been granted withholding of deportation or removal"),
    "a8": N_("(a)(8) I am a citizen of Micronesia, the Marshall Islands or Palau"),
    "a11": N_("(a)(11) I am covered by Deferred Enforced Departure (DED)"),
    "c19": N_("(c)(19) My application for Temporary Protected Status is pending"),
    "c10": N_("(c)(10) I have applied for suspension of deportation or cancellation of removal"),
    "c2": N_("(c)(2) I depend on an employee of the Taipei Economic and Cultural Office (E-1)"),
    "c3a": N_("(c)(3)(A) Optional practical training before I finish my studies (F-1 student)"),
    "c3ii": N_("(c)(3)(ii) Off-campus work for an international organization (F-1 student)"),
    "c3iii": N_("(c)(3)(iii) Off-campus work because of severe economic hardship (F-1 student)"),
    "c5": N_("(c)(5) I am the J-2 spouse or child of an exchange visitor"),
    "c6": N_("(c)(6) Practical training after my studies (M-1 student)"),
    "c1": N_("(c)(1) I depend on a foreign government official (A-1 or A-2)"),
    "c4": N_("(c)(4) I depend on an international organization employee (G-1, G-3 or G-4)"),
    "c7": N_("(c)(7) I depend on a NATO employee (NATO-1 to NATO-6)"),
    "c17i": N_("(c)(17)(i) I am a B-1 personal or domestic worker of a nonimmigrant employer"),
    "c17ii": N_("(c)(17)(ii) I am a B-1 domestic worker of a U.S. citizen"),
    "c17iii": N_("(c)(17)(iii) I am a B-1 worker of a foreign airline"),
    "a17": N_("(a)(17) I am the spouse of an E-1, E-2 or E-3 treaty trader, investor or worker"),
    "a18": N_("(a)(18) I am the spouse of an L-1 intracompany transferee"),
    "c12": N_("(c)(12) I am the spouse of an E-2 investor in the Northern Mariana Islands"),
    "c35": N_("(c)(35) I have an approved immigrant petition (I-140) and compelling circumstances"),
    "c36": N_("(c)(36) I am the spouse or child of someone with a (c)(35) work permit"),
    "a6": N_("(a)(6) I am a K-1 fiancé(e) or K-2 child"),
    "a9": N_("(a)(9) I am a K-3 spouse or K-4 child"),
    "a13": N_("(a)(13) I am in the Family Unity Program"),
    "a14": N_("(a)(14) I am in the LIFE Act Family Unity Program"),
    "a15": N_("(a)(15) I have V status (V-1, V-2 or V-3)"),
    "c16": N_("(c)(16) I have applied to be registered as a permanent resident (registry)"),
    "a2": N_("(a)(2) I am a temporary resident under the legalization program"),
    "a7": N_("(a)(7) I have N-8 or N-9 status"),
    "c20": N_("(c)(20) My legalization application as a special agricultural worker is pending"),
    "c22": N_("(c)(22) My legalization application under section 245A is pending"),
    "c11": N_("(c)(11) I have been paroled into the United States"),
    "c14": N_("(c)(14) I have been granted deferred action"),
    "c33": N_("(c)(33) I have Deferred Action for Childhood Arrivals (DACA)"),
    "c18": N_("(c)(18) I have a final order of removal and an order of supervision"),
    "c24": N_("(c)(24) I have applied for legalization under the LIFE Act"),
    "c40": N_("(c)(40) My T nonimmigrant application was found bona fide"),
    "a16": N_("(a)(16) I have T-1 nonimmigrant status"),
    "c25": N_("(c)(25) I am a family member of a T-1 nonimmigrant (T-2 to T-6)"),
    "a19": N_("(a)(19) I have U-1 nonimmigrant status"),
    "a20": N_("(a)(20) I am a family member of a U-1 nonimmigrant (U-2 to U-5)"),
    "c31": N_("(c)(31) I have an approved VAWA self-petition, or I am its derivative child"),
    "c37": N_("(c)(37) I am applying for CNMI long-term resident status"),
}
STUDENTS = ("c3a", "c3b", "c3c", "c3ii", "c3iii", "c6")
"""Categories of F-1 and M-1 students, who have a SEVIS number."""
ADJUSTING = ("c9", "c16")
"""Categories that rest on a pending Form I-485."""
ARRESTS_ASKED = ("c8", "c35", "c36")
"""Categories whose follow-up asks about arrests and convictions (items 30 and 31.b)."""
ECONOMIC_NEED = ("c14", "c33")
"""Categories that need the economic necessity worksheet (Form I-765WS)."""


def code(category: str) -> str:
    """The category as the form writes it: (c)(9)."""
    return CATEGORIES[category].split(" ", 1)[0]


def _n(kind: T, label: str) -> tuple[T, str]:
    return (kind, label)


I20 = _n(T.SCHOOL_FORM, N_("Your Form I-20, endorsed by your school's designated official"))
STATUS = _n(T.STATUS_PROOF, N_("Proof of your status: your I-94 or your approval notice"))
MARRIAGE = _n(T.MARRIAGE_CERTIFICATE, N_("Your marriage certificate"))
SPOUSE_STATUS = _n(T.STATUS_PROOF, N_("Proof of your husband's or wife's status"))
I566 = _n(T.SUPPLEMENT_FORM, N_("Form I-566, endorsed by the mission or organization"))
B1 = _n(T.STATUS_PROOF, N_("Proof of your B-1 status and of your employment"))
# What each category asks for beyond the photos and identity documents every filer sends.
EVIDENCE: dict[str, tuple[tuple[T, str], ...]] = {
    "c9": (_n(T.I485_RECEIPT, N_("The receipt notice of your Form I-485")),),
    "c16": (_n(T.I485_RECEIPT, N_("The receipt notice of your Form I-485")),),
    "c8": (
        _n(
            T.APPROVAL_NOTICE,
            N_(
                "Proof your asylum application is pending: its receipt, or an interview or "
                "biometrics notice"
            ),
        ),
    ),
    "a3": (_n(T.STATUS_PROOF, N_("Your I-94 stamped as a refugee, or your approval letter")),),
    "a4": (_n(T.I94, N_("Your I-94 showing parole as a refugee")),),
    "a5": (_n(T.STATUS_PROOF, N_("Your asylum approval letter, judge's order or I-94")),),
    "a10": (_n(T.IMMIGRATION_COURT_RECORD, N_("The judge's order granting withholding")),),
    "a8": (
        _n(T.STATUS_PROOF, N_("Proof of your admission under the Compact of Free Association")),
    ),
    "a11": (_n(T.STATUS_PROOF, N_("Proof of your nationality and that DED covers you")),),
    "a12": (
        _n(T.APPROVAL_NOTICE, N_("Your TPS approval notice, or the receipt of your Form I-821")),
    ),
    "c19": (_n(T.APPROVAL_NOTICE, N_("The receipt notice of your Form I-821")),),
    "c10": (_n(T.IMMIGRATION_COURT_RECORD, N_("Your Form I-881, or your EOIR-42 filed in court")),),
    "c2": (_n(T.OTHER, N_("Certification from the American Institute in Taiwan")),),
    "c3a": (I20, _n(T.DEGREE, N_("Proof of a full academic year of study"))),
    "c3b": (I20,),
    "c3c": (
        _n(T.SCHOOL_FORM, N_("Your Form I-20 with the STEM recommendation")),
        _n(T.DEGREE, N_("Your STEM degree: the diploma or a transcript showing the program code")),
    ),
    "c3ii": (I20, _n(T.OTHER, N_("The international organization's letter of sponsorship"))),
    "c3iii": (I20, _n(T.INCOME_PROOF, N_("Evidence of the economic hardship"))),
    "c5": (
        _n(T.SCHOOL_FORM, N_("Form DS-2019 of the exchange visitor")),
        _n(T.STATUS_PROOF, N_("Proof of the exchange visitor's status")),
    ),
    "c6": (I20,),
    "c1": (I566,),
    "c4": (I566,),
    "c7": (I566,),
    "c17i": (B1,),
    "c17ii": (B1,),
    "c17iii": (_n(T.OTHER, N_("A letter from the airline that employs you")),),
    "a17": (STATUS, SPOUSE_STATUS, MARRIAGE),
    "a18": (STATUS, SPOUSE_STATUS, MARRIAGE),
    "c12": (MARRIAGE, SPOUSE_STATUS, _n(T.RESIDENCE_PROOF, N_("Proof you live in the CNMI"))),
    "c26": (
        _n(T.STATUS_PROOF, N_("Proof of your H-4 status")),
        MARRIAGE,
        _n(T.APPROVAL_NOTICE, N_("Your spouse's approved Form I-140, or their AC21 extension")),
    ),
    "c35": (
        _n(T.APPROVAL_NOTICE, N_("The approval notice of your Form I-140")),
        _n(T.OTHER, N_("Evidence of your compelling circumstances")),
    ),
    "c36": (
        _n(
            T.RELATIONSHIP_EVIDENCE,
            N_("Your marriage or birth certificate showing the relationship"),
        ),
        _n(T.EAD_CARD, N_("The (c)(35) work permit of your spouse or parent, or its receipt")),
    ),
    "a6": (_n(T.PASSPORT, N_("Your passport page with the K-1 or K-2 visa")),),
    "a9": (_n(T.PASSPORT, N_("Your passport page with the K-3 or K-4 visa")),),
    "a13": (_n(T.APPROVAL_NOTICE, N_("Your Family Unity approval notice")),),
    "a14": (_n(T.APPROVAL_NOTICE, N_("Your Family Unity approval notice")),),
    "a15": (_n(T.STATUS_PROOF, N_("Proof of your V status")),),
    "a2": (_n(T.APPROVAL_NOTICE, N_("The approval of your Form I-687 or I-700")),),
    "a7": (_n(T.STATUS_PROOF, N_("Proof of your N-8 or N-9 status")),),
    "c20": (_n(T.APPROVAL_NOTICE, N_("The receipt of your Form I-700")),),
    "c22": (_n(T.APPROVAL_NOTICE, N_("The receipt of your Form I-687")),),
    "c11": (_n(T.I94, N_("Your I-94 or travel document showing parole")),),
    "c14": (_n(T.APPROVAL_NOTICE, N_("The notice granting you deferred action")),),
    "c33": (_n(T.APPROVAL_NOTICE, N_("Your Form I-821D, or its approval notice")),),
    "c18": (
        _n(T.IMMIGRATION_COURT_RECORD, N_("The order of removal and your order of supervision")),
    ),
    "c24": (
        _n(T.I485_RECEIPT, N_("The receipt of your Form I-485 and proof of class membership")),
    ),
    "c40": (_n(T.APPROVAL_NOTICE, N_("Our notice inviting you to apply, if you received one")),),
    "a16": (_n(T.APPROVAL_NOTICE, N_("Your T-1 approval notice")),),
    "c25": (_n(T.APPROVAL_NOTICE, N_("Your T approval notice, or your passport with the T visa")),),
    "a19": (_n(T.APPROVAL_NOTICE, N_("Your U-1 approval notice")),),
    "a20": (_n(T.APPROVAL_NOTICE, N_("Your U approval notice, or your passport with the U visa")),),
    "c31": (_n(T.APPROVAL_NOTICE, N_("The approval notice of the Form I-360 (VAWA)")),),
    "c37": (_n(T.APPROVAL_NOTICE, N_("The receipt of your Form I-955")),),
}


def category_evidence(category: str) -> tuple[DocumentNeed, ...]:
    """The documents the category asks for, each saying why."""
    why = composed(N_("You apply under category %(code)s."), code=code(category))
    return tuple(DocumentNeed(kind, label, why) for kind, label in EVIDENCE.get(category, ()))

"""What to upload, as the answers call for it (documents_needed)."""

from typing import Any

import pytest

from immportal.domain.cases.forms import FormType
from immportal.domain.catalogue import DocumentNeed, documents_needed, form_for
from immportal.domain.catalogue.i765.categories import CATEGORIES, EVIDENCE, code
from immportal.domain.evidence.document_kinds import LABELS, DocumentType
from testkit.filled_forms import FILLED, clean_answers

Answers = dict[str, dict[str, Any]]


def kinds(form_type: str, answers: Answers) -> list[str]:
    """The types of the documents asked for."""
    return [need.kind for need in documents_needed(form_for(form_type), answers)]


def i765(category: str, **more: Answers) -> Answers:
    """I-765 answers under a category."""
    return {"eligibility": {"category": category}, **more}


class TestI765Categories:
    """Every category names its evidence, and says why."""

    def test_every_category_has_evidence(self) -> None:
        """No category is left without its own documents."""
        assert [] == [category for category in CATEGORIES if not EVIDENCE.get(category)]

    @pytest.mark.parametrize("category", list(CATEGORIES))
    def test_category_evidence(self, category: str) -> None:
        """The category's documents are asked, each saying the category; photos always."""
        needs = documents_needed(form_for("I-765"), i765(category))
        own = [need for need in needs if code(category) in need.why]
        assert len(EVIDENCE[category]) == len(own)
        assert DocumentType.PHOTO in [need.kind for need in needs]

    @pytest.mark.parametrize(
        ("category", "i94"), [("c9", False), ("c8", True), ("c3b", True), ("a12", True)]
    )
    def test_i94_not_for_pending_adjustment(self, category: str, i94: bool) -> None:
        """The I-94 or passport copy is asked of every category but (c)(9)."""
        assert i94 == (DocumentType.I94 in kinds("I-765", i765(category)))

    def test_c9_asks_for_the_i485_receipt(self) -> None:
        """A pending adjustment shows its Form I-485 receipt."""
        assert DocumentType.I485_RECEIPT in kinds("I-765", i765("c9"))

    @pytest.mark.parametrize(
        ("answers", "kind", "asked"),
        [
            (
                i765("c8", eligibility={"category": "c8", "ever_arrested": "yes"}),
                "court_record",
                True,
            ),
            (
                i765("c8", eligibility={"category": "c8", "ever_arrested": "no"}),
                "court_record",
                False,
            ),
            (i765("c9", reason={"reason": "renewal"}), "ead_card", True),
            (i765("c9", reason={"reason": "initial", "filed_before": "no"}), "ead_card", False),
            (i765("c9", reason={"reason": "initial", "filed_before": "yes"}), "ead_card", True),
            (i765("c9", applicant={"other_names_count": 1}), "name_change_record", True),
            (
                i765(
                    "c9",
                    statement={
                        "preparer_used": "yes",
                        "preparer_role": "attorney",
                        "representation": "extends",
                    },
                ),
                "supplement_form",
                True,
            ),
        ],
    )
    def test_answers_add_documents(self, answers: Answers, kind: str, asked: bool) -> None:
        """An answer that the paper form ties to evidence asks for it."""
        assert asked == (kind in kinds("I-765", answers))


# (form, answers, document type expected)
OTHER_FORMS: list[tuple[str, Answers, str]] = [
    ("I-130", {"petitioner_status": {"status": "citizen"}}, "citizenship_proof"),
    ("I-130", {"petitioner_status": {"status": "permanent_resident"}}, "green_card"),
    ("I-130", {"relationship": {"relation": "spouse"}}, "marriage_certificate"),
    ("I-130", {"relationship": {"relation": "spouse"}}, "supplement_form"),
    (
        "I-130",
        {"relationship": {"relation": "spouse"}, "marital": {"times_married": 2}},
        "divorce_decree",
    ),
    ("I-130", {"relationship": {"relation": "child"}}, "birth_certificate"),
    (
        "I-130",
        {"relationship": {"relation": "child", "child_relation": "adopted"}},
        "adoption_decree",
    ),
    ("I-130", {"beneficiary": {"ever_in_us": "yes", "in_united_states": "yes"}}, "i94"),
    ("N-400", {}, "green_card"),
    ("N-400", {"eligibility": {"basis": "military"}}, "military_record"),
    ("N-400", {"eligibility": {"basis": "married_three_years"}}, "citizenship_proof"),
    ("N-400", {"eligibility": {"basis": "married_three_years"}}, "relationship_evidence"),
    ("N-400", {"applicant": {"disability_exception": "yes"}}, "supplement_form"),
    ("N-400", {"character": {"ever_arrested": "yes"}}, "court_record"),
    ("N-400", {"character": {"owes_taxes": "yes"}}, "tax_return"),
    ("N-400", {"character": {"male_18_to_26": "yes"}}, "selective_service"),
    ("N-400", {"fee": {"reduced_fee": "yes"}}, "income_proof"),
    ("N-400", {"contact": {"country": "MX", "lives_at_mailing_address": "yes"}}, "photo"),
    (
        "N-400",
        {
            "time_outside": {
                "trip_count": 1,
                "trip_1_left_on": "2023-01-01",
                "trip_1_returned_on": "2023-08-01",
            }
        },
        "residence_proof",
    ),
    (
        "N-400",
        {"children": {"children_count": 1, "child_1_lives": "elsewhere"}},
        "support_payments",
    ),
    ("I-90", {"reason": {"reason": "lost"}}, "photo_id"),
    ("I-90", {"reason": {"reason": "expiring"}}, "green_card"),
    ("I-90", {"card": {"name_changed": "yes"}}, "name_change_record"),
    ("I-90", {"reason": {"reason": "commuter_end"}}, "residence_proof"),
]


class TestOtherForms:
    """The I-130, N-400 and I-90 ask for what their instructions list, by answer."""

    @pytest.mark.parametrize(
        ("form_type", "answers", "kind"),
        OTHER_FORMS,
        ids=[f"{row[0]}-{row[2]}-{index}" for index, row in enumerate(OTHER_FORMS)],
    )
    def test_asked(self, form_type: str, answers: Answers, kind: str) -> None:
        """The document is on the list for these answers."""
        assert kind in kinds(form_type, answers)

    @pytest.mark.parametrize(
        ("form_type", "answers", "kind"),
        [
            ("N-400", {"contact": {"country": "US"}}, "photo"),
            (
                "N-400",
                {
                    "time_outside": {
                        "trip_count": 1,
                        "trip_1_left_on": "2023-01-01",
                        "trip_1_returned_on": "2023-02-01",
                    }
                },
                "residence_proof",
            ),
            ("I-130", {"relationship": {"relation": "parent"}}, "supplement_form"),
            ("I-90", {"reason": {"reason": "lost"}}, "green_card"),
        ],
    )
    def test_not_asked(self, form_type: str, answers: Answers, kind: str) -> None:
        """Without the answer, the document is not on the list."""
        assert kind not in kinds(form_type, answers)


class TestShape:
    """Needs are plain data a checklist can show."""

    @pytest.mark.parametrize("form_type", list(FormType))
    def test_filled_forms_need_known_types_once(self, form_type: FormType) -> None:
        """Each need of a filled form has a known type, a label and a reason, listed once."""
        needs = documents_needed(form_for(form_type), clean_answers(form_type, FILLED[form_type]))
        assert needs
        assert all(need.kind in set(DocumentType) and need.label and need.why for need in needs)
        assert len({(need.kind, need.label) for need in needs}) == len(needs)

    def test_every_type_has_a_label(self) -> None:
        """The list of types names each one as a person would."""
        assert set(DocumentType) == set(LABELS)

    def test_need_is_a_value(self) -> None:
        """Two needs with the same content are equal (a frozen dataclass)."""
        assert DocumentNeed("photo", "A photo", "Always.") == DocumentNeed(
            "photo", "A photo", "Always."
        )

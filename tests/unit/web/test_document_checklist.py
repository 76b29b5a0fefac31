"""What to upload: needs from the answers, ticked by current files of their type."""

from dataclasses import replace
from datetime import UTC, datetime
from uuid import uuid4

from immportal.domain.catalogue import DocumentNeed, documents_needed, form_for
from immportal.domain.evidence.document import ScanResult
from immportal.domain.evidence.document_kinds import CHOOSABLE, LABELS, DocumentType
from immportal.projections.case_documents import CaseDocument
from immportal.web.documents.checklist import checklist, type_choices

PHOTO = DocumentNeed(DocumentType.PHOTO, "Two photos", "Every applicant sends photos.")
I94 = DocumentNeed(DocumentType.I94, "Your I-94", "You entered with an I-94.")


def document(filename: str, document_type: str | None, **changes: object) -> CaseDocument:
    """A clean, current document of the given type."""
    listed = CaseDocument(
        document_id=uuid4(),
        case_id=uuid4(),
        kind="initial",
        media_type="application/pdf",
        size=10,
        sha256="0" * 64,
        filename=filename,
        supersedes=None,
        superseded_by=None,
        version_number=1,
        uploaded_by="someone",
        uploaded_at=datetime(2026, 12, 1, tzinfo=UTC),
        scan=ScanResult.CLEAN.value,
        scanner="clamd",
        position=1,
        document_type=document_type,
    )
    return replace(listed, **changes)  # type: ignore[arg-type]


class TestChecklist:
    """Each need is uploaded when a current, unblocked file of its type is on the case."""

    def test_nothing_uploaded(self) -> None:
        """Both needs in form order, neither uploaded."""
        items = checklist([PHOTO, I94], [])
        assert [("photo", False), ("i94", False)] == [
            (item.document_type, item.uploaded) for item in items
        ]

    def test_a_file_of_the_type_ticks_its_need_only(self) -> None:
        """A photo ticks the photo; the I-94 stays needed; an untyped file ticks nothing."""
        items = checklist([PHOTO, I94], [document("me.png", "photo"), document("old.pdf", None)])
        assert [("me.png",), ()] == [item.filenames for item in items]

    def test_replaced_and_blocked_files_do_not_count(self) -> None:
        """A replaced version and an infected file leave the need open."""
        replaced = document("old.pdf", "i94", superseded_by=uuid4())
        blocked = document("bad.pdf", "i94", scan=ScanResult.INFECTED.value)
        assert () == checklist([I94], [replaced, blocked])[0].filenames

    def test_unscanned_and_pending_files_count(self) -> None:
        """A file still being checked, or not checked, was sent: it is listed."""
        pending = document("a.pdf", "i94", scan=ScanResult.PENDING.value)
        unscanned = document("b.pdf", "i94", scan=ScanResult.UNSCANNED.value)
        assert ("a.pdf", "b.pdf") == checklist([I94], [pending, unscanned])[0].filenames

    def test_from_a_real_form(self) -> None:
        """The I-765's answers so far ask for photos and an I-94, which the checklist lists."""
        needs = documents_needed(form_for("I-765"), {"about_you": {"family_name": "Doe"}})
        assert ["photo", "i94"] == [item.document_type for item in checklist(needs, [])]


class TestTypeChoices:
    """The upload form lists the asked-for types first, then every other choosable type."""

    def test_asked_first_then_the_rest_once_each(self) -> None:
        """Photo and I-94 lead; the rest follow; no type twice; the filed application never."""
        asked, others = type_choices([PHOTO, I94, PHOTO])
        assert ["photo", "i94"] == [choice.value for choice in asked]
        values = [choice.value for choice in asked + others]
        assert sorted(t.value for t in CHOOSABLE) == sorted(values)
        assert DocumentType.FILED_APPLICATION.value not in values

    def test_labels_in_words(self) -> None:
        """Each choice carries its label."""
        asked, _ = type_choices([PHOTO])
        assert LABELS[DocumentType.PHOTO] == asked[0].label

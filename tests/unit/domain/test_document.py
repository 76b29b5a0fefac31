"""The Document aggregate: uploads, scans, versions and who may add documents."""

import uuid

import pytest

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.status import CaseStatus
from immportal.domain.errors import NotPermitted
from immportal.domain.evidence.document import (
    Document,
    DocumentKind,
    DocumentRefused,
    MediaType,
    NotDownloadable,
    ScanResult,
    check_can_upload,
)

APPLICANT = Actor("applicant-1", Role.APPLICANT)
CASE_ID = uuid.uuid4()


def uploaded(supersedes: Document | None = None, case_id: uuid.UUID = CASE_ID) -> Document:
    """A freshly uploaded document."""
    return Document.upload(
        document_id=uuid.uuid4(),
        case_id=case_id,
        actor=APPLICANT,
        kind=DocumentKind.INITIAL,
        media_type=MediaType.PDF,
        size=1234,
        sha256="a" * 64,
        blob_key="documents/x",
        filename="passport.pdf",
        supersedes=supersedes,
    )


class TestScan:
    """Only a scan that let the document through makes it downloadable."""

    def test_pending_is_not_downloadable(self) -> None:
        """Before its scan a document cannot be downloaded."""
        with pytest.raises(NotDownloadable):
            uploaded().check_downloadable()

    @pytest.mark.parametrize("result", [ScanResult.CLEAN, ScanResult.UNSCANNED])
    def test_clean_and_unscanned_are_downloadable(self, result: ScanResult) -> None:
        """Clean and (visibly) unscanned documents can be downloaded."""
        document = uploaded()
        document.record_scan(result, "clamav")
        document.check_downloadable()
        assert result == document.scan

    def test_infected_is_not_downloadable(self) -> None:
        """An infected document is never handed out."""
        document = uploaded()
        document.record_scan(ScanResult.INFECTED, "clamav", "Eicar")
        with pytest.raises(NotDownloadable):
            document.check_downloadable()

    def test_scanned_once(self) -> None:
        """A verdict cannot be overwritten later."""
        document = uploaded()
        document.record_scan(ScanResult.INFECTED, "clamav", "Eicar")
        with pytest.raises(DocumentRefused):
            document.record_scan(ScanResult.CLEAN, "clamav")


class TestVersions:
    """A corrected file is a new document that supersedes the old one."""

    def test_new_version_counts_up(self) -> None:
        """The new document records which one it supersedes and its version number."""
        first = uploaded()
        second = uploaded(supersedes=first)
        assert (str(first.id), 2, 1) == (
            second.supersedes,
            second.version_number,
            first.version_number,
        )

    def test_version_of_another_case_is_refused(self) -> None:
        """A document cannot supersede one of another case."""
        with pytest.raises(DocumentRefused):
            uploaded(supersedes=uploaded(), case_id=uuid.uuid4())


class TestWhoMayUpload:
    """Filers on their own cases, staff on any; never on closed cases."""

    def test_other_applicant_is_refused(self) -> None:
        """An applicant cannot add documents to someone else's case."""
        with pytest.raises(NotPermitted):
            check_can_upload(
                Actor("intruder", Role.APPLICANT),
                DocumentKind.INITIAL,
                status=CaseStatus.SUBMITTED,
                applicant_id=APPLICANT.user_id,
                representative_ids=[],
            )

    def test_closed_case_is_refused(self) -> None:
        """Nothing can be added to a closed case."""
        with pytest.raises(DocumentRefused):
            check_can_upload(
                APPLICANT,
                DocumentKind.INITIAL,
                status=CaseStatus.CLOSED,
                applicant_id=APPLICANT.user_id,
                representative_ids=[],
            )

    def test_rfe_response_only_while_evidence_requested(self) -> None:
        """An RFE response is accepted only while a request for evidence is open."""
        kwargs = {"applicant_id": APPLICANT.user_id, "representative_ids": []}
        check_can_upload(
            APPLICANT, DocumentKind.RFE_RESPONSE, status=CaseStatus.EVIDENCE_REQUESTED, **kwargs
        )
        with pytest.raises(DocumentRefused):
            check_can_upload(
                APPLICANT, DocumentKind.RFE_RESPONSE, status=CaseStatus.SUBMITTED, **kwargs
            )

"""The documents page's words: scan states, sizes, what a response sends, download names."""

from dataclasses import replace
from datetime import UTC, datetime
from uuid import uuid4

import pytest

from immportal.domain.evidence.document import DocumentKind, ScanResult
from immportal.projections.case_documents import CaseDocument
from immportal.web.documents.download import attachment
from immportal.web.documents.labels import (
    NOT_DOWNLOADABLE_WORDS,
    document_row,
    ready_to_send,
    size_words,
)


def document(**changes: object) -> CaseDocument:
    """A listed document: a clean PDF sent as a response."""
    listed = CaseDocument(
        document_id=uuid4(),
        case_id=uuid4(),
        kind=DocumentKind.RFE_RESPONSE.value,
        media_type="application/pdf",
        size=2048,
        sha256="0" * 64,
        filename="lease.pdf",
        supersedes=None,
        superseded_by=None,
        version_number=1,
        uploaded_by="someone",
        uploaded_at=datetime(2026, 11, 26, tzinfo=UTC),
        scan=ScanResult.CLEAN.value,
        scanner="clamd",
        position=1,
    )
    return replace(listed, **changes)  # type: ignore[arg-type]


class TestScanWords:
    """Every scan state reads as plain words; only clean and unscanned files are offered."""

    @pytest.mark.parametrize(
        ("scan", "words", "downloadable"),
        [
            (ScanResult.CLEAN, "Checked: no threats found", True),
            (ScanResult.UNSCANNED, "Not checked for viruses", True),
            (ScanResult.PENDING, "Being checked", False),
            (ScanResult.INFECTED, "Blocked: a threat was found", False),
        ],
    )
    def test_words_and_download(self, scan: ScanResult, words: str, downloadable: bool) -> None:
        """The row's words and whether it offers a download."""
        row = document_row(document(scan=scan.value))
        assert (words, downloadable) == (row.scan_words, row.downloadable)

    def test_every_refused_state_says_why(self) -> None:
        """Pending and infected documents each have a reason for the 409 page."""
        assert {ScanResult.PENDING, ScanResult.INFECTED} == set(NOT_DOWNLOADABLE_WORDS)


class TestSizes:
    """Sizes as file managers show them."""

    @pytest.mark.parametrize(
        ("size", "words"),
        [(512, "512 bytes"), (2048, "2 KB"), (20 * 1024**2, "20 MB"), (4_404_019, "4.2 MB")],
    )
    def test_size_words(self, size: int, words: str) -> None:
        """Bytes, kilobytes or megabytes, without a trailing '.0'."""
        assert words == size_words(size)


class TestReadyToSend:
    """The response sends current, unsent, downloadable response documents only."""

    def test_only_fit_documents(self) -> None:
        """Initial, replaced, blocked and already sent documents are left out."""
        fit = document()
        sent = document()
        rows = [
            document_row(d, [str(sent.document_id)])
            for d in (
                fit,
                sent,
                document(kind=DocumentKind.INITIAL.value),
                document(superseded_by=uuid4()),
                document(scan=ScanResult.INFECTED.value),
            )
        ]
        assert [fit.document_id] == [row.document_id for row in ready_to_send(rows)]


class TestAttachment:
    """The Content-Disposition of a streamed download."""

    def test_unicode_name(self) -> None:
        """An ASCII fallback in quotes and the exact name in RFC 8187 form."""
        assert (
            "attachment; filename=\"acte _.pdf\"; filename*=UTF-8''acte%20%C3%A9.pdf"
            == attachment("acte é.pdf")
        )

    def test_quotes_and_separators_never_escape_the_value(self) -> None:
        """Characters that could end the quoted value become underscores."""
        assert attachment('a"b\\c;d.pdf').startswith('attachment; filename="a_b_c_d.pdf";')

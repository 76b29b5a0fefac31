"""Uploading evidence end to end: real PostgreSQL, a real clamd, blobs on disk."""

import hashlib
from collections.abc import AsyncIterator
from pathlib import Path
from uuid import UUID

import pytest
from structlog.testing import capture_logs

from immportal.app.container import Runtime, open_runtime
from immportal.domain.actor import Actor, Role
from immportal.domain.errors import NotPermitted
from immportal.domain.evidence.document import DocumentKind, ScanResult
from immportal.projections.case_documents import list_case_documents
from immportal.services.evidence.intake import (
    FileTooLarge,
    UnsafeDocument,
    UnsafeName,
    UnsupportedFileType,
    VirusFound,
)
from immportal.services.evidence.ports import ScannerUnavailable
from testkit import evidence_samples as samples
from testkit.clamd_daemon import SIGNATURE_NAME, Clamd, eicar
from testkit.evidence_support import (
    APPLICANT,
    blob_keys,
    document_events,
    project_documents,
    start_case,
)
from testkit.seaweed import free_ports
from testkit.support import make_settings


@pytest.fixture
async def scanned(database_url: str, tmp_path: Path, clamd: Clamd) -> AsyncIterator[Runtime]:
    """A runtime with blobs in a temporary directory and clamd scanning every upload."""
    settings = make_settings(
        database_url,
        blob_dir=tmp_path / "blobs",
        clamd_address=clamd.tcp_address,
        upload_max_bytes=200_000,
    )
    async with open_runtime(settings) as runtime:
        yield runtime


async def download_bytes(runtime: Runtime, document_id: UUID) -> bytes:
    """The document's bytes, through the download the web layer will use (disk: a stream)."""
    download = await runtime.evidence.download(document_id, APPLICANT)
    assert download.url is None
    assert download.chunks is not None
    return b"".join([chunk async for chunk in download.chunks])


class TestCleanUpload:
    """A real document is kept, recorded with its digest, and can be downloaded."""

    async def test_pdf_is_recorded_scanned_and_downloadable(self, scanned: Runtime) -> None:
        """The event holds type, size, SHA-256 and cleaned name; the bytes come back whole."""
        case_id, data = await start_case(scanned), samples.pdf()
        uploaded = await scanned.evidence.upload(
            case_id, APPLICANT, samples.chunks_of(data, 1000), "  birth\u200b   cert.pdf "
        )
        document = await scanned.evidence.get(uploaded.document_id, APPLICANT)
        assert (ScanResult.CLEAN, False) == (uploaded.scan, uploaded.duplicate)
        assert ("application/pdf", len(data), hashlib.sha256(data).hexdigest()) == (
            document.media_type,
            document.size,
            document.sha256,
        )
        assert ("birth cert.pdf", "clamav", str(case_id)) == (
            document.filename,
            document.scanner,
            document.case_id,
        )
        assert data == await download_bytes(scanned, uploaded.document_id)

    @pytest.mark.parametrize("fmt", ["JPEG", "PNG", "TIFF"])
    async def test_images_are_accepted(self, scanned: Runtime, fmt: str) -> None:
        """Pictures of each accepted type are kept, whatever they are called."""
        uploaded = await scanned.evidence.upload(
            await start_case(scanned), APPLICANT, samples.chunks_of(samples.image(fmt)), "photo"
        )
        assert ScanResult.CLEAN == uploaded.scan

    async def test_someone_else_cannot_download(self, scanned: Runtime) -> None:
        """Another applicant is refused the document."""
        uploaded = await scanned.evidence.upload(
            await start_case(scanned), APPLICANT, samples.chunks_of(samples.pdf()), "a.pdf"
        )
        with pytest.raises(NotPermitted):
            await scanned.evidence.download(uploaded.document_id, Actor("other", Role.APPLICANT))


class TestInfected:
    """Malware is refused like any unfit file: nothing recorded, nothing kept."""

    async def test_eicar_in_a_png_is_refused_and_nothing_kept(self, scanned: Runtime) -> None:
        """A valid PNG carrying the EICAR string: VirusFound, no event, no blob, no row."""
        case_id, data = await start_case(scanned), samples.png_with_text(eicar().decode())

        with capture_logs() as logs, pytest.raises(VirusFound) as refused:
            await scanned.evidence.upload(case_id, APPLICANT, samples.chunks_of(data), "photo.png")

        await project_documents(scanned)
        assert "We found a virus in this file and did not keep it." == str(refused.value)
        assert ([], 0, []) == (
            await blob_keys(scanned),
            await document_events(scanned),
            await list_case_documents(scanned.pool, case_id),
        )
        warning = next(entry for entry in logs if entry["event"] == "upload_virus_found")
        assert ("warning", str(case_id), hashlib.sha256(data).hexdigest(), True) == (
            warning["log_level"],
            warning["case_id"],
            warning["sha256"],
            warning["signature"].startswith(SIGNATURE_NAME),
        )
        # Security staff learn what matched, never the file's bytes or name.
        assert not any(str(v) in ("photo.png", eicar().decode()) for v in warning.values())
        assert not any(eicar().decode() in str(v) for v in warning.values())


class TestRefused:
    """Unfit files are refused, and nothing of them is kept or recorded."""

    @pytest.mark.parametrize(
        ("data", "name", "error"),
        [
            (samples.windows_executable(), "setup.pdf", UnsupportedFileType),
            (samples.html_page(), "photo.png", UnsupportedFileType),
            (samples.javascript_pdf(), "form.pdf", UnsafeDocument),
            (samples.encrypted_pdf(), "locked.pdf", UnsafeDocument),
            (samples.png_bomb(), "bomb.png", UnsafeDocument),
            (samples.image("TIFF", (300, 300)), "big.tif", FileTooLarge),
            (samples.pdf(), "../scans/birth\x1b\u202efdp.pdf", UnsafeName),
        ],
    )
    async def test_refused_and_nothing_left(
        self, scanned: Runtime, data: bytes, name: str, error: type[Exception]
    ) -> None:
        """The refusal names the problem; no blob and no event remain."""
        with pytest.raises(error):
            await scanned.evidence.upload(
                await start_case(scanned), APPLICANT, samples.chunks_of(data, 4096), name
            )
        assert ([], 0) == (await blob_keys(scanned), await document_events(scanned))


class TestDuplicatesAndVersions:
    """The same bytes twice are noticed; a correction is a new version."""

    async def test_same_file_twice_is_noticed(self, scanned: Runtime) -> None:
        """The second upload of the same bytes to the case returns the first document."""
        case_id, data = await start_case(scanned), samples.pdf("Passport")
        first = await scanned.evidence.upload(case_id, APPLICANT, samples.chunks_of(data), "a.pdf")
        await project_documents(scanned)
        again = await scanned.evidence.upload(case_id, APPLICANT, samples.chunks_of(data), "b.pdf")
        assert (first.document_id, True) == (again.document_id, again.duplicate)
        assert 1 == len(await blob_keys(scanned))

    async def test_same_file_on_another_case_is_no_duplicate(self, scanned: Runtime) -> None:
        """Duplicates are noticed per case."""
        data = samples.pdf("Marriage certificate")
        first = await scanned.evidence.upload(
            await start_case(scanned), APPLICANT, samples.chunks_of(data), "a.pdf"
        )
        await project_documents(scanned)
        other = await scanned.evidence.upload(
            await start_case(scanned), APPLICANT, samples.chunks_of(data), "a.pdf"
        )
        assert (False, True) == (other.duplicate, other.document_id != first.document_id)

    async def test_correction_is_a_new_version(self, scanned: Runtime) -> None:
        """The corrected file supersedes the first; both stay, the first marked superseded."""
        case_id = await start_case(scanned)
        first = await scanned.evidence.upload(
            case_id, APPLICANT, samples.chunks_of(samples.pdf("v1")), "a.pdf"
        )
        second = await scanned.evidence.upload(
            case_id,
            APPLICANT,
            samples.chunks_of(samples.pdf("v2")),
            "a.pdf",
            kind=DocumentKind.INITIAL,
            supersedes=first.document_id,
        )
        await project_documents(scanned)
        rows = {row.document_id: row for row in await list_case_documents(scanned.pool, case_id)}
        newer = await scanned.evidence.get(second.document_id, APPLICANT)
        assert (2, str(first.document_id)) == (newer.version_number, newer.supersedes)
        assert second.document_id == rows[first.document_id].superseded_by
        assert ("clean", "clean") == (rows[first.document_id].scan, rows[second.document_id].scan)


class TestScanner:
    """Without a scanner documents are visibly unscanned; a scanner that fails keeps nothing."""

    async def test_no_scanner_means_unscanned(self, database_url: str, tmp_path: Path) -> None:
        """With no clamd configured the document is marked unscanned, not clean."""
        settings = make_settings(database_url, blob_dir=tmp_path / "blobs")
        async with open_runtime(settings) as runtime:
            uploaded = await runtime.evidence.upload(
                await start_case(runtime), APPLICANT, samples.chunks_of(samples.pdf()), "a.pdf"
            )
            document = await runtime.evidence.get(uploaded.document_id, APPLICANT)
        assert (ScanResult.UNSCANNED, "none") == (document.scan, document.scanner)

    async def test_scanner_down_keeps_nothing(self, database_url: str, tmp_path: Path) -> None:
        """An unreachable clamd refuses the upload with ScannerUnavailable; nothing remains."""
        (port,) = free_ports(1)
        settings = make_settings(
            database_url, blob_dir=tmp_path / "blobs", clamd_address=f"127.0.0.1:{port}"
        )
        async with open_runtime(settings) as runtime:
            with pytest.raises(ScannerUnavailable):
                await runtime.evidence.upload(
                    await start_case(runtime), APPLICANT, samples.chunks_of(samples.pdf()), "a"
                )
            assert ([], 0) == (await blob_keys(runtime), await document_events(runtime))

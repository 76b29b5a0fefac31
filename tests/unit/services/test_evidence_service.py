"""EvidenceService: a file is kept (blob, then event) only when it is what it claims and clean."""

import hashlib
from collections.abc import AsyncIterator
from uuid import UUID, uuid4

import pytest
from prometheus_client import REGISTRY
from structlog.testing import capture_logs

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from immportal.domain.errors import NotPermitted
from immportal.domain.evidence.document import (
    Document,
    DocumentKind,
    DocumentRefused,
    MediaType,
    NotDownloadable,
    ScanResult,
)
from immportal.errors import DatabaseUnavailable
from immportal.services.cases.service import CaseService
from immportal.services.evidence.intake import (
    FileTooLarge,
    UnsafeDocument,
    UnsafeName,
    UnsupportedFileType,
    VirusFound,
)
from immportal.services.evidence.ports import (
    BlobStoreUnavailable,
    Scanner,
    ScannerUnavailable,
    document_key,
)
from immportal.services.evidence.scanning import NoScanner
from immportal.services.evidence.service import EvidenceService
from immportal.services.repository import Repository
from testkit import evidence_samples as samples
from testkit.case_fakes import Receipts
from testkit.evidence_fakes import DownScanner, FixedScanner, LogDocumentIndex, MemoryBlobStore
from testkit.memory_store import MemoryEventStore

APPLICANT = Actor("applicant-1", Role.APPLICANT)
OTHER_APPLICANT = Actor("applicant-2", Role.APPLICANT)
REPRESENTATIVE = Actor("representative-1", Role.REPRESENTATIVE)
MAX_BYTES = 64 * 1024


class World:
    """The service over in-memory storage, a blob store in a dict and a chosen scanner."""

    def __init__(self, scanner: Scanner | None = None) -> None:
        self.store, self.blobs = MemoryEventStore(), MemoryBlobStore()
        self.scanner = scanner or FixedScanner()
        repository = Repository(self.store)
        self.cases = CaseService(repository, Receipts())
        self.service = EvidenceService(
            repository,
            self.blobs,
            self.scanner,
            LogDocumentIndex(self.store),
            max_bytes=MAX_BYTES,
        )

    async def case(self) -> UUID:
        """A draft of APPLICANT's, to which they may add documents."""
        return await self.cases.start(
            actor=APPLICANT, applicant_id=APPLICANT.user_id, form_type=FormType.I130, office="CSC"
        )

    async def upload(
        self,
        case_id: UUID,
        data: bytes,
        filename: str | None = "birth-certificate.pdf",
        *,
        actor: Actor = APPLICANT,
        kind: DocumentKind = DocumentKind.INITIAL,
        supersedes: UUID | None = None,
    ) -> UUID:
        """Upload the bytes in chunks; the document id."""
        uploaded = await self.service.upload(
            case_id, actor, samples.chunks_of(data, 4096), filename, kind, supersedes
        )
        return uploaded.document_id

    async def nothing_kept(self, head: int) -> bool:
        """Whether no blob exists and the log is still at `head`."""
        return self.blobs.blobs == {} and head == await self.store.head()


async def joined(chunks: AsyncIterator[bytes] | None) -> bytes:
    """A download stream read to its end."""
    assert chunks is not None
    return b"".join([chunk async for chunk in chunks])


@pytest.fixture
def world() -> World:
    """A fresh world with a scanner that finds every file clean."""
    return World()


class TestKept:
    """A real document is stored and recorded."""

    async def test_pdf_is_kept_and_recorded(self, world: World) -> None:
        """The blob holds the bytes; the document records name, type, size, digest and scan."""
        case_id, data = await world.case(), samples.pdf()
        document_id = await world.upload(case_id, data)
        document = await world.service.get(document_id, APPLICANT)
        blob = world.blobs.blobs[document_key(document_id)]
        assert (data, "application/pdf") == (blob.data, blob.content_type)
        assert (
            "birth-certificate.pdf",
            MediaType.PDF.value,
            len(data),
            hashlib.sha256(data).hexdigest(),
            ScanResult.CLEAN,
        ) == (
            document.filename,
            document.media_type,
            document.size,
            document.sha256,
            document.scan,
        )
        assert ["Uploaded", "ScanRecorded"] == world.store.topics(document_id)

    @pytest.mark.parametrize("fmt", ["JPEG", "PNG", "TIFF"])
    async def test_images_are_kept(self, world: World, fmt: str) -> None:
        """Photos of documents in the accepted formats are kept with their own type."""
        document_id = await world.upload(await world.case(), samples.image(fmt), f"scan.{fmt}")
        document = await world.service.get(document_id, APPLICANT)
        assert f"image/{fmt.lower()}" == document.media_type

    async def test_scanner_reads_the_whole_file(self) -> None:
        """The scanner is given every byte of the upload, not only its first chunk."""
        scanner = FixedScanner()
        world = World(scanner)
        data = samples.image("PNG", (200, 200))
        await world.upload(await world.case(), data, "photo.png")
        assert [data] == scanner.scanned

    async def test_without_a_scanner_it_is_marked_unscanned(self) -> None:
        """With no scanner configured the document says so: unscanned, never clean."""
        world = World(NoScanner())
        document_id = await world.upload(await world.case(), samples.pdf())
        assert ScanResult.UNSCANNED == (await world.service.get(document_id, APPLICANT)).scan

    async def test_same_bytes_twice_keeps_one(self, world: World) -> None:
        """The second upload of the same file names the first document and keeps nothing new."""
        case_id, data = await world.case(), samples.pdf()
        first = await world.upload(case_id, data)
        head = await world.store.head()
        again = await world.service.upload(case_id, APPLICANT, samples.chunks_of(data), "copy.pdf")
        assert (first, True, ScanResult.CLEAN) == (again.document_id, again.duplicate, again.scan)
        assert ([document_key(first)], head) == (
            list(world.blobs.blobs),
            await world.store.head(),
        )

    async def test_new_version_supersedes_the_old(self, world: World) -> None:
        """A replacement names the document it supersedes and counts versions."""
        case_id = await world.case()
        first = await world.upload(case_id, samples.pdf("First scan"))
        second = await world.upload(case_id, samples.pdf("Better scan"), supersedes=first)
        document = await world.service.get(second, APPLICANT)
        assert (str(first), 2) == (document.supersedes, document.version_number)

    async def test_representative_may_upload(self, world: World) -> None:
        """An authorized representative adds documents for the applicant."""
        case_id = await world.case()
        await world.cases.authorize_representative(
            case_id, actor=APPLICANT, expected_version=1, representative_id=REPRESENTATIVE.user_id
        )
        document_id = await world.upload(case_id, samples.pdf(), actor=REPRESENTATIVE)
        assert (
            REPRESENTATIVE.user_id
            == (await world.service.get(document_id, REPRESENTATIVE)).uploaded_by
        )


class TestRefused:
    """A refused file leaves neither a blob nor an event."""

    @pytest.mark.parametrize(
        ("data", "filename"),
        [
            (samples.html_page(), "passport.png"),
            (samples.windows_executable(), "birth-certificate.pdf"),
            (b"", "empty.pdf"),
        ],
        ids=["html as png", "program as pdf", "empty"],
    )
    async def test_disguised_file_is_refused(
        self, world: World, data: bytes, filename: str
    ) -> None:
        """The content decides, not the name: anything but PDF, JPEG, PNG, TIFF is refused."""
        case_id = await world.case()
        head = await world.store.head()
        with pytest.raises(UnsupportedFileType):
            await world.upload(case_id, data, filename)
        assert await world.nothing_kept(head)

    @pytest.mark.parametrize(
        "data",
        [
            samples.javascript_pdf(),
            samples.launch_pdf(),
            samples.encrypted_pdf(),
            b"%PDF-1.7\n" + b"not really a PDF\n" * 20,
            samples.png_bomb(),
        ],
        ids=["javascript", "launch action", "encrypted", "fake pdf", "png bomb"],
    )
    async def test_unsafe_document_is_refused(self, world: World, data: bytes) -> None:
        """An accepted type that is active, locked, broken or a bomb: refused, its blob removed."""
        case_id = await world.case()
        head = await world.store.head()
        with pytest.raises(UnsafeDocument):
            await world.upload(case_id, data)
        assert await world.nothing_kept(head)

    async def test_virus_is_refused_and_reported_without_the_name(self) -> None:
        """An infected file is not kept; security staff get its digest, not its name or bytes."""
        world = World(FixedScanner(ScanResult.INFECTED, "Eicar-Test-Signature"))
        case_id, data = await world.case(), samples.pdf()
        head = await world.store.head()
        with capture_logs() as logs, pytest.raises(VirusFound):
            await world.upload(case_id, data, "secret-name.pdf")
        report = next(line for line in logs if line["event"] == "upload_virus_found")
        assert await world.nothing_kept(head)
        assert (hashlib.sha256(data).hexdigest(), "Eicar-Test-Signature") == (
            report["sha256"],
            report["signature"],
        )
        assert "secret-name" not in repr(logs)

    async def test_scanner_down_keeps_nothing(self) -> None:
        """Without a verdict the file is not kept: the person is asked to try again later."""
        world = World(DownScanner())
        case_id = await world.case()
        head = await world.store.head()
        with pytest.raises(ScannerUnavailable):
            await world.upload(case_id, samples.pdf())
        assert await world.nothing_kept(head)

    async def test_too_large_is_refused(self, world: World) -> None:
        """A file over the limit is cut off as it streams, and nothing is kept."""
        case_id = await world.case()
        head = await world.store.head()
        with pytest.raises(FileTooLarge):
            await world.upload(case_id, samples.image("PNG", (400, 400)) + b"\0" * MAX_BYTES)
        assert await world.nothing_kept(head)

    async def test_name_with_a_bidi_override_is_refused(self, world: World) -> None:
        """A name that reads as .pdf but is not ("invoice<RLO>fdp.exe") is refused up front."""
        case_id = await world.case()
        head = await world.store.head()
        with pytest.raises(UnsafeName):
            await world.upload(case_id, samples.pdf(), "invoice\u202efdp.exe")
        assert await world.nothing_kept(head)

    async def test_blob_store_down_records_nothing(self, world: World) -> None:
        """If the bytes cannot be stored, no event claims they were."""
        case_id = await world.case()
        world.blobs.available = False
        with pytest.raises(BlobStoreUnavailable):
            await world.upload(case_id, samples.pdf())
        assert 1 == await world.store.head()

    async def test_another_persons_case_is_refused(self, world: World) -> None:
        """Only the applicant, their representative and staff add documents to a case."""
        case_id = await world.case()
        head = await world.store.head()
        with pytest.raises(NotPermitted):
            await world.upload(case_id, samples.pdf(), actor=OTHER_APPLICANT)
        assert await world.nothing_kept(head)

    async def test_answer_without_an_open_request_is_refused(self, world: World) -> None:
        """A response to a request for evidence needs a request that is open."""
        case_id = await world.case()
        with pytest.raises(DocumentRefused):
            await world.upload(case_id, samples.pdf(), kind=DocumentKind.RFE_RESPONSE)

    async def test_failed_save_leaves_the_blob_for_the_sweep(
        self, world: World, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A save that fails may have committed, so the blob stays; the sweep decides later."""
        case_id = await world.case()

        async def unavailable(events: object) -> list[int]:
            raise DatabaseUnavailable("connection lost")

        monkeypatch.setattr(world.store, "append", unavailable)
        with pytest.raises(DatabaseUnavailable):
            await world.upload(case_id, samples.pdf())
        assert 1 == len(world.blobs.blobs)


class TestDownload:
    """Only the case's people get a document, and only once the scan let it through."""

    async def test_streamed_when_the_store_gives_no_link(self, world: World) -> None:
        """On a store without links (disk) the bytes come as a stream, with name and type."""
        data = samples.pdf()
        document_id = await world.upload(await world.case(), data)
        download = await world.service.download(document_id, APPLICANT)
        assert ("birth-certificate.pdf", "application/pdf", len(data), None) == (
            download.filename,
            download.media_type,
            download.size,
            download.url,
        )
        assert data == await joined(download.chunks)

    async def test_link_when_the_store_gives_one(self) -> None:
        """On a store with links (S3) the person gets a short-lived link instead of a stream."""
        world = World()
        world.blobs = MemoryBlobStore(link_base="https://blobs.example")
        world.service = EvidenceService(
            Repository(world.store), world.blobs, FixedScanner(), LogDocumentIndex(world.store)
        )
        document_id = await world.upload(await world.case(), samples.pdf())
        download = await world.service.download(document_id, APPLICANT)
        assert (None, True) == (download.chunks, (download.url or "").startswith("https://"))

    async def test_another_person_cannot_download(self, world: World) -> None:
        """Someone with no standing on the case is refused."""
        document_id = await world.upload(await world.case(), samples.pdf())
        with pytest.raises(NotPermitted):
            await world.service.download(document_id, OTHER_APPLICANT)

    async def test_unscanned_is_never_handed_out_while_pending(self, world: World) -> None:
        """A document whose scan is still pending cannot be downloaded."""
        case_id, document_id = await world.case(), uuid4()
        pending = Document.upload(
            document_id=document_id,
            case_id=case_id,
            actor=APPLICANT,
            kind=DocumentKind.INITIAL,
            media_type=MediaType.PDF,
            size=10,
            sha256="0" * 64,
            blob_key=document_key(document_id),
            filename="pending.pdf",
        )
        await Repository(world.store).save(pending)
        with pytest.raises(NotDownloadable):
            await world.service.download(document_id, APPLICANT)


def upload_count(outcome: str) -> float:
    """The metrics' count of uploads with this outcome so far in this process."""
    value = REGISTRY.get_sample_value("immportal_uploads_total", {"outcome": outcome})
    return value or 0.0


class TestUploadMetrics:
    """Every upload is counted once, by what became of it, for the operators' dashboard."""

    async def test_each_outcome_is_counted(self) -> None:
        """Stored, then the same file again (duplicate), an unsafe file, a virus, no scanner."""
        world = World()
        case_id, data = await world.case(), samples.pdf()
        before = {o: upload_count(o) for o in ("stored", "duplicate", "refused")}
        await world.upload(case_id, data)
        await world.upload(case_id, data)
        with pytest.raises(UnsafeDocument):
            await world.upload(case_id, samples.javascript_pdf())
        assert {"stored": 1, "duplicate": 1, "refused": 1} == {
            o: upload_count(o) - before[o] for o in before
        }

    async def test_virus_and_scanner_failures_are_counted(self) -> None:
        """An infected file counts as infected; a scanner that is down as failed and an error."""
        infected, failed = upload_count("infected"), upload_count("failed")
        scanner = REGISTRY.get_sample_value("immportal_scanner_errors_total") or 0.0
        world = World(FixedScanner(ScanResult.INFECTED, "Eicar-Test-Signature"))
        with pytest.raises(VirusFound):
            await world.upload(await world.case(), samples.pdf())
        down = World(DownScanner())
        with pytest.raises(ScannerUnavailable):
            await down.upload(await down.case(), samples.pdf())
        assert 1 == upload_count("infected") - infected
        assert 1 == upload_count("failed") - failed
        assert 1 == (REGISTRY.get_sample_value("immportal_scanner_errors_total") or 0.0) - scanner

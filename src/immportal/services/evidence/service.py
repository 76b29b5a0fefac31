"""Evidence documents: upload (stream, check, scan, record) and download (link or stream)."""

import asyncio
import contextlib
import tempfile
from collections.abc import AsyncIterable, AsyncIterator, Iterator
from dataclasses import dataclass
from typing import BinaryIO
from uuid import UUID, uuid4

import structlog

from immportal import metrics
from immportal.domain.actor import Actor
from immportal.domain.cases.case import Case
from immportal.domain.cases.permissions import standing
from immportal.domain.errors import DomainError, NotPermitted
from immportal.domain.evidence.document import (
    Document,
    DocumentKind,
    MediaType,
    ScanResult,
    check_can_upload,
)
from immportal.domain.evidence.document_kinds import DocumentType
from immportal.domain.evidence.filenames import UnsafeFilename, clean_filename, named_as
from immportal.services.evidence.inspection import Inspector, ThreadInspector
from immportal.services.evidence.intake import (
    Intake,
    UnsafeName,
    UploadRefused,
    VirusFound,
    read_spool,
)
from immportal.services.evidence.ports import (
    MAX_URL_LIFETIME,
    BlobStore,
    BlobStoreError,
    DocumentIndex,
    Scanner,
    ScannerUnavailable,
    Verdict,
    document_key,
)
from immportal.services.evidence.upload_limits import UploadLimits
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_PIXELS = 50_000_000
VIRUS_FOUND = "We found a virus in this file and did not keep it."


@dataclass(frozen=True)
class Uploaded:
    """The outcome of an upload: the document that holds the file, and how it was scanned.

    `duplicate` says the case had these exact bytes already: `document_id` is then the
    earlier document and nothing new was kept.
    """

    document_id: UUID
    scan: ScanResult
    duplicate: bool = False
    position: int = 0
    """Where the upload's events went in the log (0 for a duplicate: nothing was written)."""


@dataclass(frozen=True)
class Download:
    """How to hand a document out: a short-lived link, or a stream the portal serves."""

    filename: str
    media_type: str
    size: int
    url: str | None
    chunks: AsyncIterator[bytes] | None


class EvidenceService:
    """Thin use cases around the Document aggregate, the blob store and the scanner."""

    def __init__(
        self,
        repository: Repository,
        blobs: BlobStore,
        scanner: Scanner,
        index: DocumentIndex,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_pixels: int = DEFAULT_MAX_PIXELS,
        inspector: Inspector | None = None,
        limits: UploadLimits | None = None,
    ) -> None:
        self._repository, self._blobs, self._scanner, self._index = (
            repository,
            blobs,
            scanner,
            index,
        )
        self.max_bytes = max_bytes
        # Serving passes the process pool; the thread is for tests and tools.
        self._inspector = inspector or ThreadInspector(max_pixels=max_pixels)
        self._limits = limits or UploadLimits()

    async def upload(
        self,
        case_id: UUID,
        actor: Actor,
        chunks: AsyncIterable[bytes],
        filename: str | None,
        kind: DocumentKind = DocumentKind.INITIAL,
        supersedes: UUID | None = None,
        document_type: DocumentType | None = None,
    ) -> Uploaded:
        """Keep one file as a document of the case; raise UploadRefused when it is not fit.

        Each upload is counted by its outcome (stored, duplicate, refused, infected, failed).

        The file is kept under the person's name with the ending of the type its content
        shows (a PNG sent as `x.pdf` is kept as `x.png`).

        The blob is written first and the event after: a blob whose event never
        arrived is removed later by the sweep, never the other way round. A file the
        scanner finds malware in is refused like any other: no event, no blob.
        """
        with _counted_upload() as outcome:
            uploaded = await self._upload(
                case_id, actor, chunks, filename, kind, supersedes, document_type
            )
            outcome.append("duplicate" if uploaded.duplicate else "stored")
        return uploaded

    async def _upload(
        self,
        case_id: UUID,
        actor: Actor,
        chunks: AsyncIterable[bytes],
        filename: str | None,
        kind: DocumentKind,
        supersedes: UUID | None,
        document_type: DocumentType | None,
    ) -> Uploaded:
        case = await self._repository.get(Case, case_id)
        check_can_upload(
            actor,
            DocumentKind(kind),
            status=case.status,
            applicant_id=case.applicant_id,
            representative_ids=case.representative_ids,
        )
        name = _named(filename)
        previous = await self._previous(supersedes)
        document_id = uuid4()
        key = document_key(document_id)
        spool = await asyncio.to_thread(tempfile.TemporaryFile)
        try:
            intake = Intake(chunks, max_bytes=self.max_bytes, spool=spool)
            media_type = await intake.begin()
            try:
                await self._blobs.put(key, intake.stream(), content_type=media_type.value)
                earlier = await self._index.find(case_id, intake.sha256)
                if earlier is not None:
                    await self._discard(key)
                    return await self._duplicate(earlier)
                verdict = await self._check(spool, media_type, actor)
                if verdict.result is ScanResult.INFECTED:
                    _report_virus(case_id, actor, intake, media_type, verdict)
                    raise VirusFound(VIRUS_FOUND)
                document = Document.upload(
                    document_id=document_id,
                    case_id=case_id,
                    actor=actor,
                    kind=kind,
                    media_type=media_type,
                    size=intake.size,
                    sha256=intake.sha256,
                    blob_key=key,
                    filename=named_as(name, media_type),
                    supersedes=previous,
                    document_type=document_type,
                )
                document.record_scan(verdict.result, verdict.scanner, verdict.signature)
            except BaseException:
                await self._discard(key)
                raise
        finally:
            await asyncio.to_thread(spool.close)
        # A failed save may still have committed (a connection lost at commit), so the
        # blob stays: the sweep removes it only if no event refers to it.
        positions = await self._repository.save(document)
        log.info("document_uploaded", document_id=str(document_id), scan=verdict.result.value)
        return Uploaded(document_id, verdict.result, position=max(positions, default=0))

    async def get(self, document_id: UUID, actor: Actor) -> Document:
        """A document of a case the actor may see."""
        document = await self._repository.get(Document, document_id)
        case = await self._repository.get(Case, UUID(document.case_id))
        if standing(actor, case.applicant_id, case.representative_ids) is None:
            raise NotPermitted("You may see only the documents of your own cases.")
        return document

    async def download(self, document_id: UUID, actor: Actor) -> Download:
        """A five-minute link (S3) or a stream (disk); only for documents the scan let through."""
        document = await self.get(document_id, actor)
        document.check_downloadable()
        url = await self._blobs.download_url(document.blob_key, document.filename, MAX_URL_LIFETIME)
        chunks = None if url else self._blobs.open(document.blob_key)
        return Download(document.filename, document.media_type, document.size, url, chunks)

    async def _previous(self, supersedes: UUID | None) -> Document | None:
        if supersedes is None:
            return None
        return await self._repository.get(Document, supersedes)

    async def _check(self, spool: BinaryIO, media_type: MediaType, actor: Actor) -> Verdict:
        # Inspection and scanning are the costly part: counted against the account, so
        # one account cannot keep them busy for everyone.
        with self._limits.admit(actor.user_id):
            await self._inspector.inspect(spool, media_type)
            return await self._scanner.scan(read_spool(spool))

    async def _duplicate(self, earlier: UUID) -> Uploaded:
        document = await self._repository.get(Document, earlier)
        log.info("document_duplicate", document_id=str(earlier))
        return Uploaded(earlier, document.scan, duplicate=True)

    async def _discard(self, key: str) -> None:
        # Best effort: if the store is what failed, the sweep removes the blob later.
        with contextlib.suppress(BlobStoreError):
            await self._blobs.delete(key)


@contextlib.contextmanager
def _counted_upload() -> Iterator[list[str]]:
    """Count one upload by its outcome: the block appends it, or it is read off the error."""
    outcome: list[str] = []
    try:
        yield outcome
    except VirusFound:
        outcome.append("infected")
        raise
    except (UploadRefused, DomainError):
        outcome.append("refused")
        raise
    except ScannerUnavailable:
        metrics.scanner_errors.inc()
        outcome.append("failed")
        raise
    except BlobStoreError:
        metrics.blob_store_errors.labels("put").inc()
        outcome.append("failed")
        raise
    except Exception:
        outcome.append("failed")
        raise
    finally:
        metrics.uploads.labels(outcome[-1] if outcome else "failed").inc()


def _named(filename: str | None) -> str:
    try:
        return clean_filename(filename)
    except UnsafeFilename as exc:
        raise UnsafeName(str(exc)) from exc


def _report_virus(
    case_id: UUID, actor: Actor, intake: Intake, media_type: MediaType, verdict: Verdict
) -> None:
    # For security staff: who sent what kind of file and what matched; never its bytes
    # or its name. The digest lets them recognise the same file sent again elsewhere.
    log.warning(
        "upload_virus_found",
        case_id=str(case_id),
        actor_id=actor.user_id,
        actor_role=actor.role.value,
        media_type=media_type.value,
        size=intake.size,
        sha256=intake.sha256,
        scanner=verdict.scanner,
        signature=verdict.signature,
    )

"""Page previews over HTTP: drawn after a clean scan, with alt text, for the right people only.

The machine's scanner is replaced by one that passes every file (the evidence service is
otherwise the portal's own: its repository, blob store and index); everything after the
scan is real: the previews worker, its worker processes, the blob store and the pages.
"""

import asyncio
import io
import re
from collections.abc import AsyncIterator
from pathlib import Path
from uuid import UUID

import pytest
from fpdf import FPDF
from PIL import Image

from immportal.domain.actor import Role
from immportal.domain.evidence.document import ScanResult
from immportal.domain.evidence.document_kinds import DocumentType
from immportal.projections.case_documents import PostgresDocumentIndex
from immportal.projections.document_previews import DocumentPreviews, get_document_previews
from immportal.services.evidence.service import EvidenceService
from immportal.services.repository import Repository
from testkit import evidence_samples as samples
from testkit.documents_support import NOT_FOUND, Filer, filer, upload, uploaded_id
from testkit.e2e_support import PortalOpener, accepted_case, parse_page, wait_until_projected
from testkit.evidence_fakes import FixedScanner
from testkit.officer_support import staff
from testkit.signed_in_support import people


@pytest.fixture
async def applicant(open_portal: PortalOpener, tmp_path: Path) -> AsyncIterator[Filer]:
    """A signed-in applicant's accepted I-765 case at NBC, blobs on disk."""
    portal = await open_portal(blob_dir=tmp_path / "blobs")
    async with filer(portal, tmp_path / "blobs") as who:
        yield who


def two_pages() -> bytes:
    """A two-page PDF."""
    document = FPDF(format="Letter")
    document.set_font("Helvetica", size=24)
    for number in (1, 2):
        document.add_page()
        document.cell(text=f"Passport page {number}")
    return bytes(document.output())


async def clean_upload(who: Filer, data: bytes, filename: str) -> UUID:
    """Upload as the applicant through the portal's evidence service, the scan passing it."""
    runtime = who.portal.runtime
    service = EvidenceService(
        Repository(runtime.store),
        runtime.blobs,
        FixedScanner(ScanResult.CLEAN),
        PostgresDocumentIndex(runtime.pool),
    )
    uploaded = await service.upload(
        who.case_id,
        who.person.actor,
        samples.chunks_of(data),
        filename,
        document_type=DocumentType.PASSPORT,
    )
    return uploaded.document_id


async def previews_of(who: Filer, document_id: UUID) -> DocumentPreviews:
    """The document's previews once the worker has drawn them (a minute at most)."""
    for _ in range(600):
        found = await get_document_previews(who.portal.runtime.pool, document_id)
        if found is not None:
            return found
        await asyncio.sleep(0.1)
    raise AssertionError(f"no previews of {document_id}")


def alts(html: str) -> list[str]:
    """The alt text of every page image (the layout's decorative images have none)."""
    return [alt for alt in re.findall(r'<img [^>]*alt="([^"]*)"', html) if alt]


class TestDrawnAfterACleanScan:
    """A clean PDF's pages are drawn and shown, each with its alt text and strict headers."""

    async def test_preview_page_and_images(self, applicant: Filer) -> None:
        """Two pages: two images named "Page n of 2 of passport.pdf"; a third page is not found."""
        document_id = await clean_upload(applicant, two_pages(), "passport.pdf")
        previews = await previews_of(applicant, document_id)
        assert (2, 2, "") == (previews.page_count, previews.pages, previews.refused)
        base = f"{applicant.page}/{document_id}/preview"

        response = await applicant.portal.client.get(base)
        html = await response.text()
        assert 200 == response.status
        assert ["Page 1 of 2 of passport.pdf", "Page 2 of 2 of passport.pdf"] == alts(html)

        image = await applicant.portal.client.get(f"{base}/2")
        assert 200 == image.status
        assert "image/png" == image.headers["Content-Type"]
        assert "nosniff" == image.headers["X-Content-Type-Options"]
        assert image.headers["Cache-Control"].startswith("private")
        assert "PNG" == Image.open(io.BytesIO(await image.read())).format
        for missing in ("3", "0", "x", "1e3", "99999999"):
            assert 404 == (await applicant.portal.client.get(f"{base}/{missing}")).status

    async def test_the_list_links_the_preview(self, applicant: Filer) -> None:
        """A clean document's row offers its preview."""
        document_id = await clean_upload(applicant, samples.image("JPEG"), "photo.jpg")
        html = await (await applicant.portal.client.get(applicant.page)).text()
        assert f"/documents/{document_id}/preview" in html

    async def test_a_png_named_pdf_is_listed_and_previewed_as_png(self, applicant: Filer) -> None:
        """Kept as scan.png; its one page is named so in the alt text."""
        document_id = await clean_upload(applicant, samples.image("PNG", (300, 200)), "scan.pdf")
        await previews_of(applicant, document_id)

        page = await applicant.portal.client.get(f"{applicant.page}/{document_id}/preview")
        assert ["Page 1 of 1 of scan.png"] == alts(await page.text())


class TestNeverBeforeTheScan:
    """A file no scanner passed is never drawn."""

    async def test_an_unscanned_file_has_no_preview(self, applicant: Filer) -> None:
        """Uploaded with no scanner: the page says why, no image, no row, no process."""
        document_id = await uploaded_id(await upload(applicant, two_pages(), "p.pdf"))
        base = f"{applicant.page}/{document_id}/preview"

        text = parse_page(await (await applicant.portal.client.get(base)).text()).text
        assert "A preview is made once our virus check has passed the file." in text
        assert 404 == (await applicant.portal.client.get(f"{base}/1")).status
        assert None is await get_document_previews(applicant.portal.runtime.pool, document_id)
        html = await (await applicant.portal.client.get(applicant.page)).text()
        assert f"/documents/{document_id}/preview" not in html


class TestOnlyForThoseWhoMayDownload:
    """Others get the not-found page (or the role refusal), never a 500 and never an image."""

    async def test_another_applicant(self, applicant: Filer) -> None:
        """Another applicant, even with a case of their own, gets 404 for page and image."""
        document_id = await clean_upload(applicant, two_pages(), "passport.pdf")
        await previews_of(applicant, document_id)
        base = f"{applicant.page}/{document_id}/preview"
        async with people(applicant.portal) as sign_in:
            other = await sign_in(Role.APPLICANT)
            own = await accepted_case(applicant.portal.runtime.cases, other.actor)
            await wait_until_projected(applicant.portal.runtime, own, 4)
            for path in (base, f"{base}/1", f"/cases/{own}/documents/{document_id}/preview/1"):
                response = await other.portal.client.get(path)
                assert 404 == response.status, path
                assert NOT_FOUND in parse_page(await response.text()).text

    async def test_staff_of_the_office_yes_others_no(self, applicant: Filer) -> None:
        """An officer of the case's office sees it; another office's officer and an admin do not."""
        document_id = await clean_upload(applicant, two_pages(), "passport.pdf")
        await previews_of(applicant, document_id)
        image = f"{applicant.page}/{document_id}/preview/1"
        async with staff(applicant.portal) as sign_in:
            own_office = await sign_in(Role.OFFICER, "NBC")
            elsewhere = await sign_in(Role.OFFICER, "VSC")
            admin = await sign_in(Role.ADMIN, None)

            assert 200 == (await own_office.portal.client.get(image)).status
            assert 404 == (await elsewhere.portal.client.get(image)).status
            assert (await admin.portal.client.get(image)).status in (403, 404)

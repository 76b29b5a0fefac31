"""Uploading evidence through the documents page: accepted types, refusals, duplicates, versions."""

import io
import os
import re
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from PIL import Image

from immportal.projections.case_documents import list_case_documents
from testkit import evidence_samples as samples
from testkit.clamd_daemon import Clamd, eicar
from testkit.documents_support import Filer, document_events, filer, page_text, upload, uploaded_id
from testkit.e2e_support import PortalOpener, count_events, parse_page


@pytest.fixture
async def applicant(
    open_portal: PortalOpener, database_url: str, tmp_path: Path, clamd: Clamd
) -> AsyncIterator[Filer]:
    """A signed-in applicant's accepted case; blobs on disk, every upload scanned by clamd."""
    blob_dir = tmp_path / "blobs"
    portal = await open_portal(database_url, blob_dir=blob_dir, clamd_address=clamd.tcp_address)
    async with filer(portal, blob_dir) as who:
        yield who


def noise_png(side: int = 1000) -> bytes:
    """A PNG of random pixels: about 3 MB that do not compress, past the app's 1 MiB body size."""
    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(out, format="PNG")
    return out.getvalue()


ACCEPTED = [
    (samples.pdf("Passport"), "passport.pdf", "PDF"),
    (samples.image("JPEG"), "photo.jpg", "JPEG image"),
    (samples.image("PNG"), "scan.png", "PNG image"),
    (samples.image("TIFF"), "fax.tiff", "TIFF image"),
]
REFUSED = [
    (samples.html_page(), "letter.png", "Upload a PDF, JPEG, PNG or TIFF file."),
    (samples.image("PNG")[:60], "torn.png", "The image is damaged and cannot be read."),
]


def one_byte_over_the_limit() -> bytes:
    """A PDF header followed by zeros: 20 MiB and one byte."""
    return b"%PDF-1.7\n" + b"\0" * (20 * 1024**2 + 1 - 9)


def eicar_png() -> bytes:
    """A valid PNG carrying the EICAR test file in a text chunk."""
    return samples.png_with_text(eicar().decode())


# The list of bad uploads, one row each: the file, its name, what the person reads.
BAD_UPLOADS = [
    pytest.param(
        samples.windows_executable,
        "form.pdf",
        "Upload a PDF, JPEG, PNG or TIFF file.",
        id="an executable renamed .pdf",
    ),
    pytest.param(
        samples.encrypted_pdf,
        "locked.pdf",
        "The PDF is protected with a password. Upload it without one.",
        id="an encrypted PDF",
    ),
    pytest.param(
        samples.javascript_pdf,
        "script.pdf",
        "The PDF contains scripts or actions. Upload a plain PDF.",
        id="a PDF with JavaScript",
    ),
    pytest.param(
        samples.png_bomb,
        "huge.png",
        "The image is too large. Upload a smaller scan, or fewer pages in one file.",
        id="a decompression-bomb PNG",
    ),
    pytest.param(
        one_byte_over_the_limit,
        "scan.pdf",
        "The file is larger than 20 MB.",
        id="a file one byte over the limit",
    ),
    pytest.param(
        samples.pdf,
        "../scans/pass\tport\u202efdp.pdf",
        "Rename the file without slashes or special characters, then upload it again.",
        id="a filename with path separators and control characters",
    ),
    pytest.param(
        eicar_png,
        "photo.png",
        "We found a virus in this file and did not keep it.",
        id="the EICAR test file with a scanner configured",
    ),
]


class TestBadUploads:
    """Bad uploads are each refused with a clear message, and nothing of them is stored."""

    @pytest.mark.parametrize(("make", "filename", "message"), BAD_UPLOADS)
    async def test_refused_with_a_clear_message_and_nothing_stored(
        self, applicant: Filer, make: Callable[[], bytes], filename: str, message: str
    ) -> None:
        """422 with the message alone; no event, no blob, no row; earlier documents stay."""
        assert 20 * 1024**2 == applicant.portal.runtime.evidence.max_bytes
        kept = await uploaded_id(await upload(applicant, samples.pdf("Kept"), "kept.pdf"))
        dsn, pool = applicant.portal.runtime.dsn, applicant.portal.runtime.pool
        events, blobs = await count_events(dsn), applicant.blobs()
        kept_events = await document_events(applicant.portal)

        response = await upload(applicant, make(), filename)

        page = parse_page(await response.text())
        assert (422, [message]) == (response.status, page.error_summary)
        assert "Your other documents are still saved." in page.text
        assert filename not in page.text
        assert (events, kept_events) == (
            await count_events(dsn),
            await document_events(applicant.portal),
        )
        assert blobs == applicant.blobs()
        rows = await list_case_documents(pool, applicant.case_id)
        assert [kept] == [row.document_id for row in rows]


class TestAcceptedTypes:
    """PDF, JPEG, PNG and TIFF files are kept and listed with their scan state."""

    @pytest.mark.parametrize(("data", "filename", "type_words"), ACCEPTED)
    async def test_each_type_is_listed_as_checked(
        self, applicant: Filer, data: bytes, filename: str, type_words: str
    ) -> None:
        """The upload redirects to the list, which names the file, its type and its check."""
        response = await upload(applicant, data, filename)
        document_id = await uploaded_id(response)

        page = await applicant.portal.client.get(response.headers["Location"])
        html = await page.text()
        text = parse_page(html).text
        assert f"{filename} was uploaded. Checked: no threats found." in text
        assert f"{type_words}," in text
        assert f'data-document-id="{document_id}"' in html
        assert "Checked: no threats found" in text

    async def test_larger_than_the_app_body_limit_streams_through(self, applicant: Filer) -> None:
        """A 3 MB picture passes although the app's client_max_size is 1 MiB."""
        data = noise_png()
        assert len(data) > 1024**2 * 2

        document_id = await uploaded_id(await upload(applicant, data, "big.png"))

        assert [applicant.blob_dir / "documents" / str(document_id)] == applicant.blobs()
        assert data == (applicant.blob_dir / "documents" / str(document_id)).read_bytes()


class TestRefusals:
    """Each refused file gets its plain message, and the documents saved before are kept."""

    @pytest.mark.parametrize(("data", "filename", "message"), REFUSED)
    async def test_refusal_shows_why_and_keeps_the_rest(
        self, applicant: Filer, data: bytes, filename: str, message: str
    ) -> None:
        """422 with the reason in the error summary; the earlier document is still listed."""
        await uploaded_id(await upload(applicant, samples.pdf("Kept"), "kept.pdf"))
        events = await document_events(applicant.portal)

        response = await upload(applicant, data, filename)

        page = parse_page(await response.text())
        assert 422 == response.status
        assert any(message in line for line in page.error_summary), page.error_summary
        assert "Your other documents are still saved." in page.text
        assert "kept.pdf" in page.text
        assert filename not in page.text
        assert events == await document_events(applicant.portal)
        assert 1 == len(applicant.blobs())

    async def test_no_file_chosen(self, applicant: Filer) -> None:
        """Sending the form without a file asks for one."""
        response = await upload(applicant, b"", "")

        assert 422 == response.status
        assert ["Choose a file to upload"] == parse_page(await response.text()).error_summary

    async def test_the_same_file_twice_is_noticed(self, applicant: Filer) -> None:
        """The second upload of the same bytes says so, and nothing new is kept."""
        data = samples.pdf("Twice")
        await uploaded_id(await upload(applicant, data, "first.pdf"))

        response = await upload(applicant, data, "second.pdf")

        page = parse_page(await response.text())
        assert 422 == response.status
        assert page.error_summary[0].startswith("You uploaded this file already, as first.pdf")
        assert "second.pdf" not in page.text
        assert 1 == len(applicant.blobs())


class TestVersions:
    """A corrected version is a new document that supersedes the old one."""

    async def test_new_version_replaces_without_editing(self, applicant: Filer) -> None:
        """The old document stays, marked as replaced; the new one is version 2."""
        first = await uploaded_id(await upload(applicant, samples.pdf("v1"), "lease.pdf"))
        replace_page = await page_text(applicant, f"{applicant.page}?replace={first}")
        assert "Upload a corrected version of lease.pdf" in replace_page

        second = await uploaded_id(
            await upload(applicant, samples.pdf("v2"), "lease-fixed.pdf", supersedes=str(first))
        )

        document = await applicant.portal.runtime.evidence.get(second, applicant.person.actor)
        assert (2, str(first)) == (document.version_number, document.supersedes)
        text = await page_text(applicant)
        for line in (
            r"lease\.pdf Another document PDF, \d+ bytes Evidence for the application"
            r" Replaced by a newer version",
            r"lease-fixed\.pdf Another document PDF, \d+ bytes Evidence for the application"
            r" Version 2",
        ):
            assert re.search(line, text), line
        assert 2 == len(applicant.blobs())

    async def test_a_replaced_version_cannot_be_replaced_again(self, applicant: Filer) -> None:
        """Only the newest version offers a corrected version; an old one is refused."""
        first = await uploaded_id(await upload(applicant, samples.pdf("a"), "a.pdf"))
        await uploaded_id(await upload(applicant, samples.pdf("b"), "b.pdf", supersedes=str(first)))

        response = await upload(applicant, samples.pdf("c"), "c.pdf", supersedes=str(first))

        assert 422 == response.status
        assert "That document was replaced already" in parse_page(await response.text()).text

"""Hostile uploads through the documents page: refused in words, nothing kept."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from testkit.documents_support import Filer, filer, upload
from testkit.e2e_support import PortalOpener, parse_page
from testkit.hostile_files import REFUSED_PDFS, many_frame_tiff


@pytest.fixture
async def applicant(open_portal: PortalOpener, tmp_path: Path) -> AsyncIterator[Filer]:
    """A signed-in applicant's accepted case, blobs on disk, no scanner."""
    portal = await open_portal(blob_dir=tmp_path / "blobs")
    async with filer(portal, tmp_path / "blobs") as who:
        yield who


class TestRefusedThroughThePage:
    """The probe's files are refused with the reason; no blob is left behind."""

    async def test_probe_tiff(self, applicant: Filer) -> None:
        """The 60-frame 7000x7000 TIFF (under 7 KB) is refused as too large."""
        response = await upload(applicant, many_frame_tiff(60, 7000, 7000), "scan.tif")
        page = parse_page(await response.text())
        assert response.status in (400, 413, 422)
        assert any("too large" in error for error in page.error_summary)
        assert [] == applicant.blobs()

    @pytest.mark.parametrize("name", ["xfa-form", "open-action-uri", "embedded-file"])
    async def test_hostile_pdf(self, applicant: Filer, name: str) -> None:
        """XFA, an automatic URI action and an embedded file are refused."""
        response = await upload(applicant, REFUSED_PDFS[name](), f"{name}.pdf")
        page = parse_page(await response.text())
        assert response.status in (400, 422)
        assert page.error_summary
        assert [] == applicant.blobs()

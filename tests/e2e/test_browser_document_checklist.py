"""Real-browser test of what to upload: the checklist, the typed upload, the page preview.

axe-core checks each new page (WCAG 2.2 A/AA): the checklist, the documents page with the
type list and its error, and the preview of a clean document's pages.
"""

import asyncio
import re
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from uuid import UUID

import pytest
from aiohttp import web
from playwright.async_api import Browser, Page, expect
from test_browser_applicant_cases import DemoSite, assert_accessible, seed, sign_in

from immportal.app.container import RUNTIME, Runtime
from immportal.app.web_app import create_app
from immportal.domain.actor import Actor, Role
from immportal.domain.evidence.document import ScanResult
from immportal.domain.evidence.document_kinds import DocumentType
from immportal.projections.case_documents import PostgresDocumentIndex
from immportal.projections.document_previews import get_document_previews
from immportal.services.evidence.service import EvidenceService
from immportal.services.repository import Repository
from testkit import evidence_samples as samples
from testkit.browser_support import launch_chromium
from testkit.evidence_fakes import FixedScanner
from testkit.support import make_settings


@asynccontextmanager
async def serve(database_url: str, data_dir: Path) -> AsyncIterator[tuple[DemoSite, Runtime]]:
    """The demo accounts' site on a free port (no scanner), and its runtime."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        host, port = sock.getsockname()[:2]
        base_url = f"http://{host}:{port}"
        settings = make_settings(database_url, dev=True, public_url=base_url, data_dir=data_dir)
        app = create_app(settings)
        runner = web.AppRunner(app)
        await runner.setup()
        try:
            await web.SockSite(runner, sock).start()
            yield DemoSite(base_url, await seed(app[RUNTIME])), app[RUNTIME]
        finally:
            await runner.cleanup()


@pytest.fixture
async def served(database_url: str, tmp_path: Path) -> AsyncIterator[tuple[DemoSite, Runtime]]:
    """The site for one test."""
    async with serve(database_url, tmp_path) as pair:
        yield pair


@pytest.fixture
async def chromium() -> AsyncIterator[Browser]:
    """Debian's headless Chromium for one test."""
    async with launch_chromium() as browser:
        yield browser


async def open_case(page: Page, site: DemoSite) -> UUID:
    """Sign in as the demo applicant and open their N-400; return its id."""
    await sign_in(page, site, Role.APPLICANT)
    await page.get_by_role("link", name="Your cases").click()
    await page.get_by_role("link", name="N-400").first.click()
    await expect(page.get_by_role("link", name="What to upload for your answers")).to_be_visible()
    found = re.search(r"/cases/([0-9a-f-]{36})", page.url)
    assert found is not None, page.url
    return UUID(found.group(1))


class TestWhatToUpload:
    """From the case page to the checklist, a typed upload, and the item ticked off."""

    async def test_checklist_upload_and_tick(
        self, served: tuple[DemoSite, Runtime], chromium: Browser, tmp_path: Path
    ) -> None:
        """Every page passes axe; a PNG named .pdf is kept as .png and ticks its item."""
        site, _ = served
        page = await (await chromium.new_context(bypass_csp=True)).new_page()
        await open_case(page, site)
        await page.get_by_role("link", name="What to upload for your answers").click()
        await expect(page.get_by_role("heading", level=1)).to_have_text("What to upload")
        await assert_accessible(page)
        first = page.locator("[data-status]").first
        needed_type = await first.get_attribute("data-document-type")
        assert needed_type
        assert "needed" == await first.get_attribute("data-status")

        await page.get_by_role("link", name="Upload a document").click()
        chosen = tmp_path / "scan.pdf"
        chosen.write_bytes(samples.image("PNG", (120, 90)))
        await page.locator("#document-file").set_input_files(chosen)
        await page.get_by_role("button", name="Upload", exact=True).click()
        await expect(page.locator("#error-summary")).to_contain_text(
            "Choose what kind of document this is"
        )
        await assert_accessible(page)

        # The type the checklist asks for first leads the list.
        select = page.get_by_label("What is this document?")
        asked = select.locator('optgroup[label="Asked for by your answers"] option').first
        assert needed_type == await asked.get_attribute("value")
        await select.select_option(needed_type)
        await page.locator("#document-file").set_input_files(chosen)
        await page.get_by_role("button", name="Upload", exact=True).click()
        await expect(page.get_by_role("status")).to_contain_text("scan.png was uploaded.")
        await expect(page.get_by_role("row", name="scan.png")).to_be_visible()
        await assert_accessible(page)

        await page.get_by_role("link", name="What to upload for your answers").click()
        ticked = page.locator(f'[data-document-type="{needed_type}"]')
        await expect(ticked).to_have_attribute("data-status", "uploaded")
        await expect(ticked).to_contain_text("scan.png")
        await assert_accessible(page)


class TestPreviewInABrowser:
    """A clean two-page PDF is shown as two page images with their alt text."""

    async def test_preview_pages(self, served: tuple[DemoSite, Runtime], chromium: Browser) -> None:
        """The list links the preview; both images load as pictures; axe finds nothing."""
        site, runtime = served
        page = await (await chromium.new_context(bypass_csp=True)).new_page()
        case_id = await open_case(page, site)
        case = await runtime.cases.get(case_id)
        service = EvidenceService(
            Repository(runtime.store),
            runtime.blobs,
            FixedScanner(ScanResult.CLEAN),
            PostgresDocumentIndex(runtime.pool),
        )
        uploaded = await service.upload(
            case_id,
            Actor(case.applicant_id, Role.APPLICANT),
            samples.chunks_of(samples.pdf("Passport copy")),
            "passport.pdf",
            document_type=DocumentType.PASSPORT,
        )
        for _ in range(600):
            if await get_document_previews(runtime.pool, uploaded.document_id):
                break
            await asyncio.sleep(0.1)

        await page.goto(site.url(f"/cases/{case_id}/documents"))
        await page.get_by_role("link", name="Preview passport.pdf").click()
        await expect(page.get_by_role("heading", level=1)).to_have_text("Preview of passport.pdf")
        image = page.get_by_role("img", name="Page 1 of 1 of passport.pdf")
        await expect(image).to_be_visible()
        assert 0 < await image.evaluate("i => i.naturalWidth")
        await assert_accessible(page)

"""Real-browser test of the documents page: upload through the file chooser, see it, download it."""

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from aiohttp import web
from playwright.async_api import Browser, expect
from test_browser_applicant_cases import DemoSite, assert_accessible, seed, sign_in

from immportal.app.container import RUNTIME
from immportal.app.web_app import create_app
from immportal.domain.actor import Role
from testkit import evidence_samples as samples
from testkit.browser_support import launch_chromium
from testkit.clamd_daemon import Clamd
from testkit.support import make_settings


@asynccontextmanager
async def serve_scanned_site(
    database_url: str, data_dir: Path, clamd: Clamd
) -> AsyncIterator[DemoSite]:
    """The demo accounts' site on a free port, every upload scanned by clamd."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        host, port = sock.getsockname()[:2]
        base_url = f"http://{host}:{port}"
        settings = make_settings(
            database_url,
            dev=True,
            public_url=base_url,
            data_dir=data_dir,
            clamd_address=clamd.tcp_address,
        )
        app = create_app(settings)
        runner = web.AppRunner(app)
        await runner.setup()
        try:
            await web.SockSite(runner, sock).start()
            yield DemoSite(base_url, await seed(app[RUNTIME]))
        finally:
            await runner.cleanup()


@pytest.fixture
async def site(database_url: str, tmp_path: Path, clamd: Clamd) -> AsyncIterator[DemoSite]:
    """The scanned demo site for one test."""
    async with serve_scanned_site(database_url, tmp_path, clamd) as served:
        yield served


@pytest.fixture
async def chromium() -> AsyncIterator[Browser]:
    """Debian's headless Chromium for one test."""
    async with launch_chromium() as browser:
        yield browser


class TestDocumentsInABrowser:
    """The applicant uploads evidence with the file chooser and downloads it again."""

    async def test_upload_see_scan_state_and_download(
        self, site: DemoSite, chromium: Browser, tmp_path: Path
    ) -> None:
        """The file is listed as checked, the page passes axe, and the download is the same."""
        data = samples.pdf("Proof of address")
        chosen = tmp_path / "proof of address.pdf"
        chosen.write_bytes(data)
        # bypass_csp only lets axe-core's inline script run; the page's own CSP is kept otherwise.
        context = await chromium.new_context(bypass_csp=True, accept_downloads=True)
        page = await context.new_page()
        await sign_in(page, site, Role.APPLICANT)
        await page.get_by_role("link", name="Your cases").click()
        await page.get_by_role("link", name="N-400").first.click()
        await page.get_by_role("link", name="Documents: upload evidence").click()
        await expect(page.get_by_role("heading", level=1)).to_have_text("Documents")
        await assert_accessible(page)

        await page.get_by_label("What is this document?").select_option("residence_proof")
        await page.locator("#document-file").set_input_files(chosen)
        await page.get_by_role("button", name="Upload", exact=True).click()

        await expect(page.get_by_role("status")).to_contain_text(
            "proof of address.pdf was uploaded. Checked: no threats found."
        )
        row = page.get_by_role("row", name="proof of address.pdf")
        await expect(row).to_contain_text("Checked: no threats found")
        await expect(row).to_contain_text("PDF")
        await assert_accessible(page)

        async with page.expect_download() as downloading:
            await row.get_by_role("link", name="Download").click()
        download = await downloading.value
        assert "proof of address.pdf" == download.suggested_filename
        assert data == await asyncio.to_thread((await download.path()).read_bytes)

    async def test_a_refusal_is_shown_accessibly(
        self, site: DemoSite, chromium: Browser, tmp_path: Path
    ) -> None:
        """A locked PDF gets the error summary, linked to the file chooser, and passes axe."""
        chosen = tmp_path / "locked.pdf"
        chosen.write_bytes(samples.encrypted_pdf())
        page = await (await chromium.new_context(bypass_csp=True)).new_page()
        await sign_in(page, site, Role.APPLICANT)
        await page.get_by_role("link", name="Your cases").click()
        await page.get_by_role("link", name="N-400").first.click()
        await page.get_by_role("link", name="Documents: upload evidence").click()

        await page.get_by_label("What is this document?").select_option("passport")
        await page.locator("#document-file").set_input_files(chosen)
        await page.get_by_role("button", name="Upload", exact=True).click()

        summary = page.locator("#error-summary")
        await expect(summary).to_contain_text("The PDF is protected with a password.")
        await expect(page.get_by_role("table")).to_have_count(0)
        await assert_accessible(page)

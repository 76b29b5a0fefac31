"""What the real-browser tests share: the portal on a local port, Debian's Chromium, axe-core.

The test module wraps `serve_demo_site` and `launch_chromium` in its own fixtures:
fixtures imported by name would be shadowed by the tests' parameters (ruff F811), and
`pytest_plugins` would load this module after the test module imported it, so pytest
could not rewrite its asserts.
"""

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import asyncpg
import pytest
from aiohttp import web
from playwright.async_api import Browser, Page, async_playwright

from immportal.app.container import RUNTIME, Runtime
from immportal.app.web_app import create_app
from immportal.dev.demo.cases import seed_demo_cases
from immportal.projections.case_summary import CaseSummary, get_case_summary
from immportal.projections.case_timeline import get_timeline
from testkit.e2e_support import CATCH_UP_SECONDS
from testkit.support import make_settings

# Playwright cannot download its own browsers here; Debian's build is the one we test with.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # tests may run as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA: what the portal promises (DESIGN.md, decision 7).
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@dataclass(frozen=True)
class Site:
    """The real application served over TCP, seeded with the demonstration cases."""

    base_url: str
    cases: list[CaseSummary]

    def url(self, path: str) -> str:
        """An absolute URL on the site."""
        return self.base_url + path


@asynccontextmanager
async def serve_demo_site(database_url: str) -> AsyncIterator[Site]:
    """The portal with its development pages on a free port, demo cases projected.

    The socket is bound first so that the public URL (the origin the CSRF check
    expects from the browser) can name its port.
    """
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        host, port = sock.getsockname()[:2]
        base_url = f"http://{host}:{port}"
        app = create_app(make_settings(database_url, dev=True, public_url=base_url))
        runner = web.AppRunner(app)
        await runner.setup()  # opens the runtime and starts the projections (cleanup_ctx)
        try:
            await web.SockSite(runner, sock).start()
            runtime = app[RUNTIME]
            summaries = await projected(runtime, await seed_demo_cases(runtime.cases))
            yield Site(base_url, summaries)
        finally:
            await runner.cleanup()


class _NotYet(Exception):
    """A read model has not caught up with the event store yet."""


async def projected(runtime: Runtime, case_ids: list[UUID]) -> list[CaseSummary]:
    """Poll the read models (bounded) until every case's summary and timeline are current."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + CATCH_UP_SECONDS
    while True:
        try:
            return [await _current_summary(runtime, case_id) for case_id in case_ids]
        except (asyncpg.UndefinedTableError, _NotYet):
            # The projection runners create their views once they lead, a moment after
            # start-up, so the first polls may find no view at all.
            if loop.time() > deadline:
                raise AssertionError(f"demo cases not projected in {CATCH_UP_SECONDS}s") from None
            await asyncio.sleep(0.02)


async def _current_summary(runtime: Runtime, case_id: UUID) -> CaseSummary:
    version = (await runtime.cases.get(case_id)).version
    summary = await get_case_summary(runtime.pool, case_id)
    timeline = await get_timeline(runtime.pool, case_id, include_staff_only=True)
    if summary is None or summary.version < version or not timeline:
        raise _NotYet
    if timeline[-1].version < version:
        raise _NotYet
    return summary


@asynccontextmanager
async def launch_chromium() -> AsyncIterator[Browser]:
    """Debian's headless Chromium, driven by Playwright."""
    if not CHROMIUM.exists():  # noqa: ASYNC240 - one stat before launching a browser
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` (apt-get install chromium)")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            await browser.close()


async def wcag_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now; return the WCAG 2.x A/AA violations.

    Without the built USWDS stylesheet (`make assets`) the page falls back to the browser's
    own styles, and target-size would measure those rather than the portal's; that one
    rule is then left out, every other rule still runs.
    """
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `npm ci` (or `make assets`)")
    await page.add_script_tag(path=AXE_SCRIPT)
    result: dict[str, Any] = await page.evaluate(
        """([tags, styled]) => axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            rules: styled ? {} : {'target-size': {enabled: false}},
        })""",
        [WCAG_AA_TAGS, await uswds_styled(page)],
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


async def uswds_styled(page: Page) -> bool:
    """Whether the page loaded the USWDS stylesheet (it is built, not committed)."""
    styled: bool = await page.evaluate(
        """() => [...document.styleSheets].some(
            sheet => (sheet.href || '').includes('/uswds/') && sheet.cssRules.length > 0
        )"""
    )
    return styled


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """One paragraph per violated rule, naming each offending element, for a failure message."""
    paragraphs = []
    for rule in violations:
        lines = [f"{rule['id']} ({rule['impact']}): {rule['help']} <{rule['helpUrl']}>"]
        for node in rule["nodes"]:
            lines.append(f"  {' '.join(node['target'])}: {node['failureSummary']}")
            lines.append(f"    {node['html']}")
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)

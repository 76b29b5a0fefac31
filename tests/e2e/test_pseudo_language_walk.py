"""Every applicant-facing page in the pseudo-language: words that bypass translation show up.

The pseudo-language (immportal.i18n.pseudo) turns every message of messages.pot into
"⟦Àççéñţéδ~~⟧" text. This walk opens every applicant-facing GET route of the read-side
route table (tests/e2e/test_read_side_never_replays.py, on its scene) with `?lang=en_XA`
and reads each page's visible text: any text outside a ⟦ ⟧ message that still holds
English words was printed without going through the catalog.

Pages not yet translated are listed by name in NOT_YET_TRANSLATED. The list only
shrinks: a listed page whose words all pass fails the test until it is taken off (whoever
translates a page takes it off), a new page must be translated from the start, and on
every page, listed or not, the frame (banner, header, navigation, footer) must pass.
Data is not words: names, email addresses, receipt numbers, dates, amounts and codes
are left alone (DATA below), as is anything marked translate="no" or in its own lang.
"""

import re
from collections.abc import AsyncIterator
from html.parser import HTMLParser

import pytest
import pytest_asyncio
from test_read_side_never_replays import ROWS, browser_of

from immportal.i18n import PSEUDO_LANGUAGE
from immportal.i18n.pseudo import CLOSE, OPEN
from testkit.read_side_support import ReadScene, read_scene
from testkit.signed_in_support import browsers

APPLICANT_SEATS = ("visitor", "applicant", "representative", "code-step", "app-set-up")
"""Who the walk opens pages as: applicants, representatives and people signing in."""

NOT_YET_TRANSLATED = {
    "/account",  # its time-zone name comes from Babel, which has no pseudo-language
    "/cases/{case_id}/documents",
    "/cases/{case_id}/notices/{notice_id}",
    "/cases/{case_id}/appointments/reschedule",
    "/cases/{case_id}/messages",
    "/cases/{case_id}/requests",
    "/cases/{case_id}/requests/expedite",
    "/cases/{case_id}/requests/correction",
    "/cases/{case_id}/requests/accommodation",
    "/cases/{case_id}/apply/check",
    "/cases/{case_id}/pay",
    "/cases/{case_id}/fee-waiver",
    "/payments/{payment_id}/receipt",
    "/share-codes",
    "/share-codes/new",
    "/share-codes/{share_id}",
}
"""Routes whose own words are not all marked for translation yet (their frame is)."""

DATA = re.compile(
    r"""
    [\w.+-]+@[\w-]+(?:\.[\w-]+)+                     # email addresses
    | \b[A-Z]{3}\d{10}\b                             # receipt numbers
    | \b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f-]{27}\b      # ids
    | \b(?:January|February|March|April|May|June|July|August|September|October|November
        |December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b  # dates (Babel's)
    | \b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b
    | \b(?:AM|PM|EST|EDT|CST|CDT|MST|MDT|PST|PDT|UTC|GMT)\b
    | \$[\d,.]+                                      # money
    | https?://\S+                                   # addresses
    | \bimmportal\b                                  # the service's name (titles)
    | \b(?:Form\s)?[A-Z]-?\d{2,4}[A-Z]?\b            # form numbers (I-765, N-400)
    """,
    re.VERBOSE,
)
WORD = re.compile(r"[A-Za-z]{2,}")
# Elements whose text is not shown as page text, or not words of ours.
_SKIPPED = {"script", "style", "template", "code", "pre", "textarea", "option", "svg"}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
_FRAME = {"usa-skipnav", "usa-banner", "site-header", "site-footer", "site-language"}
"""Classes of base.html's frame: the skip link, banner, header (with the navigation) and footer."""


class _Texts(HTMLParser):
    """Visible text outside any ⟦ ⟧ message, split into the frame's and the page's own."""

    def __init__(self, page_lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_lang = page_lang
        self.stack: list[tuple[str, bool, bool]] = []  # tag, exempt, in frame
        self.depth = 0  # how many ⟦ are open
        self.frame: list[str] = []
        self.own: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        values = dict(attrs)
        parent_exempt, parent_frame = self.stack[-1][1:] if self.stack else (False, False)
        exempt = (
            parent_exempt
            or tag in _SKIPPED
            or values.get("translate") == "no"
            or ("lang" in values and tag != "html" and values["lang"] != self.page_lang)
        )
        frame = parent_frame or bool(_FRAME & set((values.get("class") or "").split()))
        self.stack.append((tag, exempt, frame))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        exempt, frame = self.stack[-1][1:] if self.stack else (False, False)
        outside: list[str] = []
        for char in data:
            if char == OPEN:
                self.depth += 1
            elif char == CLOSE:
                self.depth = max(0, self.depth - 1)
            elif self.depth == 0:
                outside.append(char)
        if exempt:
            return
        text = " ".join("".join(outside).split())
        if self._a_value(text):
            return
        if WORD.search(DATA.sub(" ", text)):
            (self.frame if frame else self.own).append(text)

    def _a_value(self, text: str) -> bool:
        # A value in a summary list or table made only of capitalised words is a person's
        # answer (a name, a city, a country), not words of ours.
        words = text.replace(",", " ").split()
        in_value = any(tag in ("dd", "td") for tag, _, _ in self.stack)
        return (
            in_value
            and bool(words)
            and all(word[:1].isupper() or word[:1].isdigit() for word in words)
        )


def untranslated(html: str) -> _Texts:
    """The page's visible English text that did not come from the catalog."""
    match = re.search(r'<html lang="([^"]+)"', html)
    parser = _Texts(match.group(1) if match else "")
    parser.feed(html)
    parser.close()
    return parser


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def scene(
    admin_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[ReadScene]:
    """The read-side scene, on a portal that also speaks the pseudo-language."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("IMMPORTAL_LANGUAGES", f"en,es,{PSEUDO_LANGUAGE}")
        async with read_scene(admin_url, tmp_path_factory.mktemp("pseudo")) as staged:
            yield staged


def _walked() -> list[tuple[str, str, str]]:
    return [
        (row.route, row.url, seat)
        for row in ROWS
        if row.status == 200 and not row.url.startswith(("/api/", "/.well-known/", "/dev/"))
        for seat in row.seats
        if seat in APPLICANT_SEATS
    ]


class TestAllowList:
    """The list of pages not yet translated stays honest."""

    def test_listed_routes_exist(self) -> None:
        """The allow-list names only routes the walk opens."""
        assert set() == NOT_YET_TRANSLATED - {route for route, _, _ in _walked()}


@pytest.mark.asyncio(loop_scope="module")
class TestPseudoLanguageWalk:
    """Every applicant-facing page, in the pseudo-language."""

    async def test_walk(self, scene: ReadScene) -> None:
        """No English outside the catalog on translated pages, nor in any page's frame."""
        values = scene.values()
        frame_misses: dict[str, list[str]] = {}
        page_misses: dict[str, list[str]] = {}
        clean: set[str] = set()
        pages = 0
        async with browsers(scene.portal) as open_browser:
            visitor = open_browser()
            for route, url_template, seat in _walked():
                url = url_template.format(**values)
                joiner = "&" if "?" in url else "?"
                browser = browser_of(scene, seat, visitor)
                response = await browser.client.get(
                    f"{url}{joiner}lang={PSEUDO_LANGUAGE}", allow_redirects=False
                )
                if "text/html" not in response.headers.get("Content-Type", ""):
                    continue
                html = await response.text()
                pages += 1
                assert '<html lang="en-XA"' in html, (route, seat)
                found = untranslated(html)
                if found.frame:
                    frame_misses[f"{route} as {seat}"] = found.frame
                if found.own:
                    page_misses.setdefault(route, []).extend(found.own)
                else:
                    clean.add(route)
        assert pages > 30  # the walk reached the pages, not only redirects and files
        assert [] == sorted(frame_misses), frame_misses
        unlisted = {r: texts[:5] for r, texts in page_misses.items() if r not in NOT_YET_TRANSLATED}
        assert [] == sorted(unlisted), unlisted
        # A page that is translated now comes off the list, so the list only shrinks.
        translated = sorted((clean - set(page_misses)) & NOT_YET_TRANSLATED)
        assert [] == translated, f"translated now, take off NOT_YET_TRANSLATED: {translated}"

"""The language switch's return path and the page's language links, without a server."""

import pytest
from aiohttp import web
from aiohttp.test_utils import make_mocked_request

from immportal.settings import Settings
from immportal.web.keys import SETTINGS
from immportal.web.language import LANGUAGE, PageLanguage, requested_language, return_path


def _request(path: str, headers: dict[str, str] | None = None, **settings: object) -> web.Request:
    app = web.Application()
    app[SETTINGS] = Settings(public_url="https://portal.example", **settings)  # type: ignore[arg-type]
    return make_mocked_request("GET", path, headers=headers or {}, app=app)


class TestReturnPath:
    """The switch only ever sends people back to a page of this site."""

    @pytest.mark.parametrize(
        ("sent", "back"),
        [
            ("/cases/1?tab=2", "/cases/1?tab=2"),
            ("//evil.example/", "/"),
            ("/\\evil.example", "/"),
            ("https://evil.example/", "/"),
            ("javascript:alert(1)", "/"),
            ("/ok\r\nSet-Cookie: x=1", "/"),
            ("", "/"),
            (None, "/"),
        ],
        ids=[
            "local",
            "protocol-relative",
            "backslash",
            "absolute",
            "script",
            "crlf",
            "empty",
            "none",
        ],
    )
    def test_return_path(self, sent: str | None, back: str) -> None:
        """A local path is kept; anything else goes to the home page."""
        assert back == return_path(sent)


class TestRequestedLanguage:
    """The address beats the cookie, which beats the browser; English otherwise."""

    def test_order(self) -> None:
        """?lang=, then the cookie, then Accept-Language, then English."""
        spanish_browser = {"Accept-Language": "es-MX"}
        assert "es" == requested_language(_request("/", spanish_browser))
        cookie = {**spanish_browser, "Cookie": "immportal_lang=en"}
        assert "en" == requested_language(_request("/", cookie))
        assert "es" == requested_language(_request("/?lang=es", cookie))
        assert "en" == requested_language(_request("/?lang=fr", {"Accept-Language": "de"}))

    def test_arabic_only_in_development(self) -> None:
        """Arabic is offered in development mode only."""
        assert "en" == requested_language(_request("/?lang=ar"))
        assert "ar" == requested_language(_request("/?lang=ar", dev=True))


class TestPageLanguage:
    """What base.html prints about the page's language."""

    def test_links(self) -> None:
        """Alternates are absolute, one per language; switches lead back to the page."""
        request = _request("/contact?x=1&lang=es")
        request[LANGUAGE] = "es"
        page = PageLanguage(request)
        assert ("es", "ltr") == (page.current.tag, page.current.direction)
        assert [
            "https://portal.example/contact?x=1&lang=en",
            "https://portal.example/contact?x=1&lang=es",
        ] == [link.href for link in page.alternates]
        assert ["/language/en?next=/contact?x%3D1"] == [link.href for link in page.switches]
        assert "/contact?x=1" == page.back
        assert "https://portal.example/contact?x=1" == page.default_href

    def test_token_pages_keep_their_token_in_place(self) -> None:
        """On an emailed link's page the switch shows the same address in the other language."""
        request = _request("/account/reset?token=secret-value")
        request[LANGUAGE] = "en"
        switches = PageLanguage(request).switches
        assert ["/account/reset?token=secret-value&lang=es"] == [link.href for link in switches]

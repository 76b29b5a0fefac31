"""Choosing the language: Accept-Language, the switch link, the cookie, lang and hreflang."""

import pytest

from testkit.e2e_support import Portal, PortalOpener, parse_page


class TestNegotiated:
    """People not signed in get the language their browser asks for."""

    async def test_spanish_browser_gets_spanish(self, portal: Portal) -> None:
        """Accept-Language es-MX gives <html lang="es">, Spanish words, Content-Language es."""
        response = await portal.client.get("/contact", headers={"Accept-Language": "es-MX,es"})
        html = await response.text()
        assert 200 == response.status
        assert '<html lang="es" dir="ltr"' in html
        assert "Ir al contenido principal" in html
        assert "es" == response.headers["Content-Language"]
        assert "Accept-Language" in response.headers.getall("Vary")[-1]

    async def test_other_browsers_get_english(self, portal: Portal) -> None:
        """A language the portal does not offer falls back to English."""
        html = await (await portal.client.get("/", headers={"Accept-Language": "de"})).text()
        assert '<html lang="en" dir="ltr"' in html
        assert "Skip to main content" in html

    async def test_hreflang_alternates(self, open_portal: PortalOpener) -> None:
        """Each offered language has an alternate address of the same page."""
        portal = await open_portal(dev=False)
        html = await (await portal.client.get("/privacy")).text()
        assert 'hreflang="en" href="' in html
        assert "/privacy?lang=en" in html
        assert 'hreflang="es" href="' in html
        assert "/privacy?lang=es" in html
        assert 'hreflang="ar"' not in html  # Arabic is for development mode only
        spanish = await (await portal.client.get("/privacy?lang=es")).text()
        assert '<html lang="es"' in spanish

    async def test_error_pages_are_translated(self, portal: Portal) -> None:
        """A 404 in Spanish says so in Spanish."""
        response = await portal.client.get("/no-such-page", headers={"Accept-Language": "es"})
        assert 404 == response.status
        assert "No encontramos esa página o caso" in parse_page(await response.text()).text


class TestSwitch:
    """The switch link keeps the person on the same page and is remembered."""

    async def test_switch_keeps_the_page(self, portal: Portal) -> None:
        """The link on /contact leads back to /contact, now in Spanish, with a link back."""
        html = await (await portal.client.get("/contact?x=1")).text()
        assert 'href="/language/es?next=/contact?x%3D1"' in html
        switched = await portal.client.get(
            "/language/es", params={"next": "/contact?x=1"}, allow_redirects=False
        )
        assert (303, "/contact?x=1") == (switched.status, switched.headers["Location"])
        assert "es" == switched.cookies["immportal_lang"].value
        after = await (await portal.client.get("/contact?x=1")).text()
        assert '<html lang="es"' in after
        assert 'lang="en" hreflang="en"' in after
        assert ">English</a>" in after

    async def test_cookie_beats_the_browser(self, portal: Portal) -> None:
        """Once chosen, English stays English for a browser that prefers Spanish."""
        await portal.client.get("/language/en", params={"next": "/"}, allow_redirects=False)
        html = await (await portal.client.get("/privacy", headers={"Accept-Language": "es"})).text()
        assert '<html lang="en"' in html

    @pytest.mark.parametrize(
        "target",
        ["//evil.example/x", "https://evil.example/", "/\\evil.example", "evil"],
        ids=["protocol-relative", "absolute", "backslash", "relative"],
    )
    async def test_no_open_redirect(self, portal: Portal, target: str) -> None:
        """Anything but a path on this site sends the person to the home page."""
        response = await portal.client.get(
            "/language/es", params={"next": target}, allow_redirects=False
        )
        assert (303, "/") == (response.status, response.headers["Location"])

    async def test_no_header_splitting(self, portal: Portal) -> None:
        """A line break in the return path never reaches a header (refused or sent home)."""
        response = await portal.client.get(
            "/language/es", params={"next": "/ok\r\nX-Injected: y"}, allow_redirects=False
        )
        assert "X-Injected" not in response.headers
        assert "/" == response.headers.get("Location", "/")
        assert response.status in (303, 400)

    async def test_unknown_language(self, portal: Portal) -> None:
        """A language the portal does not offer is not found, and sets nothing."""
        response = await portal.client.get("/language/fr?next=/", allow_redirects=False)
        assert 404 == response.status
        assert "immportal_lang" not in response.cookies


class TestRightToLeft:
    """Development mode offers Arabic, written right to left."""

    async def test_arabic_is_rtl(self, portal: Portal) -> None:
        """<html dir="rtl">, a translated skip link, and the switch back in each language."""
        html = await (await portal.client.get("/sign-in?lang=ar")).text()
        assert '<html lang="ar" dir="rtl"' in html
        assert "انتقل إلى المحتوى الرئيسي" in html
        assert ">English</a>" in html
        assert ">Español</a>" in html


class TestStaticFiles:
    """Static files are the same in every language."""

    async def test_no_vary_on_static(self, portal: Portal) -> None:
        """A stylesheet carries no Content-Language and does not vary by language."""
        response = await portal.client.get("/static/css/languages.css")
        assert 200 == response.status
        assert "Content-Language" not in response.headers
        assert "Accept-Language" not in response.headers.get("Vary", "")

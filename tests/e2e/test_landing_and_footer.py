"""Each role lands on its work after signing in; the header, home page and footer follow suit."""

import pyotp
import pytest

from immportal.domain.actor import Role
from immportal.web.navigation import PRIMARY_LINKS, home_path
from testkit.e2e_support import Portal, form_token, parse_page, post_form
from testkit.signed_in_support import PASSWORD, browsers, open_account

LANDINGS = {
    Role.APPLICANT: "/cases",
    Role.REPRESENTATIVE: "/cases",
    Role.OFFICER: "/staff/queue",
    Role.SUPERVISOR: "/staff/queue?view=review",
    Role.AUDITOR: "/audit",
    Role.ANALYST: "/analytics",
    Role.ADMIN: "/admin/recoveries",
}


async def _signed_in(portal: Portal, browser: Portal, role: Role) -> str:
    """Sign a new account of the role in; where the code step sends them."""
    _, email, key = await open_account(portal, role)
    token = await form_token(browser, "/sign-in")
    first = await post_form(
        browser, "/sign-in", {"email": email, "password": PASSWORD}, token=token
    )
    assert 303 == first.status
    token = await form_token(browser, "/sign-in/code")
    code = {"code": pyotp.TOTP(key).now()}
    second = await post_form(browser, "/sign-in/code", code, token=token)
    assert 303 == second.status
    return second.headers["Location"]


class TestLanding:
    """The code step sends each role to its work; the page there answers 200."""

    @pytest.mark.parametrize("role", list(LANDINGS), ids=[r.value for r in LANDINGS])
    async def test_role_lands_on_its_work(self, portal: Portal, role: Role) -> None:
        """Applicants to their cases, officers to the queue, supervisors to review, and so on."""
        async with browsers(portal) as open_browser:
            browser = open_browser()
            landed = await _signed_in(portal, browser, role)
            page = await browser.client.get(landed)
            home = await (await browser.client.get("/")).text()
            again = await browser.client.get("/sign-in", allow_redirects=False)

        assert (LANDINGS[role], 200) == (landed, page.status)
        assert LANDINGS[role] == home_path(role)
        # The signed-in home page leads to the work, and offers no sign-in.
        assert f'href="{LANDINGS[role].replace("&", "&amp;")}"' in home
        assert 'href="/sign-in">Sign in</a>' not in home  # (a hidden idle warning says "again")
        assert 'href="/account/create"' not in home
        assert (303, LANDINGS[role]) == (again.status, again.headers["Location"])

    @pytest.mark.parametrize("role", list(LANDINGS), ids=[r.value for r in LANDINGS])
    async def test_header_has_the_roles_links(self, portal: Portal, role: Role) -> None:
        """The primary navigation lists the role's pages, then the account and sign out."""
        async with browsers(portal) as open_browser:
            browser = open_browser()
            landed = await _signed_in(portal, browser, role)
            html = await (await browser.client.get(landed)).text()
        header = html[html.index('<nav class="site-nav"') : html.index("</nav>")]

        for link in PRIMARY_LINKS[role]:
            assert f'href="{link.href.replace("&", "&amp;")}"' in header
        assert 'href="/account">Your account<' in header
        assert ">Sign out<" in header
        assert 'aria-current="page"' in header


class TestPublicPages:
    """The footer's pages, open to everyone, linked from every page."""

    @pytest.mark.parametrize(
        ("path", "heading"),
        [
            ("/contact", "Contact us"),
            ("/privacy", "Privacy notice"),
            ("/accessibility", "Accessibility statement"),
        ],
    )
    async def test_footer_page(self, portal: Portal, path: str, heading: str) -> None:
        """Each page opens for a visitor, and every page's footer links to it."""
        response = await portal.client.get(path)
        html = await response.text()
        home = await (await portal.client.get("/")).text()

        assert 200 == response.status
        assert heading in parse_page(html).text
        footer = home[home.index('<footer class="usa-footer') :]
        assert f'href="{path}"' in footer

    async def test_footer_contact_and_reference(self, portal: Portal) -> None:
        """The footer leads to secure messages (the cases page) and shows the reference code."""
        html = await (await portal.client.get("/processing-times")).text()
        footer = html[html.index('<footer class="usa-footer') :]
        assert 'href="/cases"' in footer
        assert "site-reference__code" in footer

    async def test_visitor_home_offers_sign_in(self, portal: Portal) -> None:
        """Someone not signed in is offered sign-in and account creation."""
        html = await (await portal.client.get("/")).text()
        assert 'href="/sign-in"' in html
        assert 'href="/account/create"' in html

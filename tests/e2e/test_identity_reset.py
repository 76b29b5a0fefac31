"""End-to-end tests of the forgot-password and reset-password pages (web.identity_reset)."""

import re
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from uuid import UUID, uuid4

import pytest
from pytest_aiohttp import AiohttpClient

from immportal.adapters.mail.mailbox import StoredMail, read_mailbox
from immportal.adapters.postgres.sessions import PostgresSessionStore as SessionStore
from immportal.app.web_app import create_app
from immportal.domain.actor import Role
from immportal.domain.identity.errors import WrongPassword
from immportal.domain.identity.passwords import TOO_COMMON, TOO_SHORT
from immportal.web.identity_reset import FORGOT_PATH, PASSWORDS_DIFFER, add_reset_routes
from testkit.e2e_support import Page, Portal, form_token, parse_page, post_form
from testkit.mail_support import mail_arrives
from testkit.support import make_settings

SENT = "If an account uses that address, we sent a link. It works for one hour."
DONE = "Your password was changed. Sign in with your new password and your authenticator."
EXPIRED = "This link has stopped working"
OLD_PASSWORD = "lantern orchard tuesday violin"
NEW_PASSWORD = "copper kettle winter meadow"
_URL = re.compile(r"https?://\S+")


@pytest.fixture
async def portal(database_url: str, tmp_path: Path, aiohttp_client: AiohttpClient) -> Portal:
    """The real application in dev mode, its mailbox in this test's folder, with reset pages."""
    app = create_app(make_settings(database_url, dev=True, data_dir=tmp_path))
    # Until app.py registers the pages itself; registering twice would raise.
    if not any(r.resource.canonical == FORGOT_PATH for r in app.router.routes() if r.resource):
        add_reset_routes(app)
    return Portal(await aiohttp_client(app))


async def mails(tmp_path: Path, subject: str) -> list[StoredMail]:
    """The mails with this subject in the local mailbox."""
    return [m for m in await read_mailbox(tmp_path / "mailbox") if m.subject == subject]


async def register(portal: Portal) -> tuple[str, UUID]:
    """A new applicant account with an address no other test uses."""
    email = f"maria.{uuid4().hex[:8]}@example.org"
    account_id = await portal.runtime.accounts.register(email, OLD_PASSWORD, ["Maria Garcia"])
    return email, account_id


async def ask_for_link(portal: Portal, email: str) -> Page:
    """Fill in the forgot-password form; return the page that answers."""
    token = await form_token(portal, FORGOT_PATH)
    response = await post_form(portal, FORGOT_PATH, {"email": email}, token=token)
    assert 200 == response.status
    # The link is mailed after the answer, the same way whether or not the address is known.
    await portal.runtime.after_response.drain()
    return parse_page(await response.text())


async def emailed_link(portal: Portal, tmp_path: Path, email: str) -> str:
    """Ask for a reset link; return the path and query of the link that was emailed."""
    await ask_for_link(portal, email)
    (mail,) = await mails(tmp_path, "Reset your password")
    (url,) = _URL.findall(mail.text)
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


async def choose(portal: Portal, link: str, password: str, again: str | None = None) -> Page:
    """Open the link and send the new password twice; return the answering page."""
    response = await portal.client.get(link)
    page = parse_page(await response.text())
    form = {
        "token": page.inputs["token"],
        "password": password,
        "password_confirm": again or password,
    }
    answer = await post_form(portal, "/account/reset", form, token=page.inputs["csrf_token"])
    return parse_page(await answer.text())


def without_reference(page: Page) -> str:
    """The page's text without its per-request reference code."""
    text = page.text
    for reference in page.references:
        text = text.replace(reference, "")
    return text


class TestForgotPassword:
    """Asking for a link answers alike whether or not an account uses the address."""

    async def test_same_page_for_known_and_unknown(self, portal: Portal, tmp_path: Path) -> None:
        """Both addresses get the same page; only the known one gets a mail."""
        email, _ = await register(portal)
        unknown = await ask_for_link(portal, f"nobody.{uuid4().hex[:8]}@example.org")
        known = await ask_for_link(portal, email)
        assert without_reference(unknown) == without_reference(known)
        assert SENT in known.text
        assert [email] == [m.to for m in await mails(tmp_path, "Reset your password")]

    async def test_blank_email_is_explained(self, portal: Portal) -> None:
        """An empty form asks for the address instead of pretending to send a link."""
        token = await form_token(portal, FORGOT_PATH)
        response = await post_form(portal, FORGOT_PATH, {"email": " "}, token=token)
        page = parse_page(await response.text())
        assert (422, ["Enter your email address"]) == (response.status, page.error_summary)

    async def test_form_needs_csrf_token(self, portal: Portal, tmp_path: Path) -> None:
        """A post without the page's token is refused and sends nothing."""
        email, _ = await register(portal)
        response = await post_form(portal, FORGOT_PATH, {"email": email}, token="forged")
        assert 403 == response.status
        assert [] == await mails(tmp_path, "Reset your password")


class TestResetPassword:
    """The emailed link sets a new password once, ends sessions and signs nobody in."""

    async def test_link_opens_form_without_referrer(self, portal: Portal, tmp_path: Path) -> None:
        """The link shows the form, carries its token in a hidden field and sends no referrer."""
        email, _ = await register(portal)
        link = await emailed_link(portal, tmp_path, email)
        response = await portal.client.get(link)
        page = parse_page(await response.text())
        assert 200 == response.status
        assert "strict-origin" == response.headers["Referrer-Policy"]
        assert parse_qs(urlsplit(link).query)["token"] == [page.inputs["token"]]
        assert "Choose a new password" in page.text

    async def test_link_starts_with_public_url(self, portal: Portal, tmp_path: Path) -> None:
        """The mailed link is built from the configured public URL."""
        email, _ = await register(portal)
        await ask_for_link(portal, email)
        (mail,) = await mails(tmp_path, "Reset your password")
        (url,) = _URL.findall(mail.text)
        assert url.startswith(portal.origin + "/account/reset?token=")

    async def test_weak_password_keeps_link(self, portal: Portal, tmp_path: Path) -> None:
        """A refused password shows why, and the link still works afterwards."""
        email, _ = await register(portal)
        link = await emailed_link(portal, tmp_path, email)
        page = await choose(portal, link, "password")
        again = await portal.client.get(link)
        assert [TOO_SHORT, TOO_COMMON] == page.error_summary
        assert 200 == again.status

    async def test_mismatch_is_explained(self, portal: Portal, tmp_path: Path) -> None:
        """Two different passwords are refused with a message, and nothing changes."""
        email, account_id = await register(portal)
        link = await emailed_link(portal, tmp_path, email)
        page = await choose(portal, link, NEW_PASSWORD, "copper kettle winter meadows")
        assert [PASSWORDS_DIFFER] == page.error_summary
        await portal.runtime.accounts.verify_password(account_id, OLD_PASSWORD, datetime.now(UTC))

    async def test_good_password_changes_it(self, portal: Portal, tmp_path: Path) -> None:
        """The new password works, the old one does not, and the link is then dead."""
        email, account_id = await register(portal)
        link = await emailed_link(portal, tmp_path, email)
        page = await choose(portal, link, NEW_PASSWORD)
        accounts, now = portal.runtime.accounts, datetime.now(UTC)
        assert DONE in page.text
        await accounts.verify_password(account_id, NEW_PASSWORD, now)
        with pytest.raises(WrongPassword):
            await accounts.verify_password(account_id, OLD_PASSWORD, now)
        dead = await portal.client.get(link)
        assert (410, True) == (dead.status, EXPIRED in parse_page(await dead.text()).text)
        notices = await mail_arrives(tmp_path / "mailbox", "Your password was changed", to=email)
        assert 1 == len(notices)

    async def test_used_link_cannot_post_again(self, portal: Portal, tmp_path: Path) -> None:
        """Sending the form a second time with the spent link is refused."""
        email, _ = await register(portal)
        link = await emailed_link(portal, tmp_path, email)
        await choose(portal, link, NEW_PASSWORD)
        token = await form_token(portal, FORGOT_PATH)
        form = {
            "token": parse_qs(urlsplit(link).query)["token"][0],
            "password": "another long phrase here",
            "password_confirm": "another long phrase here",
        }
        response = await post_form(portal, "/account/reset", form, token=token)
        assert 410 == response.status

    async def test_sessions_end(self, portal: Portal, tmp_path: Path) -> None:
        """Every session of the account ends, and the reset itself signs nobody in."""
        email, account_id = await register(portal)
        store = SessionStore(portal.runtime.pool)
        signed_in = await store.create(account_id=account_id, role=Role.APPLICANT)
        link = await emailed_link(portal, tmp_path, email)
        await choose(portal, link, NEW_PASSWORD)
        assert await store.load(signed_in.id) is None
        assert [] == await store.list_for_account(account_id)

    async def test_unknown_token_explains(self, portal: Portal) -> None:
        """A made-up link says it stopped working and offers a new one."""
        response = await portal.client.get("/account/reset?token=not-a-real-token")
        page = parse_page(await response.text())
        assert (410, True) == (response.status, EXPIRED in page.text)
        assert "Ask for a new link" in page.text

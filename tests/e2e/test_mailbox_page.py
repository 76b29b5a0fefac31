"""End-to-end tests of the development mailbox pages (immportal.dev.mailbox_pages)."""

from pathlib import Path
from uuid import uuid4

from immportal.adapters.mail.mailbox import MailboxMailer
from immportal.services.notifications.ports import Email
from testkit.e2e_support import PortalOpener, parse_page

NOT_FOUND = "We cannot find that page or case"


def new_email(subject: str, text: str) -> Email:
    """An email with an id no other test uses."""
    return Email(f"mail-{uuid4().hex[:12]}", "ana@example.org", subject, text)


class TestMailboxList:
    """The mailbox page lists what the embedded mailer wrote."""

    async def test_lists_mails_newest_first(
        self, open_portal: PortalOpener, tmp_path: Path
    ) -> None:
        """The mailbox lists each mail's subject and recipient, the newest at the top."""
        portal = await open_portal(dev=True, data_dir=tmp_path)
        mailer = MailboxMailer(tmp_path / "mailbox")
        await mailer.send(new_email("Your receipt notice", "First."))
        await mailer.send(new_email("Your biometrics appointment", "Second."))

        response = await portal.client.get("/dev/mailbox")
        text = parse_page(await response.text()).text

        assert 200 == response.status
        assert "ana@example.org" in text
        assert text.index("Your biometrics appointment") < text.index("Your receipt notice")

    async def test_empty_mailbox(self, open_portal: PortalOpener, tmp_path: Path) -> None:
        """Before any mail is sent the page says the mailbox is empty."""
        portal = await open_portal(dev=True, data_dir=tmp_path)

        response = await portal.client.get("/dev/mailbox")

        assert 200 == response.status
        assert "The mailbox is empty." in parse_page(await response.text()).text


class TestMailPage:
    """One mail's page shows it safely, and only mails in the mailbox."""

    async def test_shows_subject_and_escaped_body(
        self, open_portal: PortalOpener, tmp_path: Path
    ) -> None:
        """Opening a mail from the list shows its subject and its text, HTML-escaped."""
        portal = await open_portal(dev=True, data_dir=tmp_path)
        body = "Hola Ana,\n<script>alert(1)</script> & más.\n"
        await MailboxMailer(tmp_path / "mailbox").send(new_email("Recibimos su solicitud", body))
        [name] = [p.name for p in (tmp_path / "mailbox").iterdir()]

        listing = await (await portal.client.get("/dev/mailbox")).text()
        response = await portal.client.get(f"/dev/mailbox/{name}")
        html = await response.text()

        assert f'href="/dev/mailbox/{name}"' in listing
        assert 200 == response.status
        assert "Recibimos su solicitud" in parse_page(html).text
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; más." in html
        assert "<script>alert(1)</script>" not in html

    async def test_path_traversal_is_not_found(
        self, open_portal: PortalOpener, tmp_path: Path
    ) -> None:
        """A mail name that climbs out of the mailbox folder is answered with 404."""
        portal = await open_portal(dev=True, data_dir=tmp_path)
        (tmp_path / "secret.eml").write_bytes(b"Subject: secret\r\n\r\nsecret\r\n")

        response = await portal.client.get("/dev/mailbox/..%2Fsecret.eml")

        assert 404 == response.status
        assert NOT_FOUND in parse_page(await response.text()).text

    async def test_unknown_mail_is_not_found(
        self, open_portal: PortalOpener, tmp_path: Path
    ) -> None:
        """A mail that is not in the mailbox is answered with 404."""
        portal = await open_portal(dev=True, data_dir=tmp_path)

        response = await portal.client.get("/dev/mailbox/00000000000000000000-deadbeef-x.eml")

        assert 404 == response.status


class TestOutsideDevMode:
    """The mailbox is a development tool only."""

    async def test_mailbox_is_not_served(self, open_portal: PortalOpener, tmp_path: Path) -> None:
        """Without dev mode the mailbox pages do not exist."""
        portal = await open_portal(dev=False, data_dir=tmp_path)
        await MailboxMailer(tmp_path / "mailbox").send(new_email("Receipt", "Text."))
        [name] = [p.name for p in (tmp_path / "mailbox").iterdir()]

        statuses = [
            (await portal.client.get(path)).status
            for path in ["/dev/mailbox", f"/dev/mailbox/{name}"]
        ]

        assert [404, 404] == statuses

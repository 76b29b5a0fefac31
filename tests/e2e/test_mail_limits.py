"""Mail asked for from the public pages is limited per address and per network.

The security probe sent sixteen reset and "someone tried to create an account" emails
to one inbox in a minute. Now each address gets a few per hour and each network may ask
for a few more; past that nothing is sent, and the page answers exactly as before.
"""

from pathlib import Path
from uuid import uuid4

import pytest
from test_identity_sign_in import Person

from immportal.adapters.mail.mailbox import read_mailbox
from immportal.adapters.postgres import mail_limits
from testkit.e2e_support import Portal, PortalOpener, form_token, parse_page, post_form

RESET = "Reset your password"
EXISTS = "Someone tried to create an account with your email"
SENT = "If an account uses that address, we sent a link. It works for one hour."


@pytest.fixture
async def site(open_portal: PortalOpener, tmp_path: Path) -> Portal:
    """The portal in dev mode, mailing into a mailbox in this test's folder."""
    return await open_portal(dev=True, data_dir=tmp_path)


def someone(site: Portal, tmp_path: Path) -> Person:
    """Someone with an address no other test uses."""
    return Person(site, tmp_path / "mailbox", f"ana.{uuid4().hex[:10]}@example.com")


async def forgot(site: Portal, email: str) -> tuple[int, bool]:
    """Ask for a reset link; the status and whether the page said the usual thing."""
    token = await form_token(site, "/account/forgot")
    response = await post_form(site, "/account/forgot", {"email": email}, token=token)
    return response.status, SENT in parse_page(await response.text()).text


async def mailed(site: Portal, tmp_path: Path, subject: str, to: str | None = None) -> int:
    """How many mails with this subject (to this address) were sent, once all were sent."""
    await site.runtime.after_response.drain()
    found = await read_mailbox(tmp_path / "mailbox")
    return sum(1 for m in found if m.subject == subject and (to is None or m.to == to))


class TestPerAddress:
    """One address gets at most MAILS_PER_ADDRESS such mails per hour."""

    async def test_reset_links(self, site: Portal, tmp_path: Path) -> None:
        """Seven requests for a known address: the allowance's mails, seven identical answers."""
        person = someone(site, tmp_path)
        await person.create_account()
        answers = [await forgot(site, person.email) for _ in range(7)]

        # The confirmation mail counted as one of the address's mails.
        expected = mail_limits.MAILS_PER_ADDRESS - 1
        assert [(200, True)] * 7 == answers
        assert expected == await mailed(site, tmp_path, RESET, person.email)

    async def test_unknown_address_answers_alike(self, site: Portal, tmp_path: Path) -> None:
        """An address no account uses gets the same answers, and no mail."""
        email = f"nobody.{uuid4().hex[:8]}@example.com"
        answers = [await forgot(site, email) for _ in range(7)]

        assert ([(200, True)] * 7, 0) == (answers, await mailed(site, tmp_path, RESET, email))

    async def test_account_exists_mails(self, site: Portal, tmp_path: Path) -> None:
        """Registering a taken address again and again tells its owner only a few times."""
        person = someone(site, tmp_path)
        await person.create_account()
        again = [(await person.create_account()).headers["Location"] for _ in range(7)]

        # The confirmation mail counted as one of the address's mails.
        expected = mail_limits.MAILS_PER_ADDRESS - 1
        assert ["/account/create/check-email"] * 7 == again
        assert expected == await mailed(site, tmp_path, EXISTS, person.email)


class TestPerNetwork:
    """One network may ask for at most MAILS_PER_NETWORK such mails per hour, to anyone."""

    async def test_many_addresses_from_one_network(
        self, site: Portal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Past the network's allowance, other addresses get no mail, and the same answer."""
        monkeypatch.setattr(mail_limits, "MAILS_PER_NETWORK", 3)
        people = [someone(site, tmp_path) for _ in range(3)]
        for person in people:
            await person.create_account()  # three confirmation mails use the allowance
        answers = [await forgot(site, person.email) for person in people]

        assert ([(200, True)] * 3, 0) == (answers, await mailed(site, tmp_path, RESET))

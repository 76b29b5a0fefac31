"""End-to-end tests of sign-in throttling: the delay notice and the per-network limit."""

from pathlib import Path
from uuid import uuid4

import pytest
from aiohttp import ClientResponse
from test_identity_sign_in import Person

from immportal.adapters.postgres import sign_in_limits
from immportal.domain.identity.errors import WRONG_PASSWORD
from testkit.e2e_support import Portal, PortalOpener, parse_page

WRONG = "not the right password at all"
NOTICE = "Someone tried to sign in to your immportal account several times"


@pytest.fixture
async def site(open_portal: PortalOpener, tmp_path: Path) -> Portal:
    """The portal in dev mode, mailing into a mailbox in this test's folder."""
    return await open_portal(dev=True, data_dir=tmp_path)


@pytest.fixture
def person(site: Portal, tmp_path: Path) -> Person:
    """Someone with an address no other test uses."""
    return Person(site, tmp_path / "mailbox", f"ana.{uuid4().hex[:10]}@example.com")


def stranger_of(person: Person) -> Person:
    """Someone on the same portal whose address no account uses."""
    return Person(person.portal, person.mailbox, f"nobody.{uuid4().hex[:8]}@example.com")


async def answer(response: ClientResponse) -> tuple[int, list[str]]:
    """The status and error summary of a sign-in page."""
    return response.status, parse_page(await response.text()).error_summary


async def notices(person: Person) -> list[str]:
    """The delay notices mailed to the person."""
    return [text for text in await person.mails() if NOTICE in text]


class TestDelayNotice:
    async def test_fifth_wrong_password_mails_one_notice(self, person: Person) -> None:
        """The 5th wrong password mails a notice with the forgot-password link; the 6th does not."""
        await person.create_account()
        for _ in range(4):
            await person.sign_in(WRONG)
        before = await notices(person)

        await person.sign_in(WRONG)
        fifth = await notices(person)
        await person.sign_in(WRONG)

        forgot = f"{person.portal.runtime.settings.public_url.rstrip('/')}/account/forgot"
        assert ([], 1, 1) == (before, len(fifth), len(await notices(person)))
        assert (True, True) == (forgot in fifth[0], "reset your password now" in fifth[0])

    async def test_wrong_locked_and_unknown_read_the_same(self, person: Person) -> None:
        """A wrong password, the right one while delayed, and an unknown address look alike."""
        await person.create_account()
        wrong = [await answer(await person.sign_in(WRONG)) for _ in range(5)]

        locked = await answer(await person.sign_in())
        unknown = await answer(await stranger_of(person).sign_in())

        assert [(422, [WRONG_PASSWORD])] * 7 == [*wrong, locked, unknown]


class TestNetworkLimit:
    async def test_blocked_network_refuses_the_right_password(
        self, person: Person, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Past the network's failures, even the right password gets the wrong-password page."""
        monkeypatch.setattr(sign_in_limits, "FAILURES_PER_WINDOW", 3)
        await person.create_account()
        stranger = stranger_of(person)
        for _ in range(3):
            await stranger.sign_in()

        refused = await answer(await person.sign_in())

        assert ((422, [WRONG_PASSWORD]), []) == (refused, await notices(person))

    async def test_below_the_limit_the_right_password_works(
        self, person: Person, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Fewer failures than the network's limit do not stop a right password."""
        monkeypatch.setattr(sign_in_limits, "FAILURES_PER_WINDOW", 3)
        await person.create_account()
        for _ in range(2):
            await stranger_of(person).sign_in()

        signed = await person.sign_in()

        assert (303, "/account/authenticator") == (signed.status, signed.headers["Location"])

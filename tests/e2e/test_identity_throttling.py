"""End-to-end tests of sign-in throttling: delays said plainly, owners kept able to sign in.

The security probe found that five wrong passwords kept the owner out for up to an hour
with the message "not right", and that fifty failures from one network blocked everyone
on it. Wrong passwords now count per typed address, from each network and from all.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from uuid import uuid4

import aiohttp
import pytest
from aiohttp import ClientResponse
from test_identity_sign_in import PASSWORD, Person

from immportal.domain.identity.errors import WRONG_PASSWORD
from immportal.domain.identity.throttle import FREE_ADDRESS_TRIES, FREE_PASSWORD_TRIES
from testkit.e2e_support import Portal, PortalOpener, parse_page

WRONG = "not the right password at all"
NOTICE = "Someone tried to sign in to your immportal account several times"
PAUSED = "Sign-in with this email address is paused because of several wrong passwords."


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


def paused(summary: tuple[int, list[str]]) -> bool:
    """Whether a sign-in page said plainly that sign-in with the address waits."""
    status, errors = summary
    return status == 422 and len(errors) == 1 and errors[0].startswith(PAUSED)


async def notices(person: Person) -> list[str]:
    """The delay notices mailed to the person, once the work after each answer is done."""
    await person.portal.runtime.after_response.drain()
    return [text for text in await person.mails() if NOTICE in text]


@asynccontextmanager
async def other_browser(portal: Portal) -> AsyncIterator[aiohttp.ClientSession]:
    """Another browser on the same machine: the same server, a cookie jar of its own."""
    jar = aiohttp.CookieJar(unsafe=True)  # the server is 127.0.0.1: keep its cookies
    async with aiohttp.ClientSession(str(portal.client.make_url("/")), cookie_jar=jar) as session:
        yield session


async def sign_in_with(
    session: aiohttp.ClientSession,
    portal: Portal,
    email: str,
    password: str,
    forwarded_for: str | None = None,
) -> tuple[int, list[str]]:
    """Send the sign-in form from that browser; the status and error summary."""
    extra = {} if forwarded_for is None else {"X-Forwarded-For": forwarded_for}
    page = await session.get("/sign-in", headers=extra)
    token = parse_page(await page.text()).inputs["csrf_token"]
    response = await session.post(
        "/sign-in",
        data={"email": email, "password": password, "csrf_token": token},
        headers={"Origin": portal.origin, **extra},
        allow_redirects=False,
    )
    return response.status, parse_page(await response.text()).error_summary


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


class TestDelaySaidPlainly:
    """A delay is said plainly, and reads the same for an address no account uses."""

    async def test_known_and_unknown_addresses_read_the_same(self, person: Person) -> None:
        """Wrong passwords read "not right"; then the right one and an unknown address both wait."""
        await person.create_account()
        stranger = stranger_of(person)
        wrong = [await answer(await person.sign_in(WRONG)) for _ in range(FREE_PASSWORD_TRIES)]
        for _ in range(FREE_PASSWORD_TRIES):
            await stranger.sign_in(WRONG)

        delayed = await answer(await person.sign_in())
        unknown = await answer(await stranger.sign_in())

        assert [(422, [WRONG_PASSWORD])] * FREE_PASSWORD_TRIES == wrong
        assert (True, True) == (paused(delayed), paused(unknown))
        assert "reset your password" in delayed[1][0]


class TestOwnerKeepsSigningIn:
    """Guessing from elsewhere never keeps the owner out of a browser they have used."""

    async def test_known_browser_signs_in_while_the_address_waits(self, person: Person) -> None:
        """Another browser's wrong passwords delay it, not the owner's own browser."""
        await person.signed_up()
        await person.sign_out()
        async with other_browser(person.portal) as guesser:
            for _ in range(FREE_PASSWORD_TRIES):
                await sign_in_with(guesser, person.portal, person.email, WRONG)
            refused = await sign_in_with(guesser, person.portal, person.email, PASSWORD)

        owner = await person.sign_in()

        assert paused(refused)
        assert (303, "/sign-in/code") == (owner.status, owner.headers["Location"])

    async def test_guesses_from_one_network_leave_other_networks_alone(
        self, open_portal: PortalOpener, tmp_path: Path
    ) -> None:
        """The per-network count is per (network, address): the owner elsewhere signs in."""
        portal = await open_portal(dev=True, data_dir=tmp_path, trusted_proxies="127.0.0.1")
        person = Person(portal, tmp_path / "mailbox", f"ana.{uuid4().hex[:10]}@example.com")
        await person.create_account()
        async with other_browser(portal) as guesser:
            for _ in range(FREE_PASSWORD_TRIES):
                await sign_in_with(guesser, portal, person.email, WRONG, "198.51.100.7")
            there = await sign_in_with(guesser, portal, person.email, PASSWORD, "198.51.100.8")
        async with other_browser(portal) as owner:
            elsewhere = await sign_in_with(owner, portal, person.email, PASSWORD, "203.0.113.9")

        assert paused(there)
        assert (303, []) == elsewhere

    async def test_guesses_from_many_networks_delay_new_browsers_only(
        self, open_portal: PortalOpener, tmp_path: Path
    ) -> None:
        """Past the allowance from all networks a new browser waits; the owner's does not."""
        portal = await open_portal(dev=True, data_dir=tmp_path, trusted_proxies="127.0.0.1")
        person = Person(portal, tmp_path / "mailbox", f"ana.{uuid4().hex[:10]}@example.com")
        await person.signed_up()
        await person.sign_out()
        async with other_browser(portal) as guesser:
            for n in range(FREE_ADDRESS_TRIES):
                await sign_in_with(guesser, portal, person.email, WRONG, f"198.51.{n}.7")
        async with other_browser(portal) as new_browser:
            fresh = await sign_in_with(new_browser, portal, person.email, PASSWORD, "203.0.113.9")

        owner = await person.sign_in()

        assert paused(fresh)
        assert (303, "/sign-in/code") == (owner.status, owner.headers["Location"])


class TestNetworkLimit:
    async def test_others_failures_do_not_block_the_network(self, person: Person) -> None:
        """A stranger's many wrong passwords on the same network do not stop a right password."""
        await person.create_account()
        stranger = stranger_of(person)
        for _ in range(FREE_PASSWORD_TRIES + 2):
            await stranger.sign_in(WRONG)

        signed = await person.sign_in()

        assert (303, "/account/authenticator") == (signed.status, signed.headers["Location"])

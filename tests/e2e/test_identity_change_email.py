"""End-to-end tests of changing the email address while signed in."""

import re
from pathlib import Path
from urllib.parse import urlsplit
from uuid import UUID, uuid4

import asyncpg
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from test_identity_changes import CONFIRM, NEW_PASSWORD, age_checks, change_password, session_id
from test_identity_sign_in import PASSWORD, Person, parse_qs_token

from immportal.adapters.postgres.accounts import PostgresEmailIndex
from immportal.domain.identity.emails import email_key
from immportal.domain.identity.errors import LINK_INVALID, WRONG_PASSWORD, EmailTaken
from immportal.services.identity.email_change import ADDRESS_IN_USE, SAME_ADDRESS
from immportal.services.identity.sessions import digest
from testkit.e2e_support import Portal, PortalOpener, form_token, parse_page, post_form

EMAIL = "/account/email"


@pytest.fixture
async def site(open_portal: PortalOpener, tmp_path: Path) -> Portal:
    """The portal in dev mode, mailing into a mailbox in this test's folder."""
    return await open_portal(dev=True, data_dir=tmp_path)


@pytest.fixture
async def person(site: Portal, tmp_path: Path) -> Person:
    """Someone signed up and signed in just now, with an address no other test uses."""
    someone = Person(site, tmp_path / "mailbox", f"ana.{uuid4().hex[:10]}@example.com")
    await someone.signed_up()
    return someone


def fresh_address() -> str:
    """An address nobody uses."""
    return f"new.{uuid4().hex[:10]}@example.org"


async def ask_for(person: Person, address: str) -> tuple[int, list[str], str]:
    """Send the change-email form; the status, the errors shown and the page text."""
    token = await form_token(person.portal, EMAIL)
    sent = await post_form(person.portal, EMAIL, {"email": address}, token=token)
    page = parse_page(await sent.text())
    return sent.status, page.error_summary, page.text


async def link_sent_to(person: Person, address: str) -> str:
    """The path and query of the newest change link mailed to the address."""
    mailbox = Person(person.portal, person.mailbox, address)
    for text in await mailbox.mails():
        found = re.search(r"https?://\S+/account/email/confirm\?token=\S+", text)
        if found:
            url = urlsplit(found.group(0))
            return f"{url.path}?{url.query}"
    raise AssertionError(f"no change link mailed to {address}")


async def open_link(person: Person, path: str) -> tuple[int, str]:
    """Open the link and press the button; the status and where it leads (or the page)."""
    shown = await person.portal.client.get(path)
    if shown.status != 200:
        return shown.status, parse_page(await shown.text()).text
    token = parse_page(await shown.text()).inputs["csrf_token"]
    sent = await post_form(
        person.portal, "/account/email/confirm", {"token": parse_qs_token(path)}, token=token
    )
    if sent.status == 303:
        return 303, sent.headers["Location"]
    return sent.status, parse_page(await sent.text()).text


async def press_with_a_spent_page(person: Person, path: str) -> int:
    """Press the button of a page opened earlier, as a second tab would."""
    token = await form_token(person.portal, "/account")
    sent = await post_form(
        person.portal, "/account/email/confirm", {"token": parse_qs_token(path)}, token=token
    )
    return sent.status


async def password_step(person: Person, address: str) -> int:
    """The status of the first sign-in step with the address, from another browser."""
    other = Person(person.portal, person.mailbox, address)
    client = person.portal.client
    jar = client.session.cookie_jar
    saved = list(jar)
    jar.clear()
    try:
        answer = await other.sign_in()
        errors = parse_page(await answer.text()).error_summary if answer.status != 303 else []
        assert errors in ([], [WRONG_PASSWORD])
        return answer.status
    finally:
        jar.clear()
        for morsel in saved:
            jar.update_cookies({morsel.key: morsel.value})


async def account_id_of(person: Person) -> UUID:
    """The account of the person's session."""
    found: UUID = await person.portal.runtime.pool.fetchval(
        "SELECT account_id FROM sessions WHERE id_digest = $1", digest(session_id(person))
    )
    return found


async def can_register(person: Person, address: str) -> bool:
    """Whether a new account could take the address now."""
    try:
        await person.portal.runtime.accounts.register(address, PASSWORD, ["Bo Reyes"])
    except EmailTaken:
        return False
    return True


async def lapse_reservations(database_url: str) -> None:
    """Move every reservation's end into the past, as if a day had gone by."""
    conn = await asyncpg.connect(database_url)
    try:
        await conn.execute(
            "UPDATE account_emails SET reserved_until = now() - interval '1 minute'"
            " WHERE reserved_until IS NOT NULL"
        )
    finally:
        await conn.close()


class TestChangeEmail:
    async def test_whole_path(self, person: Person) -> None:
        """The link goes to the new address; once opened, only the new address signs in."""
        new = fresh_address()
        asked = await ask_for(person, new)
        path = await link_sent_to(person, new)
        opened = await person.portal.client.get(path)
        before = await password_step(person, person.email)

        done = await open_link(person, path)
        account = parse_page(await (await person.portal.client.get("/account")).text())
        events = await person.portal.runtime.store.read_stream(await account_id_of(person))

        assert (200, []) == asked[:2]
        assert f"We sent a link to {new}" in asked[2]
        assert "strict-origin" == opened.headers["Referrer-Policy"]
        assert new in parse_page(await opened.text()).text
        assert 303 == before
        assert (303, "/account/email/done") == done
        assert new in account.text
        assert person.email not in account.text
        assert "EmailChanged" == type(events[-1]).__name__
        assert (303, 422) == (
            await password_step(person, new),
            await password_step(person, person.email),
        )
        assert await can_register(person, person.email)
        assert not await can_register(person, new.upper())

    async def test_no_mail_to_the_old_address_from_here(self, person: Person) -> None:
        """This service mails only the new address; the old one hears from the consumer."""
        before = len(await person.mails())
        new = fresh_address()
        await ask_for(person, new)
        await open_link(person, await link_sent_to(person, new))
        mails_to_old = await person.mails()
        assert not any("/account/email/confirm" in text for text in mails_to_old)
        assert len(mails_to_old) - before in (0, 1)  # at most the consumer's notice

    async def test_link_works_once(self, person: Person) -> None:
        """A replayed link, or its page pressed again, shows the link-invalid page."""
        new = fresh_address()
        await ask_for(person, new)
        path = await link_sent_to(person, new)
        assert 303 == (await open_link(person, path))[0]

        again = await open_link(person, path)

        assert 400 == again[0]
        assert LINK_INVALID in again[1]
        assert 400 == await press_with_a_spent_page(person, path)

    async def test_expired_link(self, person: Person, database_url: str) -> None:
        """A link past its 24 hours is dead and the address stays as it was."""
        new = fresh_address()
        await ask_for(person, new)
        path = await link_sent_to(person, new)
        conn = await asyncpg.connect(database_url)
        try:
            await conn.execute(
                "UPDATE account_tokens SET created_at = created_at - interval '25 hours',"
                " expires_at = expires_at - interval '25 hours' WHERE purpose = 'change_email'"
            )
        finally:
            await conn.close()

        assert 400 == (await open_link(person, path))[0]
        assert 303 == await password_step(person, person.email)

    async def test_garbage_token(self, person: Person) -> None:
        """A made-up token is refused like a used one."""
        assert 400 == (await open_link(person, "/account/email/confirm?token=made-up"))[0]


class TestRefusals:
    async def test_address_of_another_account(self, person: Person) -> None:
        """An address another account holds is refused with a clear message; no link goes out."""
        other = Person(person.portal, person.mailbox, fresh_address())
        await other.create_account()
        before = len(await other.mails())

        refused = await ask_for(person, other.email.upper())

        assert (422, [ADDRESS_IN_USE]) == refused[:2]
        assert before == len(await other.mails())

    async def test_same_address(self, person: Person) -> None:
        """The current address (in any case) is refused."""
        assert (422, [SAME_ADDRESS]) == (await ask_for(person, person.email.upper()))[:2]

    async def test_not_an_address(self, person: Person) -> None:
        """Something that is not an address is refused with the format message."""
        status, errors, _ = await ask_for(person, "not an address")
        assert 422 == status
        assert ["Enter an email address in the correct format, like name@example.com"] == errors

    async def test_reserved_address_cannot_be_registered(self, person: Person) -> None:
        """While a change to it is pending, nobody else can open an account with the address."""
        new = fresh_address()
        await ask_for(person, new)
        assert not await can_register(person, new)
        assert 422 == await password_step(person, new)

    async def test_two_accounts_race_for_one_address(self, person: Person) -> None:
        """When two accounts ask for the same new address, the second is refused."""
        client: TestClient[web.Request, web.Application] = TestClient(person.portal.client.server)
        await client.start_server()  # the server already runs: this only opens the client
        try:
            other = Person(Portal(client), person.mailbox, fresh_address())
            await other.signed_up()
            new = fresh_address()
            assert 200 == (await ask_for(person, new))[0]
            assert (422, [ADDRESS_IN_USE]) == (await ask_for(other, new))[:2]
        finally:
            await client.session.close()  # not client.close(): that would stop the server


class TestDeadLinks:
    async def test_dead_after_a_password_change(self, person: Person, database_url: str) -> None:
        """Changing the password kills the link; the reservation lapses with it."""
        new = fresh_address()
        await ask_for(person, new)
        path = await link_sent_to(person, new)
        assert 303 == (await change_password(person, PASSWORD, NEW_PASSWORD)).status

        assert 400 == (await open_link(person, path))[0]
        assert 400 == await press_with_a_spent_page(person, path)
        assert not await can_register(person, new)
        await lapse_reservations(database_url)
        assert await can_register(person, new)

    async def test_dead_after_another_email_change(self, person: Person) -> None:
        """Of two links sent, the first one opened wins; the other is dead."""
        first, second = fresh_address(), fresh_address()
        await ask_for(person, first)
        await ask_for(person, second)
        first_path = await link_sent_to(person, first)
        second_path = await link_sent_to(person, second)

        assert 303 == (await open_link(person, second_path))[0]
        assert 400 == (await open_link(person, first_path))[0]
        assert 303 == await password_step(person, second)
        assert await can_register(person, first)

    async def test_dead_even_after_changing_back(self, person: Person) -> None:
        """A link sent before two changes (away and back again) stays dead."""
        original, away, stale = person.email, fresh_address(), fresh_address()
        await ask_for(person, stale)
        stale_path = await link_sent_to(person, stale)
        await ask_for(person, away)
        await open_link(person, await link_sent_to(person, away))
        await ask_for(person, original)
        assert 303 == (await open_link(person, await link_sent_to(person, original)))[0]

        assert 400 == (await open_link(person, stale_path))[0]
        assert 303 == await password_step(person, original)


class TestRecentChecks:
    async def test_stale_checks_ask_to_confirm_first(self, person: Person) -> None:
        """After 10 minutes the form and the request send the person to confirm it is them."""
        token = await form_token(person.portal, EMAIL)
        await age_checks(person)
        shown = await person.portal.client.get(EMAIL, allow_redirects=False)
        sent = await post_form(person.portal, EMAIL, {"email": fresh_address()}, token=token)
        expected = f"{CONFIRM}?next={EMAIL}"
        assert [(303, expected)] * 2 == [(r.status, r.headers["Location"]) for r in (shown, sent)]
        assert 0 == await person.portal.runtime.pool.fetchval(
            "SELECT count(*) FROM account_tokens WHERE purpose = 'change_email'"
        )


class TestSettle:
    async def test_cut_off_move_is_finished_by_the_account_page(self, person: Person) -> None:
        """If the index move was cut off after the change, the account page finishes it."""
        new = fresh_address()
        await ask_for(person, new)
        account_id = await account_id_of(person)
        index = PostgresEmailIndex(person.portal.runtime.pool)
        assert await index.keep(email_key(new), account_id)
        account = await person.portal.runtime.accounts.get(account_id)
        account.change_email(account.holder, new)
        await person.portal.runtime.store.append(account.collect_events())
        assert await index.find(email_key(new)) is None

        assert 200 == (await person.portal.client.get("/account")).status

        assert account_id == await index.find(email_key(new))
        assert await index.find(email_key(person.email)) is None

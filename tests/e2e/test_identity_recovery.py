"""End-to-end tests of "lost authenticator and recovery codes" (web.identity.recovery) over HTTP."""

from datetime import timedelta
from pathlib import Path
from uuid import uuid4

import pytest
from structlog.testing import capture_logs

from immportal.adapters.postgres.sessions import PostgresSessionStore as SessionStore
from immportal.domain.actor import Role
from immportal.domain.identity.recovery import LOCKOUT, MAX_WRONG_PROOFS, WAIT
from immportal.domain.identity.recovery_errors import PROOF_MISMATCH, RECOVERY_LOCKED
from immportal.web.identity.recovery import pages
from immportal.web.identity.recovery.start import TOO_MANY_WRONG
from testkit.e2e_support import Portal, PortalOpener, parse_page
from testkit.recovery_support import (
    FINISH_SUBJECT,
    NOTICE_SUBJECT,
    START_SUBJECT,
    Person,
    ask_for_link,
    event_names,
    give_case,
    move_clock,
    open_recovery,
    person_with_app,
    post_link,
    prove,
    token_of,
)

SENT = "If an account uses that address, we sent a link. It works for one hour."
DEAD = "This link has stopped working"
AFTER_WAIT = WAIT + timedelta(minutes=1)


@pytest.fixture
async def site(open_portal: PortalOpener, tmp_path: Path) -> Portal:
    """The portal in dev mode, mailing into a mailbox in this test's folder."""
    return await open_portal(dev=True, data_dir=tmp_path)


@pytest.fixture
async def person(site: Portal, tmp_path: Path) -> Person:
    """An applicant with an authenticator app and an accepted case."""
    someone = await person_with_app(site, tmp_path / "mailbox")
    await give_case(someone)
    return someone


async def proven(person: Person) -> None:
    """Ask for a link and give the right proof."""
    await person.ask_for_link()
    status, page = await prove(
        person.portal, await person.link(START_SUBJECT), person.receipt, person.born_on
    )
    assert (200, True) == (status, "You can finish after" in page.text)


class TestWholePath:
    """Link, wrong then right proof, too early, the wait, finish, then a new app."""

    async def test_lost_app_to_new_app(
        self, person: Person, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The person gets back in with a new app, and every step is on the attempt."""
        portal = person.portal
        store = SessionStore(portal.runtime.pool)
        elsewhere = await store.create(account_id=person.account_id, role=Role.APPLICANT)
        assert SENT in (await person.ask_for_link()).text
        link = await person.link(START_SUBJECT)
        opened = await portal.client.get(link)
        assert (200, "strict-origin") == (opened.status, opened.headers["Referrer-Policy"])
        assert "Check it is you" in parse_page(await opened.text()).text

        status, page = await prove(portal, link, person.receipt, "1986-04-29")
        assert (422, [PROOF_MISMATCH]) == (status, page.error_summary)
        status, page = await prove(portal, link, person.receipt.lower(), person.born_on)
        assert (200, True) == (status, "You can finish after" in page.text)
        recovery_id = await open_recovery(person)
        assert 1 == await person.mail_count(NOTICE_SUBJECT)

        finish = await person.link(FINISH_SUBJECT)
        early = parse_page(await (await portal.client.get(finish)).text())
        assert "You cannot finish yet" in early.text
        status, page = await post_link(portal, pages.FINISH_PATH, finish)
        assert (409, True) == (status, "You cannot finish yet" in page.text)
        assert (await portal.runtime.accounts.get(person.account_id)).totp_active

        move_clock(monkeypatch, AFTER_WAIT)
        ready = parse_page(await (await portal.client.get(finish)).text())
        assert "Remove my old authenticator app" in ready.text
        status, page = await post_link(portal, pages.FINISH_PATH, finish)
        assert (200, True) == (status, "Your old authenticator app was removed" in page.text)
        assert await store.load(elsewhere.id) is None

        signed = await person.sign_in()
        assert (303, "/account/authenticator") == (signed.status, signed.headers["Location"])
        activated = await person.set_up_authenticator()
        assert (303, "/account/recovery-codes") == (
            activated.status,
            activated.headers["Location"],
        )
        assert 200 == (await portal.client.get("/account", allow_redirects=False)).status

        assert ["Requested", "ProofRefused", "Proven", "Completed"] == await event_names(
            portal, recovery_id
        )
        account_events = await event_names(portal, person.account_id)
        after_reset = account_events[account_events.index("SecondFactorReset") :]
        assert {"TotpActivated", "RecoveryCodesSet", "SignedIn"} <= set(after_reset)

    async def test_code_page_links_here(self, person: Person) -> None:
        """The code page offers the way in for people without their app or codes."""
        await person.sign_in()
        page = await (await person.portal.client.get("/sign-in/code")).text()
        assert f'href="{pages.START_PATH}"' in page
        assert "Lost your authenticator and recovery codes?" in parse_page(page).text


class TestWasntMe:
    """The notice's "this wasn't me" link cancels the attempt for good."""

    async def test_cancel_stops_finishing(
        self, person: Person, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """After the cancel, finishing fails and both links are dead."""
        await proven(person)
        portal, recovery_id = person.portal, await open_recovery(person)
        cancel, finish = await person.link(NOTICE_SUBJECT), await person.link(FINISH_SUBJECT)
        opened = await portal.client.get(cancel)
        assert (200, "strict-origin") == (opened.status, opened.headers["Referrer-Policy"])
        status, page = await post_link(portal, pages.CANCEL_PATH, cancel)
        assert (200, True) == (status, "We stopped the recovery" in page.text)

        move_clock(monkeypatch, AFTER_WAIT)
        assert 410 == (await portal.client.get(finish)).status
        status, page = await post_link(portal, pages.FINISH_PATH, finish)
        assert (410, True) == (status, DEAD in page.text)
        assert 410 == (await portal.client.get(cancel)).status
        assert (await portal.runtime.accounts.get(person.account_id)).totp_active
        assert ["Requested", "Proven", "Cancelled"] == await event_names(portal, recovery_id)
        (cancelled,) = (await portal.runtime.store.read_stream(recovery_id))[-1:]
        assert "not_me" == cancelled.reason  # type: ignore[attr-defined]

    async def test_signing_in_with_the_app_cancels(
        self, person: Person, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Someone who still signs in with their second factor has not lost it."""
        await proven(person)
        portal, recovery_id = person.portal, await open_recovery(person)
        finish = await person.link(FINISH_SUBJECT)
        await person.sign_in()
        assert 303 == (await person.enter_code()).status
        move_clock(monkeypatch, AFTER_WAIT)
        assert 410 == (await portal.client.get(finish)).status
        stored = await portal.runtime.store.read_stream(recovery_id)
        assert ["Requested", "Proven", "Cancelled"] == [type(e).__name__ for e in stored]
        assert "signed_in_with_second_factor" == stored[-1].reason  # type: ignore[attr-defined]


class TestLinks:
    """Links work once and for a limited time; the start page reveals no account."""

    async def test_unknown_email_same_page(self, person: Person) -> None:
        """An unknown address gets the same page and no mail is sent."""
        unknown = await ask_for_link(person.portal, f"nobody.{uuid4().hex[:8]}@example.org")
        known = await person.ask_for_link()
        strip = [*unknown.references, *known.references]
        texts = [page.text for page in (unknown, known)]
        for reference in strip:
            texts = [text.replace(reference, "") for text in texts]
        assert texts[0] == texts[1]
        assert 1 == await person.mail_count(START_SUBJECT)

    async def test_used_start_link_is_dead(self, person: Person) -> None:
        """Once the proof matched, the first link no longer opens the form."""
        await proven(person)
        link = await person.link(START_SUBJECT)
        response = await person.portal.client.get(link)
        assert (410, True) == (response.status, DEAD in parse_page(await response.text()).text)
        status, _ = await prove(person.portal, link, person.receipt, person.born_on)
        assert 410 == status

    async def test_expired_start_link(
        self, person: Person, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """After an hour the first link no longer works."""
        await person.ask_for_link()
        link = await person.link(START_SUBJECT)
        move_clock(monkeypatch, timedelta(hours=1, minutes=1))
        assert 410 == (await person.portal.client.get(link)).status

    async def test_finish_link_used_once(
        self, person: Person, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A finish link that did its work is dead afterwards."""
        await proven(person)
        finish = await person.link(FINISH_SUBJECT)
        move_clock(monkeypatch, AFTER_WAIT)
        assert 200 == (await post_link(person.portal, pages.FINISH_PATH, finish))[0]
        assert 410 == (await post_link(person.portal, pages.FINISH_PATH, finish))[0]

    async def test_made_up_token(self, site: Portal) -> None:
        """A made-up link says it stopped working."""
        for path in (pages.PROOF_PATH, pages.FINISH_PATH, pages.CANCEL_PATH):
            response = await site.client.get(f"{path}?token=not-a-real-token")
            assert (410, True) == (response.status, DEAD in parse_page(await response.text()).text)

    async def test_second_attempt_waits_for_the_first(self, person: Person) -> None:
        """While one attempt is open, a second link cannot start another."""
        await proven(person)
        await person.ask_for_link()
        response = await person.portal.client.get(await person.link(START_SUBJECT))
        page = parse_page(await response.text())
        assert (410, True) == (response.status, "already under way" in page.text)


class TestLogs:
    """No link token reaches the logs, whatever the step."""

    async def test_tokens_never_logged(
        self, open_portal: PortalOpener, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Asking, proving, cancelling and finishing log ids only, never a token."""
        portal = await open_portal(dev=True, data_dir=tmp_path, log_level="info")
        person = await person_with_app(portal, tmp_path / "mailbox")
        await give_case(person)
        with capture_logs() as logs:
            await proven(person)
            cancel, finish = await person.link(NOTICE_SUBJECT), await person.link(FINISH_SUBJECT)
            move_clock(monkeypatch, AFTER_WAIT)
            await person.portal.client.get(finish)
            await post_link(person.portal, pages.FINISH_PATH, finish)
            await person.portal.client.get(cancel)
        written = repr(logs)
        links = [await person.link(START_SUBJECT), cancel, finish]
        assert [] == [link for link in links if token_of(link) in written]
        assert any(entry["event"] == "account_recovery_completed" for entry in logs)


class TestProof:
    """Wrong proofs are refused alike and counted; the fifth ends the attempt."""

    async def test_five_wrong_proofs_cancel(self, person: Person) -> None:
        """Four wrong proofs are refused; the fifth ends the attempt and the link."""
        await person.ask_for_link()
        link = await person.link(START_SUBJECT)
        for _ in range(MAX_WRONG_PROOFS - 1):
            status, page = await prove(person.portal, link, person.receipt, "1970-01-01")
            assert (422, [PROOF_MISMATCH]) == (status, page.error_summary)
        recovery_id = await open_recovery(person)
        status, page = await prove(person.portal, link, person.receipt, "1970-01-01")
        assert (410, True) == (status, TOO_MANY_WRONG in page.text)
        assert 410 == (await person.portal.client.get(link)).status
        names = await event_names(person.portal, recovery_id)
        assert ["Requested", *["ProofRefused"] * MAX_WRONG_PROOFS, "Cancelled"] == names
        assert 0 == await person.mail_count(NOTICE_SUBJECT)

    async def test_wrong_proofs_bar_new_attempts_for_a_day(
        self, person: Person, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """After five wrong proofs a new link is refused for 24 hours, then works again."""
        await person.ask_for_link()
        link = await person.link(START_SUBJECT)
        for _ in range(MAX_WRONG_PROOFS):
            await prove(person.portal, link, person.receipt, "1970-01-01")
        await person.ask_for_link()
        response = await person.portal.client.get(await person.link(START_SUBJECT))
        page = parse_page(await response.text())
        assert (410, True) == (response.status, RECOVERY_LOCKED in page.text)

        move_clock(monkeypatch, LOCKOUT + timedelta(minutes=1))
        await person.ask_for_link()
        status, page = await prove(
            person.portal, await person.link(START_SUBJECT), person.receipt, person.born_on
        )
        assert (200, True) == (status, "You can finish after" in page.text)

    async def test_someone_elses_case_fails(self, person: Person, tmp_path: Path) -> None:
        """Another applicant's receipt number with their own date of birth does not match."""
        other = await person_with_app(person.portal, tmp_path / "mailbox")
        await give_case(other, born_on="1990-12-01")
        await person.ask_for_link()
        link = await person.link(START_SUBJECT)
        for receipt, born_on in (
            (other.receipt, "1990-12-01"),
            (other.receipt, person.born_on),
            ("IOE2799999999", person.born_on),
        ):
            status, page = await prove(person.portal, link, receipt, born_on)
            assert (422, [PROOF_MISMATCH]) == (status, page.error_summary)

    async def test_typing_mistakes_are_not_counted(self, person: Person) -> None:
        """A receipt number in the wrong shape or an impossible date is explained, not counted."""
        await person.ask_for_link()
        link = await person.link(START_SUBJECT)
        status, page = await prove(person.portal, link, "12345", person.born_on)
        assert (422, True) == (status, "is not a receipt number" in page.error_summary[0])
        status, _ = await prove(person.portal, link, person.receipt, "1986-02-30")
        assert 422 == status
        status, _ = await prove(person.portal, link, person.receipt, person.born_on)
        assert 200 == status
        names = await event_names(person.portal, await open_recovery(person))
        assert ["Requested", "Proven"] == names

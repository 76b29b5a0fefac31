"""End-to-end tests of asking an administrator instead of a receipt number, and of admins
approving people locked out after wrong answers (web.identity.recovery, web.admin) over HTTP."""

import re
from datetime import timedelta
from pathlib import Path
from uuid import UUID

import pytest
from structlog.testing import capture_logs

from immportal.adapters.postgres.recovery_claims import PostgresRecoveryClaims
from immportal.adapters.postgres.sessions import PostgresSessionStore as SessionStore
from immportal.domain.actor import Role
from immportal.domain.identity.recovery import LOCKOUT, MAX_WRONG_PROOFS
from immportal.domain.identity.recovery_errors import (
    RECOVERY_LOCKED,
    RECOVERY_LOCKED_AFTER_STOP,
)
from immportal.web.admin.recoveries import LIST_PATH
from immportal.web.identity.recovery import pages
from immportal.web.identity.recovery.ask_admin import TITLE
from testkit.e2e_support import Page, Portal, PortalOpener, form_token, parse_page, post_form
from testkit.recovery_support import (
    FINISH_SUBJECT,
    NOTICE_SUBJECT,
    START_SUBJECT,
    Person,
    event_names,
    give_case,
    move_clock,
    open_recovery,
    person_with_app,
    post_link,
    prove,
    token_of,
)

NOTE = "Video call; compared the staff badge with the HR record"
WRONG_BIRTH = "1970-01-01"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.fixture
async def site(open_portal: PortalOpener, tmp_path: Path) -> Portal:
    """The portal in dev mode, mailing into a mailbox in this test's folder."""
    return await open_portal(dev=True, data_dir=tmp_path)


@pytest.fixture
async def officer(site: Portal, tmp_path: Path) -> Person:
    """A staff member with an app and no case, hence no receipt number."""
    return await person_with_app(site, tmp_path / "mailbox", role=Role.OFFICER)


async def sign_in_admin(site: Portal, tmp_path: Path) -> Person:
    """A new administrator with an app, signed in on the portal's browser."""
    admin = await person_with_app(site, tmp_path / "mailbox", role=Role.ADMIN)
    await admin.sign_in()
    assert 303 == (await admin.enter_code()).status
    return admin


async def ask_admin(portal: Portal, link: str) -> tuple[int, Page]:
    """Open the first link and press "ask an administrator"; return the status and page."""
    opened = parse_page(await (await portal.client.get(link)).text())
    csrf = opened.inputs.get("csrf_token") or await form_token(portal, pages.START_PATH)
    form = {"token": token_of(link)}
    answer = await post_form(portal, pages.HELP_PATH, form, token=csrf)
    return answer.status, parse_page(await answer.text())


async def wrong_proofs(person: Person, link: str, count: int) -> None:
    """Give `count` wrong dates of birth through the link."""
    for _ in range(count):
        await prove(person.portal, link, person.receipt or "IOE2799999999", WRONG_BIRTH)


async def listed(portal: Portal) -> str:
    """The text of the admin list."""
    response = await portal.client.get(LIST_PATH)
    assert 200 == response.status
    return parse_page(await response.text()).text


async def approve(portal: Portal, recovery_id: UUID, note: str) -> int:
    """Send the approve form of a recovery's admin page; return the status."""
    path = f"{LIST_PATH}/{recovery_id}"
    token = await form_token(portal, path)
    response = await post_form(portal, f"{path}/approve", {"note": note}, token=token)
    return response.status


async def back_in(person: Person) -> None:
    """The person signs in with the password only and sets up a new app."""
    signed = await person.sign_in()
    assert (303, "/account/authenticator") == (signed.status, signed.headers["Location"])
    activated = await person.set_up_authenticator()
    assert (303, "/account/recovery-codes") == (activated.status, activated.headers["Location"])


class TestAskAnAdministrator:
    """Someone without a receipt number asks an administrator, who checks and approves."""

    async def test_help_path_end_to_end(
        self, site: Portal, officer: Person, tmp_path: Path
    ) -> None:
        """Link, "ask an administrator", the notice, the admin list, approval, a new app."""
        elsewhere = await SessionStore(site.runtime.pool).create(
            account_id=officer.account_id, role=Role.OFFICER
        )
        await officer.ask_for_link()
        link = await officer.link(START_SUBJECT)
        proof_page = await (await site.client.get(link)).text()
        assert f'action="{pages.HELP_PATH}"' in proof_page
        assert "I do not have a receipt number" in parse_page(proof_page).text

        status, page = await ask_admin(site, link)
        assert (200, True, True) == (
            status,
            TITLE in page.text,
            "Nothing changes on your account until" in page.text,
        )
        assert (1, 0) == (
            await officer.mail_count(NOTICE_SUBJECT),
            await officer.mail_count(FINISH_SUBJECT),
        )
        assert (200, True) == (
            (await site.client.get(await officer.link(NOTICE_SUBJECT))).status,
            (await site.runtime.accounts.get(officer.account_id)).totp_active,
        )
        recovery_id = await open_recovery(officer)

        admin = await sign_in_admin(site, tmp_path)
        text = await listed(site)
        assert (True, True) == (officer.email in text, "Asked for an administrator" in text)
        assert 422 == await approve(site, recovery_id, " ")
        assert 303 == await approve(site, recovery_id, NOTE)
        assert not (await site.runtime.accounts.get(officer.account_id)).totp_active
        assert await SessionStore(site.runtime.pool).load(elsewhere.id) is None
        assert officer.email not in await listed(site)

        stored = await site.runtime.store.read_stream(recovery_id)
        assert ["Requested", "HelpRequested", "ApprovedByAdmin", "Completed"] == [
            type(e).__name__ for e in stored
        ]
        assert (
            [str(officer.account_id), str(officer.account_id)]
            == [
                e.actor_id  # type: ignore[attr-defined]
                for e in stored[:2]
            ]
        )
        assert (str(admin.account_id), NOTE) == (
            stored[2].actor_id,  # type: ignore[attr-defined]
            stored[2].note,  # type: ignore[attr-defined]
        )
        await admin.sign_out()
        await back_in(officer)

    async def test_start_link_dead_after_asking(self, site: Portal, officer: Person) -> None:
        """Once help is asked for, the first link neither opens the form nor asks again."""
        await officer.ask_for_link()
        link = await officer.link(START_SUBJECT)
        assert 200 == (await ask_admin(site, link))[0]
        assert 410 == (await site.client.get(link)).status
        status, page = await ask_admin(site, link)
        assert (410, True) == (status, "This link has stopped working" in page.text)
        status, _ = await prove(site, link, "IOE2799999999", WRONG_BIRTH)
        assert 410 == status
        names = await event_names(site, await open_recovery(officer))
        assert ["Requested", "HelpRequested"] == names

    async def test_wasnt_me_cancels(self, site: Portal, officer: Person, tmp_path: Path) -> None:
        """The notice's link stops it for good; admins no longer see it."""
        await officer.ask_for_link()
        assert 200 == (await ask_admin(site, await officer.link(START_SUBJECT)))[0]
        recovery_id = await open_recovery(officer)
        cancel = await officer.link(NOTICE_SUBJECT)
        status, page = await post_link(site, pages.CANCEL_PATH, cancel)
        assert (200, True) == (status, "We stopped the recovery" in page.text)
        assert 410 == (await site.client.get(cancel)).status
        stored = await site.runtime.store.read_stream(recovery_id)
        assert ["Requested", "HelpRequested", "Cancelled"] == [type(e).__name__ for e in stored]
        assert "not_me" == stored[-1].reason  # type: ignore[attr-defined]
        await sign_in_admin(site, tmp_path)
        assert officer.email not in await listed(site)
        assert 404 == (await site.client.get(f"{LIST_PATH}/{recovery_id}")).status
        assert (await site.runtime.accounts.get(officer.account_id)).totp_active


class TestLockoutKept:
    """Asking for help neither avoids nor resets the count of wrong answers."""

    async def test_refused_during_a_lockout(self, site: Portal, tmp_path: Path) -> None:
        """After five wrong answers, a new link cannot ask for an administrator either."""
        person = await person_with_app(site, tmp_path / "mailbox")
        await give_case(person)
        await person.ask_for_link()
        link = await person.link(START_SUBJECT)
        await wrong_proofs(person, link, MAX_WRONG_PROOFS)
        locked_id = await open_recovery(person)
        status, _ = await ask_admin(site, link)
        assert 410 == status
        await person.ask_for_link()
        status, page = await ask_admin(site, await person.link(START_SUBJECT))
        assert (410, True) == (status, RECOVERY_LOCKED in page.text)
        assert locked_id == await open_recovery(person)
        assert "HelpRequested" not in await event_names(site, locked_id)

    async def test_wrong_answers_then_help_then_cancel(
        self, site: Portal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Wrong answers stay counted: cancelling after asking bars new attempts for a day."""
        person = await person_with_app(site, tmp_path / "mailbox")
        await give_case(person)
        await person.ask_for_link()
        link = await person.link(START_SUBJECT)
        await wrong_proofs(person, link, MAX_WRONG_PROOFS - 1)
        assert 200 == (await ask_admin(site, link))[0]
        recovery_id = await open_recovery(person)
        assert (
            200 == (await post_link(site, pages.CANCEL_PATH, await person.link(NOTICE_SUBJECT)))[0]
        )

        await person.ask_for_link()
        fresh = await person.link(START_SUBJECT)
        response = await site.client.get(fresh)
        page = parse_page(await response.text())
        assert (410, True) == (response.status, RECOVERY_LOCKED_AFTER_STOP in page.text)
        status, _ = await prove(site, fresh, person.receipt, person.born_on)
        assert 410 == status
        names = await event_names(site, recovery_id)
        assert ["Requested", *["ProofRefused"] * (MAX_WRONG_PROOFS - 1)] == names[:MAX_WRONG_PROOFS]
        assert ["HelpRequested", "Cancelled"] == names[MAX_WRONG_PROOFS:]

        move_clock(monkeypatch, LOCKOUT + timedelta(minutes=1))
        await person.ask_for_link()
        status, page = await prove(
            site, await person.link(START_SUBJECT), person.receipt, person.born_on
        )
        assert (200, True) == (status, "You can finish after" in page.text)


async def locked_out(site: Portal, tmp_path: Path) -> tuple[Person, UUID]:
    """An applicant whose five wrong answers locked the account; the locking attempt's id."""
    person = await person_with_app(site, tmp_path / "mailbox")
    await give_case(person)
    await person.ask_for_link()
    link = await person.link(START_SUBJECT)
    await wrong_proofs(person, link, MAX_WRONG_PROOFS)
    return person, await open_recovery(person)


class TestLockedOutForAdmins:
    """Admins see attempts locked after wrong answers and may approve the person."""

    async def test_listed_until_the_lockout_ends(
        self, site: Portal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The list shows the lockout with its end; its page offers approval, not refusal."""
        person, locked_id = await locked_out(site, tmp_path)
        await sign_in_admin(site, tmp_path)
        text = await listed(site)
        assert (True, True) == (person.email in text, "Locked after wrong answers until" in text)
        detail = parse_page(await (await site.client.get(f"{LIST_PATH}/{locked_id}")).text())
        assert ("Approve and reset the second factor" in detail.text) is True
        assert ("Refuse this recovery" in detail.text) is False
        move_clock(monkeypatch, LOCKOUT + timedelta(minutes=1))
        assert person.email not in await listed(site)

    async def test_approve_a_locked_out_person(self, site: Portal, tmp_path: Path) -> None:
        """Approval opens a new attempt on the person's behalf and completes it, all recorded."""
        person, locked_id = await locked_out(site, tmp_path)
        admin = await sign_in_admin(site, tmp_path)
        assert 422 == await approve(site, locked_id, "")
        assert (await site.runtime.accounts.get(person.account_id)).totp_active
        assert 303 == await approve(site, locked_id, NOTE)
        assert not (await site.runtime.accounts.get(person.account_id)).totp_active
        assert await PostgresRecoveryClaims(site.runtime.pool).find(person.account_id) is None
        assert person.email not in await listed(site)

        account_events = await site.runtime.store.read_stream(person.account_id)
        (reset,) = [e for e in account_events if type(e).__name__ == "SecondFactorReset"]
        new_id = UUID(_UUID.findall(reset.reason)[0])  # type: ignore[attr-defined]
        stored = await site.runtime.store.read_stream(new_id)
        assert ["Requested", "OpenedByAdmin", "ApprovedByAdmin", "Completed"] == [
            type(e).__name__ for e in stored
        ]
        assert {str(admin.account_id)} == {e.actor_id for e in stored}  # type: ignore[attr-defined]
        assert (locked_id, NOTE) == (
            stored[1].replaces,  # type: ignore[attr-defined]
            stored[1].note,  # type: ignore[attr-defined]
        )
        assert "Cancelled" == (await event_names(site, locked_id))[-1]
        await admin.sign_out()
        await back_in(person)

    async def test_non_admins_refused(self, site: Portal, tmp_path: Path) -> None:
        """A signed-in officer gets a 404 for a locked attempt's page and its approval."""
        person, locked_id = await locked_out(site, tmp_path)
        officer = await person_with_app(site, tmp_path / "mailbox", role=Role.OFFICER)
        await officer.sign_in()
        assert 303 == (await officer.enter_code()).status
        assert 404 == (await site.client.get(f"{LIST_PATH}/{locked_id}")).status
        token = await form_token(site, "/account")
        response = await post_form(
            site, f"{LIST_PATH}/{locked_id}/approve", {"note": NOTE}, token=token
        )
        assert 404 == response.status
        assert (await site.runtime.accounts.get(person.account_id)).totp_active


class TestLogs:
    """No link token reaches the logs on the help path."""

    async def test_tokens_never_logged(self, open_portal: PortalOpener, tmp_path: Path) -> None:
        """Asking for an administrator and cancelling log ids only, never a token."""
        portal = await open_portal(dev=True, data_dir=tmp_path, log_level="info")
        officer = await person_with_app(portal, tmp_path / "mailbox", role=Role.OFFICER)
        with capture_logs() as logs:
            await officer.ask_for_link()
            link = await officer.link(START_SUBJECT)
            await ask_admin(portal, link)
            cancel = await officer.link(NOTICE_SUBJECT)
            await post_link(portal, pages.CANCEL_PATH, cancel)
        written = repr(logs)
        assert [] == [url for url in (link, cancel) if token_of(url) in written]
        assert any(entry["event"] == "account_recovery_help_requested" for entry in logs)

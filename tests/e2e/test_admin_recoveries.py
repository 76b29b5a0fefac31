"""End-to-end tests of the admin recovery pages (web.admin.recoveries) over HTTP."""

from pathlib import Path

import pytest

from immportal.adapters.postgres.sessions import PostgresSessionStore as SessionStore
from immportal.domain.actor import Role
from immportal.web.admin.recoveries import LIST_PATH
from testkit.e2e_support import Portal, PortalOpener, form_token, parse_page, post_form
from testkit.recovery_support import (
    START_SUBJECT,
    Person,
    event_names,
    give_case,
    open_recovery,
    person_with_app,
    prove,
)

NOTE = "Video call; compared the passport with the copy on file"


@pytest.fixture
async def site(open_portal: PortalOpener, tmp_path: Path) -> Portal:
    """The portal in dev mode, mailing into a mailbox in this test's folder."""
    return await open_portal(dev=True, data_dir=tmp_path)


@pytest.fixture
async def person(site: Portal, tmp_path: Path) -> Person:
    """An applicant with an app and a case, whose recovery awaits its proof."""
    someone = await person_with_app(site, tmp_path / "mailbox")
    await give_case(someone)
    await someone.ask_for_link()
    status, _ = await prove(site, await someone.link(START_SUBJECT), someone.receipt, "1970-01-01")
    assert 422 == status
    return someone


@pytest.fixture
async def admin(site: Portal, tmp_path: Path) -> Person:
    """An administrator with an app, signed in on the portal's browser."""
    staff = await person_with_app(site, tmp_path / "mailbox", role=Role.ADMIN)
    await staff.sign_in()
    assert 303 == (await staff.enter_code()).status
    return staff


async def decide(portal: Portal, recovery_path: str, action: str, form: dict[str, str]) -> int:
    """Send the approve or refuse form of a recovery page; return the status."""
    token = await form_token(portal, recovery_path)
    response = await post_form(portal, f"{recovery_path}/{action}", form, token=token)
    return response.status


class TestApprove:
    """An admin approves after checking identity: the second factor is reset at once."""

    async def test_list_then_approve(self, person: Person, admin: Person) -> None:
        """The open recovery is listed; approving needs a note, then resets and records it."""
        portal = admin.portal
        elsewhere = await SessionStore(portal.runtime.pool).create(
            account_id=person.account_id, role=Role.APPLICANT
        )
        recovery_id = await open_recovery(person)
        listed = parse_page(await (await portal.client.get(LIST_PATH)).text())
        assert person.email in listed.text
        assert "Waiting for receipt number and date of birth" in listed.text

        path = f"{LIST_PATH}/{recovery_id}"
        detail = await portal.client.get(path)
        assert (200, True) == (
            detail.status,
            "did not match" in parse_page(await detail.text()).text,
        )
        assert 422 == await decide(portal, path, "approve", {"note": " "})
        assert (await portal.runtime.accounts.get(person.account_id)).totp_active

        token = await form_token(portal, path)
        done = await post_form(portal, f"{path}/approve", {"note": NOTE}, token=token)
        assert (303, f"{LIST_PATH}?done=approved") == (done.status, done.headers["Location"])
        assert not (await portal.runtime.accounts.get(person.account_id)).totp_active
        assert await SessionStore(portal.runtime.pool).load(elsewhere.id) is None
        names = await event_names(portal, recovery_id)
        assert ["Requested", "ProofRefused", "ApprovedByAdmin", "Completed"] == names
        approved = (await portal.runtime.store.read_stream(recovery_id))[2]
        assert (str(admin.account_id), "admin", NOTE) == (
            approved.actor_id,  # type: ignore[attr-defined]
            approved.actor_role,  # type: ignore[attr-defined]
            approved.note,  # type: ignore[attr-defined]
        )
        after = parse_page(await (await portal.client.get(LIST_PATH)).text())
        assert person.email not in after.text
        assert 404 == (await portal.client.get(path)).status

    async def test_refuse(self, person: Person, admin: Person) -> None:
        """Refusing needs a reason, ends the attempt and leaves the app in place."""
        portal, recovery_id = admin.portal, await open_recovery(person)
        path = f"{LIST_PATH}/{recovery_id}"
        assert 422 == await decide(portal, path, "refuse", {"reason": ""})
        assert 303 == await decide(portal, path, "refuse", {"reason": "Could not confirm"})
        assert (await portal.runtime.accounts.get(person.account_id)).totp_active
        stored = await portal.runtime.store.read_stream(recovery_id)
        assert ("Cancelled", "refused_by_admin") == (
            type(stored[-1]).__name__,
            stored[-1].reason,  # type: ignore[attr-defined]
        )


class TestOnlyAdmins:
    """Nobody but a signed-in admin reaches the pages."""

    async def test_applicant_is_refused(self, person: Person) -> None:
        """A signed-in applicant gets a 404 for the list and the decisions."""
        await person.sign_in()
        assert 303 == (await person.enter_code()).status
        recovery_id = await open_recovery(person)
        assert 404 == (await person.portal.client.get(LIST_PATH)).status
        token = await form_token(person.portal, "/account")
        response = await post_form(
            person.portal, f"{LIST_PATH}/{recovery_id}/approve", {"note": NOTE}, token=token
        )
        assert 404 == response.status

    async def test_officer_is_refused(self, site: Portal, tmp_path: Path) -> None:
        """Staff in other roles do not see the pages either."""
        officer = await person_with_app(site, tmp_path / "mailbox", role=Role.OFFICER)
        await officer.sign_in()
        await officer.enter_code()
        assert 404 == (await site.client.get(LIST_PATH)).status

    async def test_anonymous_goes_to_sign_in(self, site: Portal) -> None:
        """Someone not signed in is sent to sign in first."""
        response = await site.client.get(LIST_PATH, allow_redirects=False)
        assert (303, True) == (response.status, response.headers["Location"].startswith("/sign-in"))

"""From a started draft to the fee page over HTTP: resume, check, change, sign, delete."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from uuid import UUID

import pytest

from immportal.domain.actor import Role
from immportal.domain.cases.status import CaseStatus
from testkit.apply_support import (
    fill,
    save_page,
    sign_in_again,
    start_draft,
    task_states,
)
from testkit.e2e_support import Portal, form_token, parse_page, post_form
from testkit.filled_forms import I765_PAGES, answers_of, pages_in
from testkit.signed_in_support import PASSWORD, Person, browsers, open_account, people, sign_in_as

NOT_FOUND = "We cannot find that page or case"


@pytest.fixture
async def applicant(portal: Portal) -> AsyncIterator[Person]:
    """A signed-in applicant in their own browser."""
    async with people(portal) as sign_in:
        yield await sign_in(Role.APPLICANT)


@dataclass(frozen=True)
class Answered:
    """What a post answered."""

    status: int
    location: str
    errors: list[str]


async def sign(person: Person, case_id: UUID, full_name: str, confirm: str = "yes") -> Answered:
    """Send the declaration form; return what the portal answered."""
    path = f"/cases/{case_id}/apply/declaration"
    token = await form_token(person.portal, path)
    form = {"full_name": full_name, **({"confirm": confirm} if confirm else {})}
    response = await post_form(person.portal, path, form, token=token)
    location = response.headers.get("Location", "")
    return Answered(response.status, location, parse_page(await response.text()).error_summary)


class TestResume:
    """Signing out loses nothing: another browser signs in and carries on."""

    async def test_sign_out_and_resume_elsewhere(self, portal: Portal) -> None:
        """Half the sections done, signed out; a new browser finds the draft as it was left."""
        account_id, email, key = await open_account(portal, Role.APPLICANT)
        async with browsers(portal) as open_browser:
            first = open_browser()
            await sign_in_as(first, email, PASSWORD, key)
            case_id = await start_draft(first)
            await fill(first, case_id, pages_in("I-765", I765_PAGES, "applicant", "contact"))
            token = await form_token(first, "/cases")
            out = await post_form(first, "/sign-out", {}, token=token)
            after = await first.client.get(f"/cases/{case_id}/apply", allow_redirects=False)

            second = open_browser()
            await sign_in_again(second, email, key)
            dashboard = await (await second.client.get("/cases")).text()
            states = await task_states(second, case_id)
            page = await (await second.client.get(f"/cases/{case_id}/apply/mailing_address")).text()

        assert 303 == out.status
        assert 303 == after.status  # signed out: to the sign-in page
        assert f'href="/cases/{case_id}/apply"' in dashboard
        assert f'href="/cases/{case_id}/delete"' in dashboard
        assert "2 of 6 sections completed." in parse_page(dashboard).text
        assert ("completed", "completed", "not_started") == (
            states["applicant"],
            states["contact"],
            states["reason"],
        )
        assert 'value="8 Quay Road"' in page
        assert str(account_id) == (await portal.runtime.cases.get(case_id)).applicant_id


class TestCheckAnswers:
    """Every answer with a link to change it; a change comes back to the check page."""

    async def test_change_link_round_trip(self, applicant: Person) -> None:
        """Change the given name from check answers: saved, and back to check answers."""
        portal = applicant.portal
        case_id = await start_draft(portal)
        await fill(portal, case_id, I765_PAGES)
        check = f"/cases/{case_id}/apply/check"
        html = await (await portal.client.get(check)).text()
        change = f'href="/cases/{case_id}/apply/name?return=check"'
        form = await (await portal.client.get(f"/cases/{case_id}/apply/name?return=check")).text()
        changed = dict(I765_PAGES[0][1], given_name="Anna")
        response = await save_page(portal, case_id, "name", changed, back=True)
        after = parse_page(await (await portal.client.get(check)).text()).text

        assert change in html
        for shown in ("Ana", "Lopez", "March 27, 1990", "ana@example.com", "(c)(3)(B)"):
            assert shown in parse_page(html).text
        assert 'name="return_to" value="check"' in form
        assert (303, check) == (response.status, response.headers["Location"])
        assert "Anna" in after

    async def test_a_change_that_opens_a_page_asks_it_first(self, applicant: Person) -> None:
        """Changing the category to (c)(8) asks the arrests page before going back."""
        portal = applicant.portal
        case_id = await start_draft(portal)
        await fill(portal, case_id, I765_PAGES)
        changed = await save_page(portal, case_id, "category", {"category": "c8"}, back=True)
        asylum = {"i589_filed_on": "2024-01-10", "abc_class_member": "no"}
        filed = await save_page(portal, case_id, "asylum", asylum, back=True)
        answered = await save_page(portal, case_id, "arrests", {"ever_arrested": "no"}, back=True)
        base = f"/cases/{case_id}/apply"
        assert f"{base}/asylum?return=check" == changed.headers["Location"]
        assert f"{base}/arrests?return=check" == filed.headers["Location"]
        assert f"{base}/check" == answered.headers["Location"]


class TestDeclaration:
    """The typed name must be the applicant's and the box ticked; then to the fee page."""

    async def test_wrong_name_unticked_box_then_signed(self, applicant: Person) -> None:
        """Each mistake is named; the right name in any case signs and leads to /pay."""
        portal = applicant.portal
        case_id = await start_draft(portal)
        early = await portal.client.get(
            f"/cases/{case_id}/apply/declaration", allow_redirects=False
        )
        await fill(portal, case_id, I765_PAGES)
        wrong = await sign(applicant, case_id, "Maria Garcia")
        empty = await sign(applicant, case_id, "", confirm="")
        unticked = await sign(applicant, case_id, "Ana Lopez", confirm="")
        signed = await sign(applicant, case_id, "  ana   LOPEZ ")
        pay = await portal.client.get(signed.location)
        case = await portal.runtime.cases.get(case_id)

        assert (303, f"/cases/{case_id}/apply/check") == (
            early.status,
            early.headers["Location"],
        )
        name_message = "Enter your name as you gave it in this application, for example Ana Lopez"
        assert (422, [name_message]) == (wrong.status, wrong.errors)
        box_message = "Select the box to confirm that the declaration is true"
        assert ["Enter your full name", box_message] == empty.errors
        assert [box_message] == unticked.errors
        assert (303, f"/cases/{case_id}/pay") == (signed.status, signed.location)
        assert "ana LOPEZ" == case.answers["declaration"]["full_name"]
        assert case.answers["declaration"]["signed_at"]
        assert 200 == pay.status
        assert "$470.00" in parse_page(await pay.text()).text

    async def test_a_change_after_signing_asks_for_a_new_signature(self, applicant: Person) -> None:
        """Changing an answer after signing clears the signature."""
        portal = applicant.portal
        case_id = await start_draft(portal)
        await fill(portal, case_id, I765_PAGES)
        await sign(applicant, case_id, "Ana Lopez")
        await save_page(portal, case_id, "reason", {"reason": "initial"})  # unchanged
        kept = (await portal.runtime.cases.get(case_id)).answers["declaration"]["signed_at"]
        arrival = answers_of(I765_PAGES, "arrival")
        await save_page(portal, case_id, "arrival", dict(arrival, current_status="B-2"))
        cleared = (await portal.runtime.cases.get(case_id)).answers["declaration"]
        assert kept
        assert {"full_name": None, "signed_at": None} == cleared


class TestDeleteDraft:
    """A deleted draft leaves the dashboard but stays in the event log."""

    async def test_confirm_and_delete(self, applicant: Person) -> None:
        """The confirmation page, then DraftDeleted; the draft's pages say it is gone."""
        portal = applicant.portal
        case_id = await start_draft(portal)
        await fill(portal, case_id, I765_PAGES[:2])
        path = f"/cases/{case_id}/delete"
        confirm = await portal.client.get(path)
        token = parse_page(await confirm.text()).inputs["csrf_token"]
        response = await post_form(portal, path, {}, token=token)
        dashboard = await portal.client.get(response.headers["Location"])
        html = await dashboard.text()
        events = await portal.runtime.store.read_stream(case_id)
        tasks = parse_page(await (await portal.client.get(f"/cases/{case_id}/apply")).text())

        assert "keep your draft for at least 30 days" in parse_page(await confirm.text()).text
        assert (303, "/cases?deleted=1") == (response.status, response.headers["Location"])
        assert f"/cases/{case_id}" not in html
        assert "Your draft was deleted." in parse_page(html).text
        # The first AnswersSaved is the name filled in from the account when the draft opened.
        assert ["Started", *["AnswersSaved"] * 3, "DraftDeleted"] == [
            type(e).__name__ for e in events
        ]
        assert CaseStatus.WITHDRAWN == (await portal.runtime.cases.get(case_id)).status
        assert "This application can no longer be changed" in tasks.text


class TestSomeoneElsesDraft:
    """Another applicant finds nothing at any filling URL of a draft, and changes nothing."""

    async def test_refused_everywhere(self, portal: Portal) -> None:
        """Every GET and POST answers the not-found page; the draft's events stay as they were."""
        async with people(portal) as sign_in:
            owner, stranger = await sign_in(Role.APPLICANT), await sign_in(Role.APPLICANT)
            case_id = await start_draft(owner.portal)
            await fill(owner.portal, case_id, I765_PAGES)
            before = len(await portal.runtime.store.read_stream(case_id))
            base = f"/cases/{case_id}"
            token = await form_token(stranger.portal, "/cases")
            answers = {"given_name": "Eve", "family_name": "Mallory"}
            statuses = []
            for path in (f"{base}/apply", f"{base}/apply/check", f"{base}/apply/name"):
                statuses.append((await stranger.portal.client.get(path)).status)
            for path, form in (
                (f"{base}/apply/name", answers),
                (f"{base}/apply/declaration", {"full_name": "Ana Lopez", "confirm": "yes"}),
                (f"{base}/delete", {}),
            ):
                response = await post_form(stranger.portal, path, form, token=token)
                statuses.append(response.status)
                assert NOT_FOUND in parse_page(await response.text()).text
            dashboard = await (await stranger.portal.client.get("/cases")).text()
        assert [404] * 6 == statuses
        assert before == len(await portal.runtime.store.read_stream(case_id))
        assert str(case_id) not in dashboard

"""Withdrawing an application online, and the card's steps on the timeline and public status."""

from __future__ import annotations

from collections.abc import AsyncIterator
from uuid import UUID

import pytest

from immportal.domain.actor import Actor, Role
from immportal.services.cases.cards import CardService
from testkit.e2e_support import (
    Portal,
    accepted_case,
    form_token,
    parse_page,
    post_form,
    wait_until_projected,
)
from testkit.notice_support import wait_for_notices
from testkit.signed_in_support import Person, SignIn, people

OFFICER = Actor("officer-cards", Role.OFFICER)
TRACKING = "9400111899223855123450"


@pytest.fixture
async def sign_in(portal: Portal) -> AsyncIterator[SignIn]:
    """Sign in new people in their own browsers."""
    async with people(portal) as signing_in:
        yield signing_in


async def event_names(portal: Portal, case_id: UUID) -> list[str]:
    """The case's events, by name, in order."""
    return [type(e).__name__ for e in await portal.runtime.store.read_stream(case_id)]


async def check_page(person: Person, case_id: UUID, form: dict[str, str]) -> tuple[int, str]:
    """Post the reason form; (status, the page's text)."""
    token = await form_token(person.portal, f"/cases/{case_id}/withdraw")
    response = await post_form(person.portal, f"/cases/{case_id}/withdraw", form, token=token)
    return response.status, " ".join(parse_page(await response.text()).text.split())


async def confirm(person: Person, case_id: UUID, form: dict[str, str]) -> tuple[int, str]:
    """Press 'Withdraw the application'; (status, where it leads)."""
    token = await form_token(person.portal, f"/cases/{case_id}/withdraw")
    path = f"/cases/{case_id}/withdraw/confirm"
    response = await post_form(person.portal, path, form, token=token)
    return response.status, response.headers.get("Location", "")


class TestWithdrawJourney:
    """Case page → reason → check answers → withdrawn, closed, notice, public status."""

    async def test_journey(self, portal: Portal, sign_in: SignIn) -> None:
        """The whole journey, with a second press of the button changing nothing."""
        person = await sign_in(Role.APPLICANT)
        case_id = await accepted_case(portal.runtime.cases, person.actor)
        summary = await wait_until_projected(portal.runtime, case_id, 4)
        case_page = parse_page(await (await person.portal.client.get(f"/cases/{case_id}")).text())
        assert "Withdraw this application" in case_page.text
        form_page = await person.portal.client.get(f"/cases/{case_id}/withdraw")
        assert "4" == parse_page(await form_page.text()).inputs["expected_version"]

        answers = {
            "expected_version": "4",
            "ground": "filed_again",
            "explanation": "I sent a new application with the right category.",
        }
        status, text = await check_page(person, case_id, answers)
        assert 200 == status
        assert "Check your answers before you withdraw" in text
        assert "I filed a new application instead" in text
        assert ["Started", "AnswersSaved", "Submitted", "Accepted"] == await event_names(
            portal, case_id
        )

        first = await confirm(person, case_id, answers)
        second = await confirm(person, case_id, answers)
        assert (303, f"/cases/{case_id}?withdrawn=1") == (first[0], first[1].split("&")[0])
        assert 303 == second[0]
        names = await event_names(portal, case_id)
        assert ["Withdrawn", "Closed"] == names[4:]

        await wait_until_projected(portal.runtime, case_id, 6)
        page = parse_page(await (await person.portal.client.get(first[1])).text())
        assert "Your application is withdrawn." in " ".join(page.text.split())
        assert "Application withdrawn" in page.timeline
        assert "Withdraw this application" not in page.text
        _, withdrawal = await wait_for_notices(portal, case_id, 2)
        inbox = parse_page(await (await person.portal.client.get("/inbox")).text()).text
        assert "Withdrawal acknowledgement" in inbox
        notice = await person.portal.client.get(f"/cases/{case_id}/notices/{withdrawal}")
        notice_text = " ".join(parse_page(await notice.text()).text.split())
        assert "We withdrew your application" in notice_text
        assert "I filed a new application instead" in notice_text
        public = await portal.client.get(f"/case-status?receipt_number={summary.receipt_number}")
        assert "Case closed" in parse_page(await public.text()).text

    async def test_reason_needed(self, portal: Portal, sign_in: SignIn) -> None:
        """No ground chosen, or 'another reason' without words: asked again, nothing written."""
        person = await sign_in(Role.APPLICANT)
        case_id = await accepted_case(portal.runtime.cases, person.actor)
        await wait_until_projected(portal.runtime, case_id, 4)
        no_ground = await check_page(person, case_id, {"expected_version": "4"})
        other = await check_page(person, case_id, {"expected_version": "4", "ground": "other"})
        refused = await confirm(person, case_id, {"expected_version": "4", "ground": "other"})
        assert 422 == no_ground[0]
        assert "Choose why you are withdrawing" in no_ground[1]
        assert 422 == other[0]
        assert "Tell us why you are withdrawing" in other[1]
        assert 422 == refused[0]
        assert "Withdrawn" not in await event_names(portal, case_id)

    async def test_decided_case_cannot_be_withdrawn(self, portal: Portal, sign_in: SignIn) -> None:
        """After a decision the page says so, and a posted withdrawal is refused."""
        person = await sign_in(Role.APPLICANT)
        case_id = await approved_case(portal, person)
        page = await person.portal.client.get(f"/cases/{case_id}/withdraw")
        assert "can no longer be withdrawn online" in parse_page(await page.text()).text
        status, _ = await confirm(
            person, case_id, {"expected_version": "7", "ground": "no_longer_needed"}
        )
        assert 422 == status
        assert "Withdrawn" not in await event_names(portal, case_id)

    async def test_stranger_gets_not_found(self, portal: Portal, sign_in: SignIn) -> None:
        """Someone else's case: the withdrawal page does not exist for them."""
        owner, stranger = await sign_in(Role.APPLICANT), await sign_in(Role.APPLICANT)
        case_id = await accepted_case(portal.runtime.cases, owner.actor)
        await wait_until_projected(portal.runtime, case_id, 4)
        assert 404 == (await stranger.portal.client.get(f"/cases/{case_id}/withdraw")).status


async def approved_case(portal: Portal, person: Person) -> UUID:
    """An accepted I-765 of the person's, assigned and approved (version 7)."""
    cases = portal.runtime.cases
    case_id = await accepted_case(cases, person.actor)
    await cases.update(case_id, None, lambda c: c.assign(OFFICER, OFFICER.user_id))
    await cases.update(
        case_id,
        None,
        lambda c: c.propose_decision(OFFICER, "approve", "Eligible", "", review_required=False),
    )
    await cases.update(case_id, None, lambda c: c.issue_decision(OFFICER))
    await wait_until_projected(portal.runtime, case_id, 7)
    return case_id


class TestCardSteps:
    """The card's production, mailing and return show on the timeline and the public answer."""

    async def test_card_mailed_then_returned(self, portal: Portal, sign_in: SignIn) -> None:
        """Mailed: tracking number on both; returned: the public answer says so."""
        person = await sign_in(Role.APPLICANT)
        case_id = await approved_case(portal, person)
        number = (await wait_until_projected(portal.runtime, case_id, 7)).receipt_number
        cards = CardService(portal.runtime.cases)
        await cards.produced(case_id, actor=Actor.system())
        await cards.mailed(case_id, actor=Actor.system(), tracking_number=TRACKING)
        await wait_until_projected(portal.runtime, case_id, 9)

        page = parse_page(await (await person.portal.client.get(f"/cases/{case_id}")).text())
        assert ["Card produced", "Card mailed"] == page.timeline[-2:]
        assert f"USPS tracking number {TRACKING}" in page.text
        public = await portal.client.get(f"/case-status?receipt_number={number}")
        answer = " ".join(parse_page(await public.text()).text.split())
        assert "We mailed your card to the address on your case." in answer
        assert TRACKING in answer

        await cards.returned(case_id, actor=Actor.system(), reason="Moved, left no address")
        await wait_until_projected(portal.runtime, case_id, 10)
        public = await portal.client.get(f"/case-status?receipt_number={number}")
        answer = " ".join(parse_page(await public.text()).text.split())
        assert "returned your card to us as undeliverable" in answer
        assert TRACKING not in answer
        assert "Moved, left no address" not in answer


class TestRepresentativeWithdraws:
    """A representative the applicant authorized withdraws for their client."""

    async def test_for_the_client(self, portal: Portal, sign_in: SignIn) -> None:
        """The withdrawal is recorded as the representative's, and the check page says so."""
        client, representative = await sign_in(Role.APPLICANT), await sign_in(Role.REPRESENTATIVE)
        case_id = await accepted_case(portal.runtime.cases, client.actor)
        await portal.runtime.cases.update(
            case_id,
            None,
            lambda c: c.authorize_representative(client.actor, str(representative.account_id)),
        )
        await wait_until_projected(portal.runtime, case_id, 5)
        answers = {"expected_version": "5", "ground": "circumstances_changed"}

        status, text = await check_page(representative, case_id, answers)
        done = await confirm(representative, case_id, answers)

        assert 200 == status
        assert "You are withdrawing this application for your client." in text
        assert 303 == done[0]
        events = await portal.runtime.store.read_stream(case_id)
        withdrawn = [e for e in events if type(e).__name__ == "Withdrawn"]
        assert [("representative", "circumstances_changed")] == [
            (e.actor_role, e.ground)  # type: ignore[attr-defined]
            for e in withdrawn
        ]

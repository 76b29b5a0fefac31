"""A timeline people can read: saves grouped, stale prompts gone, replaced notices marked.

Also the public status answer's last action with its date, staff named for staff on the
review page (with the case's messages and requests linked), and views grouped by office.
"""

import re
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

import pytest

from immportal import formatting
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from immportal.projections.case_timeline import get_timeline
from testkit.e2e_support import Portal, accepted_case, parse_page, wait_until_projected
from testkit.notice_support import wait_for_notices
from testkit.officer_support import act, case_at, staff
from testkit.signed_in_support import Person, SignIn, people, staff_service

SUPERVISOR = Actor("supervisor-timeline", Role.SUPERVISOR)


@pytest.fixture
async def sign_in(portal: Portal) -> AsyncIterator[SignIn]:
    """Sign in new people in their own browsers."""
    async with people(portal) as signing_in:
        yield signing_in


async def case_page(person: Person, case_id: UUID) -> str:
    """The case page as the person reads it."""
    response = await person.portal.client.get(f"/cases/{case_id}")
    assert 200 == response.status, await response.text()
    return await response.text()


async def officer_at_nbc(sign_in: SignIn, portal: Portal) -> Person:
    """A signed-in officer of the office the test cases are filed with."""
    officer = await sign_in(Role.OFFICER)
    await staff_service(portal).assign_office(officer.account_id, "NBC", actor=Actor.system())
    return officer


class TestSavesGrouped:
    """Fifteen saves of a draft read as one entry."""

    async def test_fifteen_saves_are_one_entry(self, portal: Portal, sign_in: SignIn) -> None:
        """Started, 15 saves, submitted, accepted: four entries, the saves as 'worked on'."""
        applicant = await sign_in(Role.APPLICANT)
        cases, me = portal.runtime.cases, applicant.actor
        case_id = await cases.start(
            actor=me, applicant_id=me.user_id, form_type=FormType.I765, office="NBC"
        )
        for n in range(15):
            await cases.update(
                case_id, None, lambda c, n=n: c.save_answers(me, "about_you", {"n": str(n)})
            )
        await cases.update(case_id, None, lambda c: c.submit(me, fee_cents=47_000))
        await cases.accept(case_id, actor=Actor.system())
        await wait_until_projected(portal.runtime, case_id, 18)

        page = parse_page(await case_page(applicant, case_id))

        assert [
            "Application started",
            "You worked on your application on 1 day",
            "Application submitted and fee received",
            "Case received and receipt number issued",
        ] == page.timeline
        today = formatting.long_date(formatting.local_day(datetime.now(UTC)))
        assert today in page.text


class TestEvidencePromptExpires:
    """'Send evidence by' shows while the request is open, and not after the decision."""

    async def test_gone_after_approval(self, portal: Portal, sign_in: SignIn) -> None:
        """The deadline is on the page with the open request; after approval it is not."""
        applicant = await sign_in(Role.APPLICANT)
        officer = Actor("officer-timeline", Role.OFFICER)
        cases = portal.runtime.cases
        case_id = await accepted_case(cases, applicant.actor)
        due = date.today() + timedelta(days=60)
        for step in (
            lambda c: c.assign(SUPERVISOR, officer.user_id),
            lambda c: c.request_evidence(officer, ["Lease"], due, "Proof of address needed."),
        ):
            await cases.update(case_id, None, step)
        await wait_until_projected(portal.runtime, case_id, 6)
        asked = await case_page(applicant, case_id)
        for step in (
            lambda c: c.receive_evidence(applicant.actor, ["doc-1"]),
            lambda c: c.propose_decision(officer, "approve", "Eligible under (c)(9).", "", False),
            lambda c: c.issue_decision(officer),
        ):
            await cases.update(case_id, None, step)
        summary = await wait_until_projected(portal.runtime, case_id, 9)

        decided = await case_page(applicant, case_id)

        assert "Send evidence by" in asked
        assert f'datetime="{due.isoformat()}"' in asked
        assert "approved" == summary.status
        assert due == summary.evidence_due_on  # still kept, for staff and auditors
        assert "Send evidence by" not in decided
        assert f'datetime="{due.isoformat()}"' not in decided


class TestReplacedNotice:
    """A moved appointment's earlier notice says it was replaced, and links the new one."""

    async def test_old_notice_marked_and_linked(self, portal: Portal, sign_in: SignIn) -> None:
        """Case page, inbox and the old notice mark it replaced; the new one and the receipt not."""
        applicant = await sign_in(Role.APPLICANT)
        cases = portal.runtime.cases
        case_id = await accepted_case(cases, applicant.actor)
        soon = datetime.now(UTC).replace(microsecond=0) + timedelta(days=20)
        await cases.update(
            case_id, None, lambda c: c.schedule_biometrics(Actor.system(), soon, "ASC Newark")
        )
        await cases.update(
            case_id,
            None,
            lambda c: c.reschedule_biometrics(
                applicant.actor, soon + timedelta(days=7), "ASC Newark"
            ),
        )
        await wait_until_projected(portal.runtime, case_id, 6)
        receipt, first, second = await wait_for_notices(portal, case_id, 3)

        page = await case_page(applicant, case_id)
        inbox = await (await applicant.portal.client.get("/inbox")).text()
        old = await (await applicant.portal.client.get(f"/cases/{case_id}/notices/{first}")).text()
        new = await (await applicant.portal.client.get(f"/cases/{case_id}/notices/{second}")).text()

        new_link = f'href="/cases/{case_id}/notices/{second}"'
        assert 1 == page.count("notice-replaced")
        assert re.search(rf'data-notice-id="{first}".*?{re.escape(new_link)}', page, re.S)
        assert 1 == inbox.count('class="usa-tag bg-base notice-replaced"')
        assert "This notice was replaced" in parse_page(old).text
        assert new_link in old
        assert "This notice was replaced" not in parse_page(new).text
        receipt_page = await applicant.portal.client.get(f"/cases/{case_id}/notices/{receipt}")
        assert "This notice was replaced" not in parse_page(await receipt_page.text()).text


class TestPublicStatusDate:
    """The public answer says when the last public step happened, in US style."""

    async def test_last_action_with_its_date(self, portal: Portal) -> None:
        """After biometrics are scheduled the answer reads 'On <Month D, YYYY>, we scheduled'."""
        applicant = Actor("applicant-public-status", Role.APPLICANT)
        cases = portal.runtime.cases
        case_id = await accepted_case(cases, applicant)
        soon = datetime.now(UTC) + timedelta(days=20)
        await cases.update(
            case_id, None, lambda c: c.schedule_biometrics(Actor.system(), soon, "ASC Newark")
        )
        officer = Actor("officer-public-status", Role.OFFICER)
        await cases.update(case_id, None, lambda c: c.add_note(officer, "Staff only step."))
        summary = await wait_until_projected(portal.runtime, case_id, 6)
        timeline = await get_timeline(portal.runtime.pool, case_id)
        scheduled = next(e for e in timeline if e.event_type == "BiometricsScheduled")

        response = await portal.client.get(
            "/case-status", params={"receipt_number": str(summary.receipt_number)}
        )
        html = await response.text()
        found = re.search(r'<p id="last-action">(.*?)</p>', html, re.S)

        assert 200 == response.status
        assert found is not None, html
        sentence = " ".join(re.sub(r"<[^>]+>", "", found.group(1)).split())
        when = formatting.long_date(formatting.local_day(scheduled.occurred_at))
        assert f"On {when}, we scheduled your biometrics appointment and sent you a notice." == (
            sentence
        )
        assert re.fullmatch(r"On [A-Z][a-z]+ \d{1,2}, \d{4}, we scheduled .*", sentence)
        text = parse_page(html).text
        assert "note" not in text.lower()


class TestStaffReadNames:
    """Staff read staff by name; applicants by role. The review page links the correspondence."""

    async def test_review_page_names_the_officer(self, portal: Portal, sign_in: SignIn) -> None:
        """The officer's request for evidence says who, by name, for staff; by role for others."""
        applicant = await sign_in(Role.APPLICANT)
        officer = await officer_at_nbc(sign_in, portal)
        cases = portal.runtime.cases
        case_id = await accepted_case(cases, applicant.actor)
        due = date.today() + timedelta(days=60)
        await cases.update(case_id, None, lambda c: c.assign(SUPERVISOR, officer.actor.user_id))
        await cases.update(
            case_id,
            None,
            lambda c: c.request_evidence(officer.actor, ["Lease"], due, "Proof of address."),
        )
        await wait_until_projected(portal.runtime, case_id, 6)

        review = await officer.portal.client.get(f"/staff/cases/{case_id}")
        html = await review.text()
        mine = parse_page(await case_page(applicant, case_id)).text

        assert 200 == review.status, html
        assert "by Test Person, officer" in parse_page(html).text
        assert "by the applicant" in parse_page(html).text
        assert f'href="/staff/cases/{case_id}/messages"' in html
        assert f'href="/staff/cases/{case_id}/requests"' in html
        assert "by an officer" in mine
        assert "Test Person" not in mine


class TestViewsGrouped:
    """Many staff views on one day read as one line naming the office."""

    async def test_three_views_one_line(self, portal: Portal, sign_in: SignIn) -> None:
        """An NBC officer opens the case three times: one line, the office, one day."""
        applicant = await sign_in(Role.APPLICANT)
        officer = await officer_at_nbc(sign_in, portal)
        case_id = await accepted_case(portal.runtime.cases, applicant.actor)
        await wait_until_projected(portal.runtime, case_id, 4)
        for _ in range(3):
            assert 200 == (await officer.portal.client.get(f"/staff/cases/{case_id}")).status

        html = await case_page(applicant, case_id)

        assert 1 == html.count('class="office-view"')
        assert (
            "Staff at the National Benefits Center (NBC) looked at your case on 1 day"
            in parse_page(html).text
        )


class TestConflictNamesWhoActed:
    """The conflict page's latest steps name the staff member who got there first."""

    async def test_conflict_names_the_other_officer(self, portal: Portal) -> None:
        """The second officer's stale note meets a page saying the first officer added one."""
        case_id = await case_at(portal)
        async with staff(portal) as sign_in_staff:
            first = await sign_in_staff(Role.OFFICER, "NBC")
            second = await sign_in_staff(Role.OFFICER, "NBC")
            await act(first, case_id, "claim", {})
            await act(first, case_id, "note", {"note": "First note."}, version=5)
            lost = await act(second, case_id, "note", {"note": "Mine."}, version=5)

        assert 409 == lost.status
        assert "Internal note added (" in parse_page(lost.html).text
        assert "by Test Person, officer" in " ".join(parse_page(lost.html).text.split())

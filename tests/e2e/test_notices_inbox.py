"""End-to-end tests of the correspondence inbox and notices (immportal.web.notices) over HTTP."""

import io
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest
from pypdf import PdfReader

from immportal.domain.actor import Actor, Role
from testkit.e2e_support import Portal, accepted_case, parse_page, wait_until_projected
from testkit.notice_support import receipt_notice_id, wait_for_notices
from testkit.signed_in_support import Person, SignIn, people

NOT_FOUND = "We cannot find that page or case"


@pytest.fixture
async def sign_in(portal: Portal) -> AsyncIterator[SignIn]:
    """Sign in new people in their own browsers."""
    async with people(portal) as signing_in:
        yield signing_in


async def case_with_two_notices(portal: Portal, owner: Person) -> tuple[UUID, UUID, UUID]:
    """An accepted case with a biometrics appointment: (case, receipt notice, appointment)."""
    case_id = await accepted_case(portal.runtime.cases, owner.actor)
    at = datetime.now(UTC).replace(microsecond=0) + timedelta(days=20)
    await portal.runtime.cases.update(
        case_id, None, lambda c: c.schedule_biometrics(Actor.system(), at, "ASC Newark")
    )
    await wait_until_projected(portal.runtime, case_id, 5)
    receipt, appointment = await wait_for_notices(portal, case_id, 2)
    return case_id, receipt, appointment


def listed(html: str) -> list[tuple[str, str]]:
    """The inbox's notices in page order: (notice id, 'yes' if unread else 'no')."""
    return re.findall(r'data-notice-id="([0-9a-f-]+)" data-unread="(yes|no)"', html)


async def inbox(person: Person) -> str:
    """The person's inbox page."""
    response = await person.portal.client.get("/inbox")
    assert 200 == response.status
    return await response.text()


class TestInbox:
    """The inbox lists the person's notices, newest first, and counts the unread ones."""

    async def test_newest_first_with_unread_count(self, portal: Portal, sign_in: SignIn) -> None:
        """Two new notices: the appointment above the receipt, both unread, badge says 2."""
        owner = await sign_in(Role.APPLICANT)
        _, receipt, appointment = await case_with_two_notices(portal, owner)
        html = await inbox(owner)
        text = parse_page(html).text
        assert [(str(appointment), "yes"), (str(receipt), "yes")] == listed(html)
        assert "You have 2 unread notices." in text
        assert "Inbox 2 unread" in text

    async def test_opening_marks_read_and_the_count_drops(
        self, portal: Portal, sign_in: SignIn
    ) -> None:
        """The HTML notice marks itself read (once); the PDF download counts as opening too."""
        owner = await sign_in(Role.APPLICANT)
        case_id, receipt, appointment = await case_with_two_notices(portal, owner)
        summary = await wait_until_projected(portal.runtime, case_id, 5)

        page = await owner.portal.client.get(f"/cases/{case_id}/notices/{receipt}")
        text = parse_page(await page.text()).text
        again = await owner.portal.client.get(f"/cases/{case_id}/notices/{receipt}")
        after_one = await inbox(owner)
        await owner.portal.client.get(f"/cases/{case_id}/notices/{appointment}.pdf")
        after_both = await inbox(owner)

        assert (200, 200) == (page.status, again.status)
        assert summary.receipt_number is not None
        assert "We received your application" in text
        assert summary.receipt_number in text
        assert "Inbox 1 unread" in text  # the header already counts this one as read
        assert [(str(appointment), "yes"), (str(receipt), "no")] == listed(after_one)
        assert "You have 1 unread notice." in parse_page(after_one).text
        assert [(str(appointment), "no"), (str(receipt), "no")] == listed(after_both)
        assert "You have no unread notices." in parse_page(after_both).text
        assert "unread" not in parse_page(after_both).text.split("Your inbox")[0]

    async def test_empty_inbox(self, sign_in: SignIn) -> None:
        """Someone without notices is told where they will appear; no badge."""
        person = await sign_in(Role.APPLICANT)
        text = parse_page(await inbox(person)).text
        assert "You do not have any notices yet." in text
        assert "unread" not in text.split("Your inbox")[0]

    async def test_other_peoples_notices_are_not_listed(
        self, portal: Portal, sign_in: SignIn
    ) -> None:
        """Another applicant's inbox stays empty; their notice URLs are not found for me."""
        owner, other = await sign_in(Role.APPLICANT), await sign_in(Role.APPLICANT)
        case_id, receipt, _ = await case_with_two_notices(portal, owner)
        assert [] == listed(await inbox(other))
        for path in (
            f"/cases/{case_id}/notices/{receipt}",
            f"/cases/{case_id}/notices/{receipt}.pdf",
        ):
            response = await other.portal.client.get(path)
            assert 404 == response.status
            assert NOT_FOUND in parse_page(await response.text()).text


class TestNoticeUrls:
    """A notice is found only under its own case."""

    async def test_a_notice_under_another_case_is_not_found(
        self, portal: Portal, sign_in: SignIn
    ) -> None:
        """My notice id under my other case's URL, or a malformed id, is not found."""
        owner = await sign_in(Role.APPLICANT)
        first = await accepted_case(portal.runtime.cases, owner.actor)
        second = await accepted_case(portal.runtime.cases, owner.actor)
        await wait_for_notices(portal, first, 1)
        await wait_until_projected(portal.runtime, second, 4)
        notice = receipt_notice_id(first)
        for path in (f"/cases/{second}/notices/{notice}", f"/cases/{first}/notices/not-a-notice"):
            assert 404 == (await owner.portal.client.get(path)).status


class TestPdfDownload:
    """The PDF comes as an attachment that browsers must not sniff."""

    async def test_headers_and_content(self, portal: Portal, sign_in: SignIn) -> None:
        """application/pdf, attachment with a plain filename, nosniff; the PDF has the number."""
        owner = await sign_in(Role.APPLICANT)
        case_id = await accepted_case(portal.runtime.cases, owner.actor)
        [notice] = await wait_for_notices(portal, case_id, 1)
        summary = await wait_until_projected(portal.runtime, case_id, 4)
        response = await owner.portal.client.get(f"/cases/{case_id}/notices/{notice}.pdf")
        body = await response.read()
        text = PdfReader(io.BytesIO(body)).pages[0].extract_text()
        assert 200 == response.status
        assert "application/pdf" == response.content_type
        assert (
            f'attachment; filename="receipt-notice-{summary.receipt_number}.pdf"'
            == response.headers["Content-Disposition"]
        )
        assert "nosniff" == response.headers["X-Content-Type-Options"]
        assert "no-store" == response.headers["Cache-Control"]
        assert str(summary.receipt_number) in text


class TestCasePageAndRepresentatives:
    """The case page lists its notices; an authorized representative reads them too."""

    async def test_case_page_lists_notices(self, portal: Portal, sign_in: SignIn) -> None:
        """Each notice of the case is linked from its case page."""
        owner = await sign_in(Role.APPLICANT)
        case_id, receipt, appointment = await case_with_two_notices(portal, owner)
        html = await (await owner.portal.client.get(f"/cases/{case_id}")).text()
        for notice in (receipt, appointment):
            assert f'href="/cases/{case_id}/notices/{notice}"' in html
        assert "Notices about this case" in parse_page(html).text

    async def test_representative_has_own_read_marks(self, portal: Portal, sign_in: SignIn) -> None:
        """The representative sees the notices; reading one leaves it unread for the applicant."""
        owner = await sign_in(Role.APPLICANT)
        representative = await sign_in(Role.REPRESENTATIVE)
        case_id = await accepted_case(portal.runtime.cases, owner.actor)
        await portal.runtime.cases.update(
            case_id,
            None,
            lambda c: c.authorize_representative(owner.actor, representative.actor.user_id),
        )
        await wait_until_projected(portal.runtime, case_id, 5)
        [notice] = await wait_for_notices(portal, case_id, 1)
        opened = await representative.portal.client.get(f"/cases/{case_id}/notices/{notice}")
        assert 200 == opened.status
        assert [(str(notice), "no")] == listed(await inbox(representative))
        assert [(str(notice), "yes")] == listed(await inbox(owner))

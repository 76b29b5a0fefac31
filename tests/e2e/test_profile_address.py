"""One change of address for the profile and every active case (web/identity/address.py)."""

from collections.abc import AsyncIterator
from uuid import UUID

import pytest

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from testkit.e2e_support import Portal, accepted_case, form_token, parse_page, post_form
from testkit.notice_support import wait_for_notices
from testkit.signed_in_support import Person, people

ADDRESS = {
    "line1": "8 Quay Road",
    "line2": "",
    "city": "Salem",
    "state": "MA",
    "postal_code": "01970",
}
SAVED = {k: v for k, v in ADDRESS.items() if v} | {"country": "US"}
"""As kept: empty lines left out, and a form without a country is a U.S. address."""


@pytest.fixture
async def applicant(portal: Portal) -> AsyncIterator[Person]:
    """A signed-in applicant."""
    async with people(portal) as sign_in:
        yield await sign_in(Role.APPLICANT)


async def closed_case(person: Person) -> UUID:
    """An accepted case of the person's, withdrawn and closed."""
    cases = person.portal.runtime.cases
    case_id = await accepted_case(cases, person.actor)
    await cases.update(case_id, None, lambda c: c.withdraw(person.actor, "Moving abroad"))
    await cases.update(case_id, None, lambda c: c.close(Actor.system(), "Withdrawn"))
    return case_id


async def draft_case(person: Person) -> UUID:
    """A draft of the person's, never submitted."""
    return await person.portal.runtime.cases.start(
        actor=person.actor,
        applicant_id=str(person.account_id),
        form_type=FormType.I90,
        office="NBC",
    )


async def post_address(person: Person, form: dict[str, str]) -> tuple[int, str]:
    """Send the account's change-of-address form; (status, the page's text)."""
    token = await form_token(person.portal, "/account/address")
    account = await person.portal.runtime.accounts.get(person.account_id)
    response = await post_form(
        person.portal,
        "/account/address",
        {"expected_version": str(account.version), **form},
        token=token,
    )
    return response.status, " ".join(parse_page(await response.text()).text.split())


async def address_notices(person: Person, case_id: UUID) -> list[str]:
    """The titles of the case's address change confirmations."""
    rows = await person.portal.runtime.pool.fetch(
        "SELECT title FROM read.notices WHERE case_id = $1 AND kind = 'address_change'", case_id
    )
    return [r["title"] for r in rows]


class TestChangeOnce:
    """The profile and every active case get the address; the others keep theirs."""

    async def test_active_cases_only_with_a_confirmation_each(
        self, portal: Portal, applicant: Person
    ) -> None:
        """Two accepted cases change and get one confirmation each; closed and draft do not."""
        runtime = portal.runtime
        first = await accepted_case(runtime.cases, applicant.actor)
        second = await accepted_case(runtime.cases, applicant.actor)
        closed, draft = await closed_case(applicant), await draft_case(applicant)
        await wait_for_notices(portal, second, 1)
        before = await (await applicant.portal.client.get("/account/address")).text()
        first_number = (await runtime.cases.get(first)).receipt_number
        assert first_number is not None
        assert first_number in before

        status, text = await post_address(applicant, ADDRESS)

        assert 200 == status
        assert "Your mailing address was changed" in text
        for case_id in (first, second):
            case = await runtime.cases.get(case_id)
            assert (SAVED, True) == (case.address, case.receipt_number in text)
        for case_id in (closed, draft):
            assert (await runtime.cases.get(case_id)).address is None
        assert SAVED == (await runtime.accounts.get(applicant.account_id)).mailing_address
        for case_id in (first, second):
            await wait_for_notices(portal, case_id, 2)
            assert ["Address change confirmation"] == await address_notices(applicant, case_id)
        assert [] == await address_notices(applicant, closed)
        inbox = parse_page(await (await applicant.portal.client.get("/inbox")).text()).text
        # One row each; a row names its notice twice (the title, and its PDF link's label).
        assert 2 == inbox.count("Address change confirmation (unread)")
        assert 2 == inbox.count("Download the PDF (Address change confirmation)")

    async def test_the_same_address_again_records_nothing(
        self, portal: Portal, applicant: Person
    ) -> None:
        """Giving the address already kept says nothing changed: no event, no notice."""
        runtime = portal.runtime
        case_id = await accepted_case(runtime.cases, applicant.actor)
        await wait_for_notices(portal, case_id, 1)
        assert 200 == (await post_address(applicant, ADDRESS))[0]
        await wait_for_notices(portal, case_id, 2)
        account_before = (await runtime.accounts.get(applicant.account_id)).version
        case_before = (await runtime.cases.get(case_id)).version

        status, text = await post_address(applicant, {**ADDRESS, "line1": " 8 Quay  Road "})

        assert 200 == status
        assert "nothing was changed and no notice was sent" in text
        assert "Your mailing address was changed" not in text
        assert account_before == (await runtime.accounts.get(applicant.account_id)).version
        assert case_before == (await runtime.cases.get(case_id)).version
        assert ["Address change confirmation"] == await address_notices(applicant, case_id)

    async def test_account_page_shows_and_links_it(self, portal: Portal, applicant: Person) -> None:
        """After the change the account page shows the address and links to the form."""
        await post_address(applicant, ADDRESS)
        page = await applicant.portal.client.get("/account")
        html = await page.text()
        assert 'href="/account/address"' in html
        assert "8 Quay Road" in parse_page(html).text

    async def test_bad_address_changes_nothing(self, portal: Portal, applicant: Person) -> None:
        """A missing city is shown in the error summary; nothing is recorded."""
        case_id = await accepted_case(portal.runtime.cases, applicant.actor)
        status, text = await post_address(applicant, {**ADDRESS, "city": ""})
        assert 422 == status
        assert "Enter your city or town" in text
        assert (await portal.runtime.cases.get(case_id)).address is None
        assert (await portal.runtime.accounts.get(applicant.account_id)).mailing_address is None


class TestOnlyApplicants:
    """Representatives keep their address elsewhere; the page is the applicant's."""

    async def test_representative_is_refused(self, portal: Portal) -> None:
        """A representative gets the not-found page."""
        async with people(portal) as sign_in:
            representative = await sign_in(Role.REPRESENTATIVE)
            response = await representative.portal.client.get("/account/address")
        assert 404 == response.status

"""End-to-end tests of the change-of-address form (immportal.dev.case_pages.change_address)."""

import asyncio
from uuid import UUID

from aiohttp import ClientResponse

from immportal.app.container import Runtime
from testkit.e2e_support import (
    Portal,
    accepted_case,
    form_token,
    new_applicant,
    parse_page,
    post_form,
    wait_until_projected,
)

ADDRESS_FIELDS = ("line1", "line2", "city", "state", "postal_code")
CONFLICT = "Someone else changed this case while you were working"


async def post_address(
    portal: Portal, case_id: UUID, form: dict[str, str], *, token: str | None = None
) -> ClientResponse:
    """Submit the change-of-address form as a browser would (opening the case page first)."""
    if token is None:
        token = await form_token(portal, f"/dev/cases/{case_id}")
    return await post_form(portal, f"/dev/cases/{case_id}/address", form, token=token)


async def addresses_changed(runtime: Runtime, case_id: UUID) -> int:
    """How many AddressChanged events the case's stream holds."""
    events = await runtime.store.read_stream(case_id)
    return sum(type(e).__name__ == "AddressChanged" for e in events)


class TestChangeAddress:
    async def test_valid_change_redirects_to_the_updated_case(self, portal: Portal) -> None:
        """A valid address at the current version redirects to the case page, which shows it."""
        applicant = new_applicant()
        case_id = await accepted_case(portal.runtime.cases, applicant)
        await wait_until_projected(portal.runtime, case_id, 4)
        typed = {
            "line1": "12 Harbor Street",
            "line2": "Apt 3B",
            "city": "Portland",
            "state": "ME",
            "postal_code": "04101",
        }

        response = await post_address(portal, case_id, {"expected_version": "4", **typed})
        page = parse_page(await (await portal.client.get(f"/dev/cases/{case_id}")).text())

        assert (303, f"/dev/cases/{case_id}") == (response.status, response.headers["Location"])
        assert typed == {name: page.inputs[name] for name in ADDRESS_FIELDS}
        assert "5" == page.inputs["expected_version"]
        assert "Mailing address changed" == page.timeline[-1]
        # A form without a country (this one posts none) is a U.S. address.
        assert {**typed, "country": "US"} == (await portal.runtime.cases.get(case_id)).address


class TestStaleVersion:
    async def test_conflict_keeps_what_was_typed(self, portal: Portal) -> None:
        """A form older than the case answers 409 with the typed values and the new version."""
        applicant = new_applicant()
        case_id = await accepted_case(portal.runtime.cases, applicant)
        theirs = {"line1": "1 Elm Road", "city": "Austin", "state": "TX", "postal_code": "73301"}
        await portal.runtime.cases.change_address(
            case_id, actor=applicant, expected_version=4, address=theirs
        )
        await wait_until_projected(portal.runtime, case_id, 5)
        mine = {
            "line1": "99 Oak Avenue",
            "line2": "Unit 7",
            "city": "Boise",
            "state": "ID",
            "postal_code": "83702",
        }

        response = await post_address(portal, case_id, {"expected_version": "4", **mine})
        page = parse_page(await response.text())

        assert 409 == response.status
        assert CONFLICT in page.text
        assert {**mine, "in_care_of": "", "country": "US", "expected_version": "5"} == {
            n: v for n, v in page.inputs.items() if n != "csrf_token"
        }
        assert page.inputs["csrf_token"]
        assert theirs == (await portal.runtime.cases.get(case_id)).address
        assert 1 == await addresses_changed(portal.runtime, case_id)

    async def test_double_submit_records_one_change(self, portal: Portal) -> None:
        """Two identical submissions at once: one is recorded, the other is told of the conflict."""
        case_id = await accepted_case(portal.runtime.cases, new_applicant())
        await wait_until_projected(portal.runtime, case_id, 4)
        form = {
            "expected_version": "4",
            "line1": "5 Pine Lane",
            "city": "Reno",
            "state": "NV",
            "postal_code": "89501",
        }

        token = await form_token(portal, f"/dev/cases/{case_id}")

        responses = await asyncio.gather(
            *(post_address(portal, case_id, form, token=token) for _ in range(2))
        )
        by_status = {r.status: r for r in responses}

        assert [303, 409] == sorted(r.status for r in responses)
        assert 1 == await addresses_changed(portal.runtime, case_id)
        conflict = parse_page(await by_status[409].text())
        assert "5" == conflict.inputs["expected_version"]


class TestInvalidForm:
    async def test_each_problem_is_named_and_values_kept(self, portal: Portal) -> None:
        """A malformed form answers 422 naming each bad field, keeping (escaped) what was typed."""
        case_id = await accepted_case(portal.runtime.cases, new_applicant())
        await wait_until_projected(portal.runtime, case_id, 4)
        typed = {
            "expected_version": "four",
            "line1": "x" * 201,
            "state": "OR",
            "postal_code": "<script>",
        }

        response = await post_address(portal, case_id, typed)
        html = await response.text()
        page = parse_page(html)

        assert 422 == response.status
        expected_errors = [
            "The form was incomplete. Reload the page and try again.",
            "Street address is too long",
            "Enter your city or town",
            "Enter a ZIP code of 5 numbers, like 20500, or ZIP+4, like 20500-0003",
        ]
        assert expected_errors == page.error_summary
        kept = {"line1": "x" * 201, "line2": "", "city": "", "state": "OR"}
        assert {**kept, "postal_code": "<script>"} == {n: page.inputs[n] for n in ADDRESS_FIELDS}
        assert 'value="&lt;script&gt;"' in html
        assert "4" == page.inputs["expected_version"]
        assert page.inputs["csrf_token"]
        assert 4 == len(await portal.runtime.store.read_stream(case_id))


class TestRefusedByTheDomain:
    async def test_withdrawn_case_says_not_allowed(self, portal: Portal) -> None:
        """A change the case's status forbids is explained as not allowed, not as a conflict."""
        applicant = new_applicant()
        cases = portal.runtime.cases
        case_id = await accepted_case(cases, applicant)
        await cases.update(case_id, None, lambda c: c.withdraw(applicant, "I moved abroad"))
        await wait_until_projected(portal.runtime, case_id, 5)
        form = {
            "expected_version": "5",
            "line1": "3 Birch Court",
            "city": "Tulsa",
            "state": "OK",
            "postal_code": "74103",
        }

        response = await post_address(portal, case_id, form)
        page = parse_page(await response.text())

        assert 409 == response.status
        assert "We could not do that" in page.text
        assert "Cannot change address: the case was withdrawn." in page.text
        assert CONFLICT not in page.text
        assert 0 == await addresses_changed(portal.runtime, case_id)

"""End-to-end tests of the applicant's pages (immportal.web.applicant) over HTTP."""

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from immportal.adapters.postgres.accounts import PostgresEmailIndex
from immportal.dev.demo.accounts import demo_owners, seed_demo_accounts
from immportal.dev.demo.cases import DEMO_CASES, REPRESENTED_CASE, seed_demo_cases
from immportal.domain.actor import Role
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.status import CaseStatus, describe
from immportal.web.presenters import NEXT_STEPS
from testkit.e2e_support import (
    Portal,
    accepted_case,
    form_token,
    parse_page,
    post_form,
    wait_until_projected,
)
from testkit.signed_in_support import SignIn, browsers, people, sign_in_as, staff_service

NOT_FOUND = "We cannot find that page or case"
ADDRESS = {"line1": "14 Lantern Way", "city": "Dayton", "state": "OH", "postal_code": "45402"}


@pytest.fixture
async def sign_in(portal: Portal) -> AsyncIterator[SignIn]:
    """Sign in new people in their own browsers."""
    async with people(portal) as signing_in:
        yield signing_in


class TestYourCases:
    """The dashboard lists the signed-in person's cases and nobody else's."""

    async def test_lists_own_cases_with_status_and_next_step(
        self, portal: Portal, sign_in: SignIn
    ) -> None:
        """Each case shows its form, receipt number (or not yet submitted), status and next step."""
        owner, other = await sign_in(Role.APPLICANT), await sign_in(Role.APPLICANT)
        accepted = await accepted_case(portal.runtime.cases, owner.actor)
        draft = await portal.runtime.cases.start(
            actor=owner.actor,
            applicant_id=owner.actor.user_id,
            form_type=FormType.N400,
            office="NYC",
        )
        summary = await wait_until_projected(portal.runtime, accepted, 4)
        await wait_until_projected(portal.runtime, draft, 1)
        elsewhere = await accepted_case(portal.runtime.cases, other.actor)
        await wait_until_projected(portal.runtime, elsewhere, 4)

        response = await owner.portal.client.get("/cases")
        html = await response.text()
        text = parse_page(html).text

        assert 200 == response.status
        assert f'href="/cases/{accepted}"' in html
        assert f'href="/cases/{draft}"' in html
        assert f"/cases/{elsewhere}" not in html
        assert summary.receipt_number is not None
        for expected in (
            summary.receipt_number,
            "Not yet submitted",
            "I-765",
            "N-400",
            describe(CaseStatus.ACCEPTED),
            NEXT_STEPS[CaseStatus.ACCEPTED],
            NEXT_STEPS[CaseStatus.DRAFT],
            "Your cases",
        ):
            assert expected in text

    async def test_empty_state(self, sign_in: SignIn) -> None:
        """Someone without cases is told where their cases will appear."""
        person = await sign_in(Role.APPLICANT)
        page = parse_page(await (await person.portal.client.get("/cases")).text())
        assert "You do not have any cases yet." in page.text

    async def test_staff_are_kept_to_their_own_pages(self, sign_in: SignIn) -> None:
        """An officer gets no "Your cases" link, and /cases is not found for them."""
        officer = await sign_in(Role.OFFICER)
        account = await (await officer.portal.client.get("/account")).text()
        response = await officer.portal.client.get("/cases")
        assert 'href="/cases"' not in account
        assert 404 == response.status

    async def test_signed_out_visitors_are_sent_to_sign_in(self, portal: Portal) -> None:
        """Without a session, /cases asks for sign-in first and comes back afterwards."""
        response = await portal.client.get("/cases", allow_redirects=False)
        location = urlsplit(response.headers["Location"])
        assert (303, "/sign-in") == (response.status, location.path)
        assert ["/cases"] == parse_qs(location.query)["next"]


class TestCasePage:
    """The applicant's case page and its change of address."""

    async def test_summary_timeline_and_address_change(
        self, portal: Portal, sign_in: SignIn
    ) -> None:
        """The page shows the case; a new address is on the page the form redirects to."""
        owner = await sign_in(Role.APPLICANT)
        case_id = await accepted_case(portal.runtime.cases, owner.actor)
        summary = await wait_until_projected(portal.runtime, case_id, 4)

        page = parse_page(await (await owner.portal.client.get(f"/cases/{case_id}")).text())
        form = {"expected_version": page.inputs["expected_version"], **ADDRESS}
        token = page.inputs["csrf_token"]
        response = await post_form(owner.portal, f"/cases/{case_id}/address", form, token=token)
        after = parse_page(await (await owner.portal.client.get(f"/cases/{case_id}")).text())

        assert summary.receipt_number is not None
        assert f"Case {summary.receipt_number}" in page.text
        assert "NBC" in page.text
        assert "Case received and receipt number issued" == page.timeline[-1]
        assert (303, f"/cases/{case_id}") == (response.status, response.headers["Location"])
        assert ADDRESS == {name: after.inputs[name] for name in ADDRESS}
        assert "Mailing address changed" == after.timeline[-1]
        assert "by you" in after.text
        # Posted without a country: a U.S. address.
        assert {**ADDRESS, "country": "US"} == (await portal.runtime.cases.get(case_id)).address

    async def test_bad_address_is_explained(self, portal: Portal, sign_in: SignIn) -> None:
        """A missing city answers 422 on the applicant's own case page."""
        owner = await sign_in(Role.APPLICANT)
        case_id = await accepted_case(portal.runtime.cases, owner.actor)
        await wait_until_projected(portal.runtime, case_id, 4)
        token = await form_token(owner.portal, f"/cases/{case_id}")
        form = {"expected_version": "4", **ADDRESS, "city": ""}

        response = await post_form(owner.portal, f"/cases/{case_id}/address", form, token=token)
        page = parse_page(await response.text())

        assert 422 == response.status
        assert ["Enter your city or town"] == page.error_summary
        assert "Your cases" in page.text


class TestRepresentatives:
    """The applicant gives a representative access by email, and takes it back."""

    async def test_authorize_by_email(self, portal: Portal, sign_in: SignIn) -> None:
        """The representative is listed, sees the case, and reads "by the applicant"."""
        owner, representative = await sign_in(Role.APPLICANT), await sign_in(Role.REPRESENTATIVE)
        case_id = await accepted_case(portal.runtime.cases, owner.actor)
        await wait_until_projected(portal.runtime, case_id, 4)
        path = f"/cases/{case_id}/representatives"
        page = parse_page(await (await owner.portal.client.get(path)).text())
        form = {"expected_version": page.inputs["expected_version"], "email": representative.email}

        response = await post_form(owner.portal, path, form, token=page.inputs["csrf_token"])
        listed = parse_page(await (await owner.portal.client.get(path)).text())
        dashboard = await (await representative.portal.client.get("/cases")).text()
        case_page = parse_page(
            await (await representative.portal.client.get(f"/cases/{case_id}")).text()
        )

        assert (303, path) == (response.status, response.headers["Location"])
        assert representative.email in listed.text
        assert f'href="/cases/{case_id}"' in dashboard
        assert "the applicant authorized you" in case_page.text
        assert "by the applicant" in case_page.text
        assert "A representative was given access to this case" == case_page.timeline[-1]

    @pytest.mark.parametrize("whose", ["an applicant", "nobody"])
    async def test_only_representatives_can_be_chosen(
        self, portal: Portal, sign_in: SignIn, whose: str
    ) -> None:
        """An address of an applicant's account, or of no account, is refused with a reason."""
        owner, other = await sign_in(Role.APPLICANT), await sign_in(Role.APPLICANT)
        case_id = await accepted_case(portal.runtime.cases, owner.actor)
        await wait_until_projected(portal.runtime, case_id, 4)
        path = f"/cases/{case_id}/representatives"
        token = await form_token(owner.portal, path)
        email = other.email if whose == "an applicant" else "nobody-here@example.test"

        response = await post_form(
            owner.portal, path, {"expected_version": "4", "email": email}, token=token
        )
        page = parse_page(await response.text())

        assert 422 == response.status
        assert ["No representative's account uses that email address."] == page.error_summary
        assert [] == (await portal.runtime.cases.get(case_id)).representative_ids


class TestDemoData:
    """The demo cases belong to the demo applicant, who sees them at /cases."""

    async def test_demo_people_see_their_cases(self, portal: Portal) -> None:
        """The demo applicant sees every demo case, the demo representative one of them."""
        runtime = portal.runtime
        emails = PostgresEmailIndex(runtime.pool)
        created = {
            c.role: c
            for c in await seed_demo_accounts(
                staff_service(portal), runtime.accounts, emails, datetime.now(UTC)
            )
        }
        ids = await seed_demo_cases(runtime.cases, await demo_owners(emails))
        for case_id in ids:
            await wait_until_projected(runtime, case_id, 1)
        seen = {}
        async with browsers(portal) as open_browser:
            for role in (Role.APPLICANT, Role.REPRESENTATIVE):
                browser = open_browser()
                account = created[role]
                await sign_in_as(
                    browser, account.email, account.password, account.authenticator_key
                )
                html = await (await browser.client.get("/cases")).text()
                seen[role] = [i for i in ids if f'href="/cases/{i}"' in html]

        assert ids == seen[Role.APPLICANT]
        assert len(DEMO_CASES) == len(ids)
        assert [ids[REPRESENTED_CASE - 1]] == seen[Role.REPRESENTATIVE]

    async def test_answers_name_the_applicant(self, portal: Portal) -> None:
        """Every demo case's "applicant" section has the names and an ISO date of birth."""
        ids = await seed_demo_cases(portal.runtime.cases)
        sections = [(await portal.runtime.cases.get(i)).answers["applicant"] for i in ids]
        names = ("given_name", "family_name", "date_of_birth")
        assert {"given_name": "Maria", "family_name": "Garcia", "date_of_birth": "1987-04-12"} == {
            name: sections[0][name] for name in names
        }
        for section in sections:
            assert date.fromisoformat(section["date_of_birth"]) < date.today()
            assert section["given_name"]
            assert section["family_name"]

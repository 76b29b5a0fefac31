"""Adding a case filed on paper with the access code on its receipt notice (web/applicant)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from uuid import UUID

import pytest

from immportal.app.access_code_key import access_code_key
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.access_code import access_code
from immportal.domain.cases.forms import FormType
from immportal.services.cases.paper_cases import ATTEMPTS_PER_ACCOUNT, REFUSED
from immportal.services.notices.access_code_notice import ACCESS_CODE_LABEL
from immportal.services.notices.issuer import notice_keys, read_content
from immportal.web.keys import SETTINGS
from immportal.web.portal import PORTAL
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

PATH = "/add-a-paper-case"
PAPER_VERSION = 3
"""Started, FiledOnPaper, Accepted."""


@pytest.fixture
async def sign_in(portal: Portal) -> AsyncIterator[SignIn]:
    """Sign in new people in their own browsers."""
    async with people(portal) as signing_in:
        yield signing_in


async def paper_case(portal: Portal) -> tuple[UUID, str, str]:
    """A paid paper I-765 entered by intake: (case id, receipt number, its access code)."""
    service = portal.client.app[PORTAL].paper_cases
    case_id, number = await service.receive(
        actor=Actor.system(),
        form_type=FormType.I765,
        office="VSC",
        answers={"applicant": {"given_name": "Ada", "family_name": "Okafor"}},
        fee_cents=47_000,
        received_on=datetime.now(UTC).date(),
    )
    await wait_until_projected(portal.runtime, case_id, PAPER_VERSION)
    return case_id, number, access_code(access_code_key(portal.client.app[SETTINGS]), case_id)


async def add(person: Person, number: str, code: str) -> tuple[int, str, list[str], str]:
    """Post the form: (status, the page's text, its error summary, where it leads)."""
    token = await form_token(person.portal, PATH)
    response = await post_form(
        person.portal, PATH, {"receipt_number": number, "access_code": code}, token=token
    )
    page = parse_page(await response.text())
    text = " ".join(page.text.split())
    return response.status, text, page.error_summary, response.headers.get("Location", "")


class TestAddingAPaperCase:
    """The right receipt number and code put the case in the person's account."""

    async def test_added_with_its_timeline(self, portal: Portal, sign_in: SignIn) -> None:
        """Typed as read from the notice, the case is added and shows its whole history."""
        person = await sign_in(Role.APPLICANT)
        case_id, number, code = await paper_case(portal)
        typed = f"{number[:3]}-{number[3:]}".lower()

        status, _, _, location = await add(person, typed, code.lower().replace("-", " "))

        assert (303, f"/cases/{case_id}?added=1") == (status, location.split("&")[0])
        shown = " ".join(
            parse_page(await (await person.portal.client.get(location)).text()).text.split()
        )
        assert "The case is now in your account." in shown
        page = parse_page(await (await person.portal.client.get(f"/cases/{case_id}")).text())
        assert "The case is now in your account." not in page.text
        assert "Application received by mail" in page.timeline
        assert "Case added to your online account" == page.timeline[-1]
        cases = parse_page(await (await person.portal.client.get("/cases")).text()).text
        assert number in cases

    async def test_receipt_notice_prints_the_code(self, portal: Portal) -> None:
        """Every receipt notice carries the case's online access code."""
        case_id, _, code = await paper_case(portal)
        (notice_id,) = await wait_for_notices(portal, case_id, 1)
        _, content_key = notice_keys(case_id, notice_id)
        content = await read_content(portal.runtime.blobs, content_key)
        facts = {fact.label: fact.value for fact in content.facts}
        assert code == facts[ACCESS_CODE_LABEL]

    async def test_code_never_in_url(self, portal: Portal, sign_in: SignIn) -> None:
        """The code goes in the form's body; the page sent back never repeats it."""
        person = await sign_in(Role.APPLICANT)
        _, number, code = await paper_case(portal)
        wrong = "ABCD-EFGH-JKLM"
        status, text, _, location = await add(person, number, wrong)
        assert (422, "") == (status, location)
        assert wrong not in text
        assert code not in text


class TestRefusedAlike:
    """A wrong code, an unknown number and someone else's case get the same answer."""

    async def test_same_status_and_page(self, portal: Portal, sign_in: SignIn) -> None:
        """Same status, same error summary, and nothing is added to the account."""
        owner, stranger = await sign_in(Role.APPLICANT), await sign_in(Role.APPLICANT)
        case_id, number, code = await paper_case(portal)
        other_id, other_number, other_code = await paper_case(portal)
        assert 303 == (await add(owner, number, code))[0]
        online = await accepted_case(portal.runtime.cases, owner.actor)
        online_number = (await wait_until_projected(portal.runtime, online, 4)).receipt_number
        assert online_number is not None
        unknown = "VSC2799999999"

        answers = [
            await add(stranger, other_number, "ABCD-EFGH-JKLM"),  # wrong code
            await add(stranger, unknown, other_code),  # unknown receipt number
            await add(stranger, number, code),  # right code, someone else's case now
            await add(stranger, online_number, other_code),  # someone else's online case
        ]

        assert [(422, [REFUSED])] * 4 == [(status, summary) for status, _, summary, _ in answers]
        # The same page, but for the request's own reference number at its foot.
        assert 1 == len({re.sub(r"Reference: \w+", "", text) for _, text, _, _ in answers})
        mine = parse_page(await (await stranger.portal.client.get("/cases")).text()).text
        assert number not in mine
        assert other_number not in mine
        summary = await wait_until_projected(portal.runtime, case_id, PAPER_VERSION + 1)
        assert str(owner.account_id) == summary.applicant_id
        assert other_id != case_id

    async def test_malformed_number_says_what_one_looks_like(
        self, portal: Portal, sign_in: SignIn
    ) -> None:
        """A receipt number of the wrong shape is explained, not looked up."""
        person = await sign_in(Role.APPLICANT)
        status, _, summary, _ = await add(person, "Test answer", "ABCD-EFGH-JKLM")
        assert 422 == status
        assert "three letters followed by ten digits" in summary[0]


class TestAttemptsLimited:
    """An account may try only so often; then it is asked to wait, right code or not."""

    async def test_limit(self, portal: Portal, sign_in: SignIn) -> None:
        """After the allowance, even the right code gets 'too many attempts' with Retry-After."""
        person = await sign_in(Role.APPLICANT)
        case_id, number, code = await paper_case(portal)
        for _ in range(ATTEMPTS_PER_ACCOUNT):
            assert 422 == (await add(person, number, "ABCD-EFGH-JKLM"))[0]
        token = await form_token(person.portal, PATH)
        response = await post_form(
            person.portal, PATH, {"receipt_number": number, "access_code": code}, token=token
        )
        assert 429 == response.status
        assert 0 < int(response.headers["Retry-After"]) <= 3600
        assert "Too many attempts" in parse_page(await response.text()).text
        summary = await wait_until_projected(portal.runtime, case_id, PAPER_VERSION)
        assert "" == (summary.applicant_id or "")

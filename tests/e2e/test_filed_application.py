"""Data given once flows on: the filed address on the case page, an unchanged address
recording nothing, and the signed copy of the application as filed."""

import asyncio
import io
from collections.abc import AsyncIterator
from uuid import UUID, uuid4

import pytest
from pypdf import PdfReader

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from immportal.domain.catalogue import form_for, summary_rows
from testkit.apply_support import start_draft
from testkit.document_support import signature_status
from testkit.e2e_support import CATCH_UP_SECONDS, Portal, form_token, parse_page, post_form
from testkit.filled_forms import SIGNED_BY, fill_i765
from testkit.notice_support import wait_for_notices
from testkit.officer_support import staff
from testkit.signed_in_support import Person, people

FILED_ADDRESS = {"line1": "8 Quay Road", "city": "Salem", "state": "MA", "postal_code": "01970"}
NO_ADDRESS = "We do not have a mailing address yet"
UNCHANGED = "nothing was changed and no notice was sent"


@pytest.fixture
async def applicant(portal: Portal) -> AsyncIterator[Person]:
    """A signed-in applicant."""
    async with people(portal) as sign_in:
        yield await sign_in(Role.APPLICANT)


async def filed_case(person: Person, *, accepted: bool = True) -> UUID:
    """A complete I-765 of the person's (Ana Lopez of Salem, MA) filed at NBC, and accepted."""
    cases, actor = person.portal.runtime.cases, person.actor
    case_id = await cases.start(
        actor=actor, applicant_id=actor.user_id, form_type=FormType.I765, office="NBC"
    )
    await cases.update(case_id, None, lambda c: fill_i765(c, actor))
    await cases.update(case_id, None, lambda c: c.submit(actor, 47_000, payment_id="pay-1"))
    if accepted:
        await cases.accept(case_id, actor=Actor.system())
    return case_id


async def filed_copy_row(portal: Portal, case_id: UUID, *, with_receipt: bool) -> dict[str, object]:
    """The newest filed copy of the case (with its receipt number if asked), once issued."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + CATCH_UP_SECONDS
    while loop.time() < deadline:
        row = await portal.runtime.pool.fetchrow(
            "SELECT * FROM read.filed_applications WHERE case_id = $1"
            " ORDER BY version DESC LIMIT 1",
            case_id,
        )
        if row is not None and (row["receipt_number"] is not None or not with_receipt):
            return dict(row)
        await asyncio.sleep(0.05)
    raise AssertionError(f"case {case_id} got no filed copy")


def text_of(pdf: bytes) -> str:
    """The PDF's text as a reader extracts it, spaces folded."""
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


class TestFiledAddress:
    """The mailing address given in the application is the case's address once filed."""

    async def test_the_case_page_shows_the_filed_address(self, applicant: Person) -> None:
        """After filing, the case page shows the address from the form, not 'no address'."""
        case_id = await filed_case(applicant)
        await wait_for_notices(applicant.portal, case_id, 1)

        page = await applicant.portal.client.get(f"/cases/{case_id}")
        text = " ".join(parse_page(await page.text()).text.split())

        assert 200 == page.status
        assert NO_ADDRESS not in text
        assert "8 Quay Road Salem, MA 01970" in text
        case = await applicant.portal.runtime.cases.get(case_id)
        assert {**FILED_ADDRESS, "country": "US"} == case.address

    async def test_the_same_address_issues_no_notice(self, applicant: Person) -> None:
        """Sending the filed address again records nothing and sends no notice."""
        runtime = applicant.portal.runtime
        case_id = await filed_case(applicant)
        notices = await wait_for_notices(applicant.portal, case_id, 1)
        version = (await runtime.cases.get(case_id)).version
        token = await form_token(applicant.portal, f"/cases/{case_id}")
        form = {"expected_version": str(version), **FILED_ADDRESS, "country": "United States"}

        response = await post_form(applicant.portal, f"/cases/{case_id}/address", form, token=token)
        text = " ".join(parse_page(await response.text()).text.split())

        assert 200 == response.status
        assert UNCHANGED in text
        assert version == (await runtime.cases.get(case_id)).version
        events = await runtime.store.read_stream(case_id)
        assert 0 == sum(type(e).__name__ == "AddressChanged" for e in events)
        # The notices worker has passed the case's last event: still only the receipt notice.
        await filed_copy_row(applicant.portal, case_id, with_receipt=True)
        assert notices == await wait_for_notices(applicant.portal, case_id, 1)


class TestNewApplicationPrefilled:
    """A new application starts with what the person gave before; they may change it."""

    async def test_name_birth_date_and_address_carried_over(self, applicant: Person) -> None:
        """After an I-765, a new N-400 starts with its name and birth date and the address."""
        case_id = await filed_case(applicant)
        await filed_copy_row(applicant.portal, case_id, with_receipt=True)

        draft_id = await start_draft(applicant.portal, "N-400")
        draft = await applicant.portal.runtime.cases.get(draft_id)
        name_page = await applicant.portal.client.get(f"/cases/{draft_id}/apply/name")
        inputs = parse_page(await name_page.text()).inputs

        about = {"given_name": "Ana", "family_name": "Lopez", "date_of_birth": "1990-03-27"}
        assert about == draft.answers["applicant"]
        assert {**FILED_ADDRESS, "country": "US"} == {
            key: draft.answers["contact"][key] for key in (*FILED_ADDRESS, "country")
        }
        assert ("Ana", "Lopez") == (inputs["given_name"], inputs["family_name"])


class TestFiledCopy:
    """The application as filed is a signed PDF the applicant's side and its office open."""

    async def test_every_answer_the_receipt_number_and_a_valid_signature(
        self, applicant: Person
    ) -> None:
        """The downloaded copy holds each answer, the edition, signature and receipt number."""
        runtime = applicant.portal.runtime
        case_id = await filed_case(applicant)
        row = await filed_copy_row(applicant.portal, case_id, with_receipt=True)
        case = await runtime.cases.get(case_id)

        listing = await applicant.portal.client.get(f"/cases/{case_id}/documents")
        listed = parse_page(await listing.text()).text
        response = await applicant.portal.client.get(f"/cases/{case_id}/filed-application.pdf")
        pdf = await response.read()
        text = text_of(pdf)
        status = await signature_status(pdf)

        assert "Your filed application (Form I-765, edition 08/21/25)" in listed
        assert (200, "application/pdf") == (response.status, response.content_type)
        assert case.receipt_number == row["receipt_number"]
        assert f"receipt number {case.receipt_number}" in text
        assert "Edition 08/21/25" in text
        assert f"Signed by {SIGNED_BY}" in text
        answers = [r for r in summary_rows(form_for(FormType.I765), case.answers) if r.value]
        assert len(answers) > 20
        missing = [(r.label, r.value) for r in answers if " ".join(r.value.split()) not in text]
        assert [] == missing
        assert (True, True, True) == (status.bottom_line, status.intact, status.trusted)

    async def test_a_copy_at_filing_before_acceptance(self, applicant: Person) -> None:
        """A filing not yet accepted has its copy at once, saying no receipt number yet."""
        case_id = await filed_case(applicant, accepted=False)
        row = await filed_copy_row(applicant.portal, case_id, with_receipt=False)

        response = await applicant.portal.client.get(f"/cases/{case_id}/filed-application.pdf")
        text = text_of(await response.read())

        assert row["receipt_number"] is None
        assert 200 == response.status
        assert "Receipt number Not yet assigned" in text


class TestWhoMayDownload:
    """The copy follows the document download's rules; others learn nothing."""

    async def test_representative_office_staff_and_strangers(
        self, portal: Portal, applicant: Person
    ) -> None:
        """Representative and NBC officer get it; another applicant and a CSC officer do not."""
        runtime = portal.runtime
        case_id = await filed_case(applicant)
        await filed_copy_row(portal, case_id, with_receipt=True)
        path = f"/cases/{case_id}/filed-application.pdf"
        async with people(portal) as sign_in, staff(portal) as sign_in_staff:
            representative = await sign_in(Role.REPRESENTATIVE)
            stranger = await sign_in(Role.APPLICANT)
            version = (await runtime.cases.get(case_id)).version
            await runtime.cases.authorize_representative(
                case_id,
                actor=applicant.actor,
                expected_version=version,
                representative_id=str(representative.account_id),
            )
            await asyncio.sleep(0)
            officer = await sign_in_staff(Role.OFFICER, "NBC")
            elsewhere = await sign_in_staff(Role.OFFICER, "CSC")

            statuses = {}
            for name, person in (
                ("representative", representative),
                ("officer", officer),
                ("stranger", stranger),
                ("elsewhere", elsewhere),
            ):
                statuses[name] = await _status_when_projected(person, path)

        expected = {"representative": 200, "officer": 200, "stranger": 404, "elsewhere": 404}
        assert expected == statuses
        malformed = await applicant.portal.client.get("/cases/not-a-case/filed-application.pdf")
        unknown = await applicant.portal.client.get(f"/cases/{uuid4()}/filed-application.pdf")
        assert (404, 404) == (malformed.status, unknown.status)


async def _status_when_projected(person: Person, path: str) -> int:
    # A representative's authorization reaches the read models a moment after it is saved.
    loop = asyncio.get_running_loop()
    deadline = loop.time() + CATCH_UP_SECONDS
    status = 0
    while loop.time() < deadline:
        status = (await person.portal.client.get(path)).status
        if status != 404 or person.role is not Role.REPRESENTATIVE:
            return status
        await asyncio.sleep(0.05)
    return status

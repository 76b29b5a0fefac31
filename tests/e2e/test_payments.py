"""Paying the filing fee through the sandbox provider, over real HTTP, on a real database."""

import asyncio
import io
import time
from collections.abc import AsyncIterator
from uuid import UUID

import orjson
import pypdf
import pytest
import structlog
from pytest_aiohttp import AiohttpClient

from immportal.adapters.payments.signature import SIGNATURE_HEADER, sign
from immportal.app.web_app import create_app
from immportal.domain.actor import Role
from immportal.domain.cases.status import CaseStatus
from immportal.formatting import moment
from testkit.e2e_support import Portal, form_token, parse_page, post_form
from testkit.payment_support import (
    DECLINE_CARD,
    SUCCESS_CARD,
    come_back,
    count_received,
    draft_case,
    free_port,
    pay_form,
    sandbox_of,
    start_and_pay,
    submit_pay_form,
)
from testkit.signed_in_support import Person, people
from testkit.support import make_settings


@pytest.fixture
async def pay_portal(database_url: str, aiohttp_client: AiohttpClient) -> Portal:
    """The portal on a known port (the sandbox posts webhooks there), its sandbox in process."""
    port = free_port()
    settings = make_settings(
        database_url, public_url=f"http://127.0.0.1:{port}", payments_sandbox_port=0
    )
    client = await aiohttp_client(create_app(settings), server_kwargs={"port": port})
    return Portal(client)


@pytest.fixture
async def applicant(pay_portal: Portal) -> AsyncIterator[Person]:
    """A signed-in applicant."""
    async with people(pay_portal) as sign_in:
        yield await sign_in(Role.APPLICANT)


async def case_of(person: Person, case_id: UUID) -> tuple[CaseStatus, str | None, str | None]:
    """Status, receipt number and payment id of the case as its events tell."""
    case = await person.portal.runtime.cases.get(case_id)
    return case.status, case.receipt_number, case.payment_id


class TestPaidOnce:
    """However often the webhook and the return arrive, a payment is received once."""

    async def test_webhook_first_then_returns_and_replays(
        self, pay_portal: Portal, applicant: Person, database_url: str
    ) -> None:
        """Webhook, two returns and two resends: one Received, the case accepted."""
        sandbox = sandbox_of(pay_portal)
        case_id = await draft_case(applicant)
        with structlog.testing.capture_logs() as logs:
            payment_id, back = await start_and_pay(applicant, case_id, SUCCESS_CARD)
            await sandbox.sender.drain()
            first, second = await come_back(applicant, back), await come_back(applicant, back)
            for event_id in list(sandbox.sender.events):
                sandbox.sender.resend(event_id)
                sandbox.sender.resend(event_id)
            await sandbox.sender.drain()
        assert [303, 303] == [first.status, second.status]
        assert f"/payments/{payment_id}/receipt" == first.headers["Location"]
        assert 1 == await count_received(database_url, payment_id)
        status, receipt_number, paid_by = await case_of(applicant, case_id)
        assert (CaseStatus.ACCEPTED, str(payment_id)) == (status, paid_by)
        assert (receipt_number or "").startswith("IOE")
        lines = " ".join(str(entry) for entry in logs)
        assert [] == [card for card in ("4242424242424242", SUCCESS_CARD) if card in lines]

    async def test_return_before_the_webhook(
        self, pay_portal: Portal, applicant: Person, database_url: str
    ) -> None:
        """The return asks the provider and records it; the late webhook changes nothing."""
        sandbox = sandbox_of(pay_portal)
        case_id = await draft_case(applicant)
        sandbox.sender.hold()
        payment_id, back = await start_and_pay(applicant, case_id, SUCCESS_CARD)
        response = await come_back(applicant, back)
        assert f"/payments/{payment_id}/receipt" == response.headers["Location"]
        assert 1 == await count_received(database_url, payment_id)
        sandbox.sender.release()
        await sandbox.sender.drain()
        both = await asyncio.gather(come_back(applicant, back), come_back(applicant, back))
        assert [303, 303] == [r.status for r in both]
        assert 1 == await count_received(database_url, payment_id)
        assert CaseStatus.ACCEPTED == (await case_of(applicant, case_id))[0]


class TestDeclined:
    """A declined card leaves the draft as it was, and payable."""

    async def test_decline_then_pay(
        self, pay_portal: Portal, applicant: Person, database_url: str
    ) -> None:
        """After a decline the fee page says so and a second attempt with another key pays."""
        case_id = await draft_case(applicant)
        declined_id, back = await start_and_pay(applicant, case_id, DECLINE_CARD)
        response = await come_back(applicant, back)
        assert f"/cases/{case_id}/pay" == response.headers["Location"]
        assert (CaseStatus.DRAFT, None, None) == await case_of(applicant, case_id)
        form = await pay_form(applicant, case_id)
        assert "Your card was declined. No money was taken." in form.text
        paid_id, back = await start_and_pay(applicant, case_id, SUCCESS_CARD)
        await come_back(applicant, back)
        assert declined_id != paid_id
        assert [0, 1] == [
            await count_received(database_url, declined_id),
            await count_received(database_url, paid_id),
        ]
        assert CaseStatus.ACCEPTED == (await case_of(applicant, case_id))[0]


class TestDoubleClick:
    """The same form sent twice opens one payment session."""

    async def test_same_key_same_session(self, pay_portal: Portal, applicant: Person) -> None:
        """Two concurrent posts of one fee form lead to the same payment and session."""
        case_id = await draft_case(applicant)
        form = await pay_form(applicant, case_id)
        first, second = await asyncio.gather(
            submit_pay_form(applicant, case_id, form), submit_pay_form(applicant, case_id, form)
        )
        assert first == second
        assert 1 == len(sandbox_of(pay_portal).store.sessions)


class TestUnsignedDraft:
    """Only a complete, signed application can be paid for and filed."""

    async def test_unsigned_draft_cannot_be_paid(
        self, pay_portal: Portal, applicant: Person
    ) -> None:
        """The fee page sends the person back to finish; a forged post opens no payment."""
        case_id = await draft_case(applicant, signed=False)
        page = await applicant.portal.client.get(f"/cases/{case_id}/pay")
        text = parse_page(await page.text()).text
        assert "sign the declaration" in text
        assert "Continue to payment" not in text
        token = await form_token(applicant.portal, f"/cases/{case_id}")
        key = {"idempotency_key": "unsigned-draft-key-01"}
        answered = await post_form(applicant.portal, f"/cases/{case_id}/pay", key, token=token)
        assert (303, f"/cases/{case_id}/pay") == (answered.status, answered.headers["Location"])
        assert 0 == len(sandbox_of(pay_portal).store.sessions)
        assert (CaseStatus.DRAFT, None, None) == await case_of(applicant, case_id)


class TestForgedWebhook:
    """A webhook that is not signed with the shared secret records nothing."""

    async def test_wrong_secret_is_refused(
        self, pay_portal: Portal, applicant: Person, database_url: str
    ) -> None:
        """A 'paid' event for a real payment, signed with another secret: 400, still a draft."""
        case_id = await draft_case(applicant)
        continue_path = await submit_pay_form(
            applicant, case_id, await pay_form(applicant, case_id)
        )
        payment_id = UUID(continue_path.split("/")[2])
        session = next(iter(sandbox_of(pay_portal).store.sessions.values()))
        data = {**session.public(""), "status": "paid", "card_last4": "4242"}
        body = orjson.dumps(
            {"id": "evt_forged", "type": "session.paid", "created": 0, "data": data}
        )
        headers = {SIGNATURE_HEADER: sign(b"not the secret", body, int(time.time()))}
        response = await pay_portal.client.post("/payments/webhook", data=body, headers=headers)
        assert 400 == response.status
        assert 0 == await count_received(database_url, payment_id)
        assert CaseStatus.DRAFT == (await case_of(applicant, case_id))[0]


class TestWebhookStorm:
    """The same signed webhook arriving ten times at once records one payment."""

    async def test_ten_at_once(
        self, pay_portal: Portal, applicant: Person, database_url: str
    ) -> None:
        """Ten identical signed deliveries, concurrently: all answered, one Received, one filing."""
        sandbox = sandbox_of(pay_portal)
        case_id = await draft_case(applicant)
        sandbox.sender.hold()  # the sandbox's own delivery waits; the ten below come first
        payment_id, _ = await start_and_pay(applicant, case_id, SUCCESS_CARD)
        (body,) = sandbox.sender.events.values()

        async def deliver() -> int:
            headers = {
                "Content-Type": "application/json",
                SIGNATURE_HEADER: sign(sandbox.webhook_secret, body, int(time.time())),
            }
            response = await pay_portal.client.post("/payments/webhook", data=body, headers=headers)
            return response.status

        statuses = await asyncio.gather(*(deliver() for _ in range(10)))
        sandbox.sender.release()
        await sandbox.sender.drain()

        assert [200] * 10 == statuses
        assert 1 == await count_received(database_url, payment_id)
        status, receipt_number, paid_by = await case_of(applicant, case_id)
        assert (CaseStatus.ACCEPTED, str(payment_id)) == (status, paid_by)
        assert receipt_number is not None
        events = await pay_portal.runtime.store.read_stream(case_id)
        filed = [type(e).__name__ for e in events if type(e).__name__ in {"Submitted", "Accepted"}]
        assert ["Submitted", "Accepted"] == filed


class TestCasePagePayments:
    """The case page lists the payment with links to its receipt."""

    async def test_receipt_links(self, pay_portal: Portal, applicant: Person) -> None:
        """After paying, the case page links to the receipt page and its PDF."""
        case_id = await draft_case(applicant)
        payment_id, back = await start_and_pay(applicant, case_id, SUCCESS_CARD)
        await come_back(applicant, back)
        html = await (await applicant.portal.client.get(f"/cases/{case_id}")).text()
        assert f'href="/payments/{payment_id}/receipt"' in html
        assert f'href="/payments/{payment_id}/receipt.pdf"' in html
        assert "$470.00: Paid" in " ".join(parse_page(html).text.split())


class TestReceipt:
    """The receipt shows amount, form, reference, last four digits and time; HTML and PDF."""

    async def test_html_and_pdf(self, pay_portal: Portal, applicant: Person) -> None:
        """Both carry the same facts; someone else gets 404."""
        case_id = await draft_case(applicant)
        payment_id, back = await start_and_pay(applicant, case_id, SUCCESS_CARD)
        await come_back(applicant, back)
        page = await applicant.portal.client.get(f"/payments/{payment_id}/receipt")
        text = parse_page(await page.text()).text
        pdf = await applicant.portal.client.get(f"/payments/{payment_id}/receipt.pdf")
        assert "application/pdf" == pdf.content_type
        pdf_text = " ".join(
            p.extract_text() for p in pypdf.PdfReader(io.BytesIO(await pdf.read())).pages
        )
        payment = await applicant.portal.runtime.store.read_stream(payment_id)
        # The payer's zone: no address on this account, so the agency's.
        paid_on = moment(payment[-1].timestamp, "America/New_York")
        for shown in (text, " ".join(pdf_text.split())):
            assert "$470.00" in shown
            assert "Form I-765" in shown
            assert str(payment_id).upper() in shown
            assert "ending in 4242" in shown
            assert paid_on in shown
        async with people(pay_portal) as sign_in:
            stranger = await sign_in(Role.APPLICANT)
            other = await stranger.portal.client.get(f"/payments/{payment_id}/receipt.pdf")
        assert 404 == other.status

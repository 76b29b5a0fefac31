"""Fees over HTTP: a non-standard fee shown and charged, a $0 filing, fee waiver journeys."""

from collections.abc import AsyncIterator
from uuid import UUID

import pytest
from pytest_aiohttp import AiohttpClient

from immportal.app.web_app import create_app
from immportal.domain.actor import Role
from immportal.domain.cases.status import CaseStatus
from testkit.e2e_support import Portal, wait_until_projected
from testkit.fee_support import (
    PENDING_I485,
    event_names,
    i765_draft,
    page_text,
    payment_amounts,
    send_form,
    upload_evidence,
)
from testkit.officer_support import act, staff
from testkit.payment_support import (
    SUCCESS_CARD,
    come_back,
    free_port,
    pay_form,
    sandbox_of,
    start_and_pay,
    submit_pay_form,
)
from testkit.signed_in_support import Person, people
from testkit.support import make_settings

UNDER_RULE = "(c)(9) with a pending I-485 filed on or after April 1, 2024"
BEFORE_RULE = "(c)(9) with a pending I-485 filed before April 1, 2024, whose fee covers this card"


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


async def request_waiver(applicant: Person, case_id: UUID) -> tuple[int, str, str]:
    """Upload a document from the request page, then send the request citing it.

    Returns the status of the request's answer, where it led, and the request page's text
    once the document was uploaded.
    """
    uploaded = await upload_evidence(applicant, case_id, "fee-waiver", "SNAP award letter")
    assert 303 == uploaded.status, await uploaded.text()
    back = uploaded.headers["Location"]
    _, page = await page_text(applicant, back)
    document_id = back.rsplit("=", 1)[1]
    sent = await send_form(
        applicant,
        f"/cases/{case_id}/fee-waiver",
        [
            ("basis", "means_tested_benefit"),
            ("explanation", "My household receives SNAP benefits since March 2026."),
            ("document_id", document_id),
        ],
    )
    return sent.status, sent.headers.get("Location", ""), page


class TestNonStandardFee:
    """A (c)(9) card with a recent I-485: $260 shown with its reason, charged, recorded."""

    async def test_shown_charged_recorded(
        self, pay_portal: Portal, applicant: Person, database_url: str
    ) -> None:
        """Check answers and the fee page say $260 and why; the payment is for $260."""
        case_id = await i765_draft(applicant, **PENDING_I485, i485_filed_on="2025-02-03")
        _, check = await page_text(applicant, f"/cases/{case_id}/apply/check")
        _, fee_page = await page_text(applicant, f"/cases/{case_id}/pay")
        payment_id, back = await start_and_pay(applicant, case_id, SUCCESS_CARD)
        returned = await come_back(applicant, back)
        _, receipt = await page_text(applicant, f"/payments/{payment_id}/receipt")
        case = await pay_portal.runtime.cases.get(case_id)
        await wait_until_projected(pay_portal.runtime, case_id, case.version)
        _, case_page = await page_text(applicant, f"/cases/{case_id}")

        assert f"$260.00 — {UNDER_RULE}." in check
        assert "$260.00" in fee_page
        assert UNDER_RULE in fee_page
        assert f"/payments/{payment_id}/receipt" == returned.headers["Location"]
        assert "$260.00" in receipt
        assert [26_000] == await payment_amounts(database_url, case_id)
        assert (CaseStatus.ACCEPTED, 26_000, UNDER_RULE) == (
            case.status,
            case.fee_cents,
            case.fee_reason,
        )
        assert f"Fee: $260.00 — {UNDER_RULE}" in case_page


class TestExemption:
    """A $0 application has no payment step: signed, sent and accepted."""

    async def test_sent_without_payment(self, pay_portal: Portal, applicant: Person) -> None:
        """The fee page sends it; no payment session is opened; the case records $0 and why."""
        case_id = await i765_draft(applicant, **PENDING_I485, i485_filed_on="2023-11-02")
        _, fee_page = await page_text(applicant, f"/cases/{case_id}/pay")
        location = await submit_pay_form(applicant, case_id, await pay_form(applicant, case_id))
        case = await pay_portal.runtime.cases.get(case_id)
        _, case_page = await page_text(applicant, location)

        assert "Send your application" in fee_page
        assert BEFORE_RULE in fee_page
        assert "Continue to payment" not in fee_page
        assert location.startswith(f"/cases/{case_id}")
        assert 0 == len(sandbox_of(pay_portal).store.sessions)
        assert (CaseStatus.ACCEPTED, 0, "i765-c9-before-rule") == (
            case.status,
            case.fee_cents,
            case.fee_rule,
        )
        assert (case.receipt_number or "").startswith("IOE")
        assert f"Fee: $0 — {BEFORE_RULE}" in case_page


class TestWaiverApproved:
    """Request with evidence, an officer approves: accepted without any payment."""

    async def test_journey(self, pay_portal: Portal, applicant: Person, database_url: str) -> None:
        """The request files the case; the review page shows it; approval accepts the case."""
        case_id = await i765_draft(applicant, **PENDING_I485, i485_filed_on="2025-02-03")
        _, fee_page = await page_text(applicant, f"/cases/{case_id}/pay")
        status, location, request_page = await request_waiver(applicant, case_id)
        case = await pay_portal.runtime.cases.get(case_id)
        await wait_until_projected(pay_portal.runtime, case_id, case.version)
        _, waiting = await page_text(applicant, f"/cases/{case_id}")
        async with staff(pay_portal) as sign_in:
            officer = await sign_in(Role.OFFICER, "PSC")
            _, review = await page_text(officer, f"/staff/cases/{case_id}")
            decided = await act(
                officer,
                case_id,
                "fee-waiver",
                {"decision": "approve", "reason": "SNAP award letter for 2026."},
            )
        case = await pay_portal.runtime.cases.get(case_id)
        await wait_until_projected(pay_portal.runtime, case_id, case.version)
        _, approved = await page_text(applicant, f"/cases/{case_id}")

        assert "Ask for a fee waiver instead of paying" in fee_page
        assert "SNAP award letter.pdf" in request_page
        assert (303, f"/cases/{case_id}") == (status, location)
        assert "You asked for a fee waiver." in waiting
        assert "waiting for a decision" in review
        assert "SNAP award letter.pdf" in review
        assert "Decide the fee waiver request" in review
        assert 303 == decided.status
        assert (CaseStatus.ACCEPTED, True, 0) == (case.status, case.fee_waived, case.fee_paid_cents)
        assert (case.receipt_number or "").startswith("IOE")
        assert [] == await payment_amounts(database_url, case_id)
        assert 0 == len(sandbox_of(pay_portal).store.sessions)
        names = await event_names(applicant, case_id)
        assert ["Submitted", "FeeWaiverRequested", "FeeWaiverApproved", "Accepted"] == names[-4:]
        assert "Your fee waiver was approved." in approved


class TestWaiverDenied:
    """Request with evidence, a supervisor denies it: the applicant pays, then it is accepted."""

    async def test_journey(self, pay_portal: Portal, applicant: Person, database_url: str) -> None:
        """The fee page gives the reason and charges $260; once paid, the case is accepted."""
        case_id = await i765_draft(applicant, **PENDING_I485, i485_filed_on="2025-02-03")
        status, _, _ = await request_waiver(applicant, case_id)
        async with staff(pay_portal) as sign_in:
            supervisor = await sign_in(Role.SUPERVISOR, "PSC")
            decided = await act(
                supervisor,
                case_id,
                "fee-waiver",
                {"decision": "deny", "reason": "The award letter is from 2019."},
            )
        case = await pay_portal.runtime.cases.get(case_id)
        await wait_until_projected(pay_portal.runtime, case_id, case.version)
        _, fee_page = await page_text(applicant, f"/cases/{case_id}/pay")
        payment_id, back = await start_and_pay(applicant, case_id, SUCCESS_CARD)
        returned = await come_back(applicant, back)
        case = await pay_portal.runtime.cases.get(case_id)
        await wait_until_projected(pay_portal.runtime, case_id, case.version)
        _, case_page = await page_text(applicant, f"/cases/{case_id}")

        assert (303, 303) == (status, decided.status)
        assert "Your fee waiver request was denied" in fee_page
        assert "The award letter is from 2019." in fee_page
        assert "$260.00" in fee_page
        assert f"/payments/{payment_id}/receipt" == returned.headers["Location"]
        assert [26_000] == await payment_amounts(database_url, case_id)
        assert (CaseStatus.ACCEPTED, 26_000, False) == (
            case.status,
            case.fee_paid_cents,
            case.fee_waived,
        )
        names = await event_names(applicant, case_id)
        assert ["FeeWaiverDenied", "FeePaid", "Accepted"] == names[-3:]
        assert f"Fee: $260.00 — {UNDER_RULE}" in case_page
        assert "Your fee waiver was denied: The award letter is from 2019." in case_page

"""Signed notices and receipts, and `/verify`, where anyone checks one by its code."""

import asyncio
import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest
from pypdf import PdfReader
from pytest_aiohttp import AiohttpClient

from immportal.adapters.postgres import lookup_limits
from immportal.app.web_app import create_app
from immportal.domain.actor import Actor, Role
from immportal.domain.documents.codes import grouped
from immportal.web.portal import PORTAL
from testkit.document_support import document_code, signature_status
from testkit.e2e_support import (
    CATCH_UP_SECONDS,
    Portal,
    PortalOpener,
    accepted_case,
    new_applicant,
    parse_page,
)
from testkit.notice_support import receipt_notice_id, wait_for_notices
from testkit.payment_support import SUCCESS_CARD, come_back, draft_case, free_port, start_and_pay
from testkit.signed_in_support import Person, people
from testkit.support import make_settings

NOT_FOUND = "We could not find a document with that code"


async def verify(portal: Portal, code: str) -> tuple[int, str]:
    """Check a code without signing in; (status, the page's text)."""
    response = await portal.client.get("/verify", params={"code": code})
    return response.status, parse_page(await response.text()).text


def text_of(pdf: bytes) -> str:
    """The PDF's text, as a reader extracts it, spaces folded."""
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


async def notice_pdf(portal: Portal, notice_id: UUID) -> bytes:
    """The notice's PDF as issued, from the blob store."""
    key = await portal.runtime.pool.fetchval(
        "SELECT blob_key FROM read.notices WHERE notice_id = $1", notice_id
    )
    return b"".join([chunk async for chunk in portal.runtime.blobs.open(key)])


class TestSignedNotice:
    """The notices worker signs each notice and prints its code."""

    async def test_signed_with_its_code(self, portal: Portal) -> None:
        """pyHanko's validator accepts the receipt notice; its code is in the text."""
        applicant = new_applicant()
        case_id = await accepted_case(portal.runtime.cases, applicant)
        [notice_id] = await wait_for_notices(portal, case_id, 1)
        code = await document_code(portal, notice_id)
        pdf = await notice_pdf(portal, notice_id)
        status = await signature_status(pdf)
        assert (True, True, True) == (status.bottom_line, status.intact, status.trusted)
        text = " ".join(
            " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split()
        )
        assert f"Verification code: {grouped(code, 4)}" in text
        assert receipt_notice_id(case_id) == notice_id


class TestVerifyPage:
    """The code shows the document's facts, whether it still stands, and its place in the log."""

    async def test_facts_and_nothing_personal(self, portal: Portal) -> None:
        """Typed in lower case with spaces: the receipt notice, its receipt number and date."""
        applicant = new_applicant()
        case_id = await accepted_case(portal.runtime.cases, applicant)
        [notice_id] = await wait_for_notices(portal, case_id, 1)
        code = await document_code(portal, notice_id)
        number = (await portal.runtime.cases.get(case_id)).receipt_number
        assert number is not None
        status, text = await verify(portal, " ".join(grouped(code, 4).lower().split("-")))
        assert 200 == status
        assert "This is a genuine receipt notice" in text
        assert f"Receipt number {number}" in text
        assert "Still current Yes" in text
        for private in ("Doe", applicant.user_id, str(case_id), "NBC"):
            assert private not in text

    async def test_superseded(self, portal: Portal) -> None:
        """A moved appointment's first notice says it was replaced; the new one stands."""
        cases, applicant = portal.runtime.cases, new_applicant()
        case_id = await accepted_case(cases, applicant)
        soon = datetime.now(UTC).replace(microsecond=0) + timedelta(days=10)
        await cases.update(
            case_id, None, lambda c: c.schedule_biometrics(Actor.system(), soon, "ASC Newark")
        )
        later = soon + timedelta(days=7)
        await cases.update(
            case_id, None, lambda c: c.reschedule_biometrics(applicant, later, "ASC Newark")
        )
        [_, first, second] = await wait_for_notices(portal, case_id, 3)
        old, new = (
            await verify(portal, await document_code(portal, first)),
            await verify(portal, await document_code(portal, second)),
        )
        assert (200, 200) == (old[0], new[0])
        assert "This appointment notice was replaced" in old[1]
        assert "We issued a newer appointment notice on" in old[1]
        assert "Still current No: replaced on" in old[1]
        assert "This is a genuine appointment notice" in new[1]
        assert "Still current Yes" in new[1]

    async def test_in_the_signed_log(self, open_portal: PortalOpener) -> None:
        """Once a checkpoint covers the notice's event, the page links to its inclusion proof."""
        portal = await open_portal(dev=True, checkpoint_every_events=1)
        case_id = await accepted_case(portal.runtime.cases, new_applicant())
        [notice_id] = await wait_for_notices(portal, case_id, 1)
        position = await portal.runtime.pool.fetchval(
            "SELECT position FROM read.notices WHERE notice_id = $1", notice_id
        )
        await _checkpoint_covers(portal, position)
        code = await document_code(portal, notice_id)
        response = await portal.client.get("/verify", params={"code": code})
        html = await response.text()
        proof = await portal.client.get(f"/api/v1/transparency/inclusion/{position}")
        assert f"is entry {position} of our event log" in parse_page(html).text
        assert f'href="/api/v1/transparency/inclusion/{position}"' in html
        assert (200, position) == (proof.status, (await proof.json())["position"])

    async def test_unknown_malformed_and_blank(self, portal: Portal) -> None:
        """An unknown code, something that is no code, and an empty box each get their answer."""
        unknown, malformed = await verify(portal, "4F7K-2M9Q-XD3A"), await verify(portal, "hi")
        blank = await verify(portal, "")
        assert (404, True) == (unknown[0], NOT_FOUND in unknown[1])
        assert (400, True) == (malformed[0], "has 12 letters and numbers" in malformed[1])
        assert (400, True) == (blank[0], "Enter the verification code" in blank[1])

    async def test_limited_per_address(self, portal: Portal) -> None:
        """The check after the allowance is refused with Retry-After; the bare form is free."""
        for _ in range(3):
            assert 200 == (await portal.client.get("/verify")).status
        for _ in range(lookup_limits.LOOKUPS_PER_WINDOW):
            assert 404 == (await verify(portal, "4F7K-2M9Q-XD3A"))[0]
        response = await portal.client.get("/verify", params={"code": "4F7K-2M9Q-XD3A"})
        assert 429 == response.status
        assert 0 < int(response.headers["Retry-After"]) <= 600
        assert "Too many checks" in parse_page(await response.text()).text

    async def test_certificates_published(self, portal: Portal) -> None:
        """The signing certificate and its CA, as PEM, for PDF readers to trust."""
        response = await portal.client.get("/.well-known/immportal/document-certificates")
        body = await response.text()
        assert 200 == response.status
        assert 2 == body.count("-----BEGIN CERTIFICATE-----")
        assert body == portal.client.app[PORTAL].document_certificates


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
async def payer(pay_portal: Portal) -> AsyncIterator[Person]:
    """A signed-in applicant."""
    async with people(pay_portal) as sign_in:
        yield await sign_in(Role.APPLICANT)


class TestSignedReceipt:
    """A payment receipt downloads signed, and its code checks on /verify."""

    async def test_receipt(self, pay_portal: Portal, payer: Person) -> None:
        """Trusted signature, code printed, the same code on every download; /verify knows it."""
        case_id = await draft_case(payer)
        payment_id, back = await start_and_pay(payer, case_id, SUCCESS_CARD)
        await come_back(payer, back)
        url = f"/payments/{payment_id}/receipt.pdf"
        first = await (await payer.portal.client.get(url)).read()
        again = await (await payer.portal.client.get(url)).read()
        code = await document_code(pay_portal, payment_id)
        status, text = await verify(pay_portal, code)
        statuses = [await signature_status(pdf) for pdf in (first, again)]
        assert [True, True] == [s.bottom_line for s in statuses]
        assert [True, True] == [
            f"Verification code: {grouped(code, 4)}" in text_of(pdf) for pdf in (first, again)
        ]
        assert (200, True) == (status, "This is a genuine payment receipt" in text)


async def _checkpoint_covers(portal: Portal, position: int) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + CATCH_UP_SECONDS
    while loop.time() < deadline:
        response = await portal.client.get("/api/v1/transparency/checkpoint")
        if response.status == 200 and (await response.json())["tree_size"] >= position:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"no checkpoint reached position {position}")

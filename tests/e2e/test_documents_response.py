"""Answering a request for evidence from the documents page."""

from collections.abc import AsyncIterator
from pathlib import Path
from uuid import UUID

import pytest
from aiohttp import ClientResponse

from immportal.domain.cases.status import CaseStatus
from immportal.formatting import long_date
from testkit import evidence_samples as samples
from testkit.documents_support import Filer, filer, page_text, request_evidence, upload, uploaded_id
from testkit.e2e_support import PortalOpener, form_token, parse_page

ITEMS = ["Proof of address", "Birth certificate"]


@pytest.fixture
async def applicant(open_portal: PortalOpener, tmp_path: Path) -> AsyncIterator[Filer]:
    """A signed-in applicant whose case waits on their evidence."""
    portal = await open_portal(blob_dir=tmp_path / "blobs")
    async with filer(portal, tmp_path / "blobs") as who:
        await request_evidence(portal, who.case_id, ITEMS)
        yield who


async def send(who: Filer, document_ids: list[UUID], version: int | None = None) -> ClientResponse:
    """Post the response form with these documents (the page's own version by default)."""
    token = await form_token(who.portal, who.page)
    if version is None:
        version = (await who.portal.runtime.cases.get(who.case_id)).version
    form = [("expected_version", str(version)), *(("document_id", str(d)) for d in document_ids)]
    return await who.portal.client.post(
        f"{who.page}/response",
        data=[*form, ("csrf_token", token)],
        headers={"Origin": who.portal.origin},
        allow_redirects=False,
    )


class TestRequestShown:
    """While a request is open, the page says what is needed and by when."""

    async def test_items_deadline_and_kind(self, applicant: Filer) -> None:
        """The items, the due date, and the response kind chosen by default."""
        response = await applicant.portal.client.get(applicant.page)
        html = await response.text()
        text = parse_page(html).text

        assert "We asked you for more evidence" in text
        assert all(item in text for item in ITEMS)
        case = await applicant.portal.runtime.cases.get(applicant.case_id)
        assert case.evidence_due_on is not None
        assert f"Send your response by {long_date(case.evidence_due_on)}" in text
        assert 'value="rfe_response" checked' in html


class TestSendingTheResponse:
    """The response records Case.receive_evidence with the uploaded response documents."""

    async def test_response_records_the_document_ids(self, applicant: Filer) -> None:
        """Two response documents are listed, sent, and recorded on the case."""
        first = await uploaded_id(
            await upload(applicant, samples.pdf("Lease"), "lease.pdf", kind="rfe_response")
        )
        second = await uploaded_id(
            await upload(applicant, samples.image("PNG"), "bill.png", kind="rfe_response")
        )
        await uploaded_id(await upload(applicant, samples.pdf("Other"), "other.pdf"))
        page = parse_page(await (await applicant.portal.client.get(applicant.page)).text())
        assert "These documents will be sent to the officer: lease.pdf bill.png" in page.text

        response = await send(applicant, [first, second])

        assert 303 == response.status
        assert response.headers["Location"].endswith("/documents?sent=1")
        case = await applicant.portal.runtime.cases.get(applicant.case_id)
        assert [str(first), str(second)] == case.evidence_document_ids
        assert CaseStatus.EVIDENCE_RECEIVED == case.status
        text = await page_text(applicant, response.headers["Location"])
        assert "Your response was sent." in text
        assert "Response to the request for evidence (sent)" in text

    async def test_initial_evidence_cannot_be_sent_as_a_response(self, applicant: Filer) -> None:
        """A document uploaded as initial evidence is refused; the case does not move."""
        initial = await uploaded_id(
            await upload(applicant, samples.pdf("Initial"), "initial.pdf", kind="initial")
        )
        version = (await applicant.portal.runtime.cases.get(applicant.case_id)).version

        response = await send(applicant, [initial])

        assert 422 == response.status
        assert ["Only documents uploaded as your response can be sent."] == parse_page(
            await response.text()
        ).error_summary
        assert version == (await applicant.portal.runtime.cases.get(applicant.case_id)).version

    async def test_nothing_to_send(self, applicant: Filer) -> None:
        """Without documents the page asks for an upload first."""
        response = await send(applicant, [])

        assert 422 == response.status
        assert "Upload at least one document" in parse_page(await response.text()).text

    async def test_a_stale_page_is_refused(self, applicant: Filer) -> None:
        """A form from before the case changed is refused and nothing is recorded."""
        document_id = await uploaded_id(
            await upload(applicant, samples.pdf("Late"), "late.pdf", kind="rfe_response")
        )

        response = await send(applicant, [document_id], version=1)

        assert 422 == response.status
        assert "changed while you were on this page" in parse_page(await response.text()).text
        case = await applicant.portal.runtime.cases.get(applicant.case_id)
        assert [] == case.evidence_document_ids


class TestNoOpenRequest:
    """Without an open request, response documents are refused with the reason."""

    async def test_sending_twice_leads_back_to_the_list(self, applicant: Filer) -> None:
        """A second click on Send records nothing more and shows the list."""
        document_id = await uploaded_id(
            await upload(applicant, samples.pdf("Once"), "once.pdf", kind="rfe_response")
        )
        assert 303 == (await send(applicant, [document_id])).status
        version = (await applicant.portal.runtime.cases.get(applicant.case_id)).version

        again = await send(applicant, [document_id])

        assert (303, applicant.page) == (again.status, again.headers["Location"])
        assert version == (await applicant.portal.runtime.cases.get(applicant.case_id)).version

    async def test_response_kind_refused_after_the_response_was_sent(
        self, applicant: Filer
    ) -> None:
        """Once the response is sent, another response document is refused (422)."""
        document_id = await uploaded_id(
            await upload(applicant, samples.pdf("Only"), "only.pdf", kind="rfe_response")
        )
        assert 303 == (await send(applicant, [document_id])).status

        response = await upload(applicant, samples.pdf("More"), "more.pdf", kind="rfe_response")

        page = parse_page(await response.text())
        assert 422 == response.status
        assert [
            "Documents answer a request for evidence only while it is open."
        ] == page.error_summary
        assert "We asked you for more evidence" not in page.text

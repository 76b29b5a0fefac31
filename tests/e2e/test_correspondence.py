"""Secure messages and requests over HTTP: both ways with files, refusals, decisions, audit.

The applicant writes to the case's office with an attachment (through the evidence upload
path), the office answers with one, and the applicant is emailed that a message waits
(without it). Expedite requests granted and denied by a supervisor, a correction and an
accommodation decided by an officer, each with its notice. Auditors read it all in the
case's history.
"""

import re
from collections.abc import AsyncIterator
from pathlib import Path
from uuid import uuid4

import pytest

from immportal.projections.case_documents import list_case_documents
from immportal.projections.case_messages import list_messages
from immportal.projections.case_requests import case_requests
from immportal.services.correspondence.messages import HOURLY_LIMIT
from testkit import evidence_samples as samples
from testkit.correspondence_support import (
    CONTACT_EMAIL,
    Scene,
    correspondence_scene,
    links_to,
    mails_about,
    page_of,
    send_form,
    send_message,
    text_of,
)
from testkit.e2e_support import PortalOpener, parse_page
from testkit.notice_support import wait_for_notices

NOT_FOUND = "We cannot find that page or case"
MESSAGE_WAITING = "You have a new message about your case"
REQUEST_DECIDED = "We decided on your request"
EXPEDITE = {
    "criterion": "urgent_humanitarian",
    "explanation": "My father is in hospital abroad.\nI must travel within weeks.",
}


@pytest.fixture
async def scene(open_portal: PortalOpener, tmp_path: Path) -> AsyncIterator[Scene]:
    """The portal mailing into this test's folder, and the case with its people."""
    portal = await open_portal(dev=True, data_dir=tmp_path)
    async with correspondence_scene(portal, tmp_path / "mailbox") as staged:
        yield staged


async def request_expedite(scene: Scene) -> str:
    """The applicant asks to expedite; the id of the request."""
    path = f"/cases/{scene.case_id}/requests/expedite"
    response = await send_form(scene["applicant"], path, EXPEDITE)
    assert (303, f"/cases/{scene.case_id}/requests?sent=expedite") == (
        response.status,
        response.headers["Location"],
    )
    [row] = await case_requests(scene.portal.runtime.pool, scene.case_id)
    return str(row.request_id)


async def decide(scene: Scene, seat: str, request_id: str, outcome: str, reason: str) -> int:
    """A staff member decides through the case's request page; the answer's status."""
    form = {"request_id": request_id, "outcome": outcome, "reason": reason}
    return (await send_form(scene[seat], scene.staff_requests, form)).status


async def notice_text(scene: Scene, count: int) -> str:
    """The newest of the case's `count` notices, as the applicant reads it."""
    *_, newest = await wait_for_notices(scene.portal, scene.case_id, count)
    status, html = await page_of(scene["applicant"], f"/cases/{scene.case_id}/notices/{newest}")
    assert 200 == status
    return text_of(html)


class TestMessagesBothWays:
    """The applicant and the case's office write to each other, with files."""

    async def test_with_attachments_and_an_email_without_content(self, scene: Scene) -> None:
        """Each side's file is a scanned case document; the email only says one waits."""
        applicant, officer = scene["applicant"], scene["officer"]
        letter = samples.pdf("Employer letter")
        response = await send_message(
            applicant,
            scene.messages,
            "Hello <b>office</b>,\n<script>alert(1)</script>\n\nSecond paragraph.",
            ("employer letter.pdf", letter),
        )
        assert (303, f"{scene.messages}?sent=1#latest") == (
            response.status,
            response.headers["Location"],
        )
        status, html = await page_of(applicant, scene.messages)
        assert 200 == status
        assert "Hello &lt;b&gt;office&lt;/b&gt;,<br>&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert '<p class="margin-top-0">Second paragraph.</p>' in html
        [attached] = links_to(html, f"/cases/{scene.case_id}/documents/")
        download = await applicant.portal.client.get(attached)
        assert letter == await download.read()

        status, inbox = await page_of(officer, "/staff/messages")
        assert (200, "Unanswered since today") == (status, _waiting_cell(inbox))
        status, html = await page_of(officer, scene.staff_messages)
        [staff_link] = links_to(html, f"/staff/cases/{scene.case_id}/documents/")
        assert letter == await (await officer.portal.client.get(staff_link)).read()

        photo = samples.image("PNG")
        response = await send_message(
            officer, scene.staff_messages, "Thank you. See the form attached.", ("form.png", photo)
        )
        assert 303 == response.status
        status, html = await page_of(applicant, scene.messages)
        page = text_of(html)
        assert "The immigration office wrote on" in page
        assert "Thank you. See the form attached." in page
        assert 2 == len(links_to(html, f"/cases/{scene.case_id}/documents/"))
        _, inbox = await page_of(officer, "/staff/messages")
        assert "Every message to your office has an answer." in text_of(inbox)

        documents = await list_case_documents(scene.portal.runtime.pool, scene.case_id)
        assert {"employer letter.pdf", "form.png"} <= {d.filename for d in documents}
        [mail] = await mails_about(scene.mailbox, MESSAGE_WAITING)
        assert CONTACT_EMAIL == mail.to
        assert "Thank you" not in mail.text
        assert "form.png" not in mail.text
        assert "/cases" in mail.text

    async def test_case_page_shows_the_conversation(self, scene: Scene) -> None:
        """The case page counts the messages and says the office has not answered yet."""
        await send_message(scene["applicant"], scene.messages, "Is my address right?")
        _, html = await page_of(scene["applicant"], f"/cases/{scene.case_id}")
        page = text_of(html)
        assert "There is 1 message about this case. The office has not answered yet" in page
        assert f'href="{scene.messages}"' in html


class TestMessageRefusals:
    """Problems are shown on the form, what was typed is kept, nothing is recorded."""

    async def test_blank_text_and_a_refused_file(self, scene: Scene) -> None:
        """No text, or a file that is not a document: 422, the text kept, no message."""
        applicant = scene["applicant"]
        response = await send_message(applicant, scene.messages, "   ")
        assert 422 == response.status
        assert ["Enter your message."] == parse_page(await response.text()).error_summary
        response = await send_message(
            applicant, scene.messages, "See the page.", ("page.pdf", samples.html_page())
        )
        html = await response.text()
        assert 422 == response.status
        assert ["Upload a PDF, JPEG, PNG or TIFF file."] == parse_page(html).error_summary
        assert ">See the page.</textarea>" in html
        assert [] == await list_messages(scene.portal.runtime.pool, scene.case_id)

    async def test_a_form_sent_twice_posts_once(self, scene: Scene) -> None:
        """The same form (same message id) sent again records one message."""
        form_id = str(uuid4())
        for _ in range(2):
            response = await send_message(
                scene["applicant"], scene.messages, "Once only", form_id=form_id
            )
            assert 303 == response.status
        assert 1 == len(await list_messages(scene.portal.runtime.pool, scene.case_id))

    async def test_another_office_and_other_roles(self, scene: Scene) -> None:
        """An officer of CSC gets not found; an auditor cannot use either side's pages."""
        for seat in ("officer-elsewhere", "auditor"):
            for path in (scene.staff_messages, scene.staff_requests, scene.messages):
                status, html = await page_of(scene[seat], path)
                assert (seat, path, 404, True) == (seat, path, status, NOT_FOUND in text_of(html))
        response = await send_message(scene["officer"], scene.staff_messages, "Visible?")
        assert 303 == response.status
        # A form token of the CSC officer's own page: the refusal is about the case, not CSRF.
        status, _ = await page_of(scene["officer-elsewhere"], "/staff/messages")
        assert 200 == status

    async def test_rate_limit(self, scene: Scene) -> None:
        """The applicant's message beyond the hourly limit is refused in plain words."""
        for number in range(HOURLY_LIMIT):
            response = await send_message(scene["applicant"], scene.messages, f"Message {number}")
            assert 303 == response.status
        response = await send_message(scene["applicant"], scene.messages, "One more")
        assert 422 == response.status
        assert [
            f"You have sent {HOURLY_LIMIT} messages in the last hour, which is as many as we "
            "take. Please wait an hour before you send another. We will read every message "
            "you sent."
        ] == parse_page(await response.text()).error_summary
        assert "One more</textarea>" in await response.text()


def _waiting_cell(html: str) -> str:
    """The 'Waiting' cell of the inbox's first row."""
    start = html.index('class="inbox-waiting">') + len('class="inbox-waiting">')
    return html[start : html.index("</td>", start)]


class TestExpedite:
    """A supervisor grants or denies an expedite request, with a reason the applicant reads."""

    @pytest.mark.parametrize(
        ("outcome", "heading", "state"),
        [
            ("granted", "We will expedite your case", "Granted"),
            ("denied", "We cannot expedite your case", "Denied"),
        ],
    )
    async def test_decided_by_a_supervisor(
        self, scene: Scene, outcome: str, heading: str, state: str
    ) -> None:
        """Officers may not decide it; the supervisor's reason reaches the page and the notice."""
        request_id = await request_expedite(scene)
        _, html = await page_of(scene["applicant"], f"/cases/{scene.case_id}")
        assert "Expedite request, sent" in text_of(html)
        assert "Waiting for a decision" in text_of(html)
        _, waiting = await page_of(scene["officer"], "/staff/requests")
        assert f'data-request-id="{request_id}"' in waiting

        assert 422 == await decide(scene, "officer", request_id, outcome, "I agree.")
        reason = "The hospital letter shows the urgency." if outcome == "granted" else "No proof."
        assert 303 == await decide(scene, "supervisor", request_id, outcome, reason)

        _, html = await page_of(scene["applicant"], f"/cases/{scene.case_id}/requests")
        page = text_of(html)
        assert f"Expedite request {state}" in page
        assert reason in page
        notice = await notice_text(scene, 2)
        assert heading in notice
        assert reason in notice
        [mail] = await mails_about(scene.mailbox, REQUEST_DECIDED)
        assert reason not in mail.text
        _, waiting = await page_of(scene["supervisor"], "/staff/requests")
        assert request_id not in waiting

    async def test_one_waiting_and_the_form_problems(self, scene: Scene) -> None:
        """An empty form names each problem; a second request waits for the first."""
        path = f"/cases/{scene.case_id}/requests/expedite"
        response = await send_form(scene["applicant"], path, {"explanation": ""})
        assert 422 == response.status
        assert [
            "Choose the reason that fits your situation",
            "Explain why your case should be decided sooner",
        ] == parse_page(await response.text()).error_summary
        await request_expedite(scene)
        _, html = await page_of(scene["applicant"], path)
        assert "You have one waiting for a decision." in text_of(html)


class TestCorrectionAndAccommodation:
    """Officers decide corrections and accommodations; each decision issues a notice."""

    async def test_correction_request(self, scene: Scene) -> None:
        """The applicant names the receipt notice and the typo; the officer corrects it."""
        applicant = scene["applicant"]
        path = f"/cases/{scene.case_id}/requests/correction"
        _, html = await page_of(applicant, path)
        [receipt_choice] = [v for v in _radio_values(html) if v.startswith("Receipt notice")]
        form = {"document": receipt_choice, "wrong": "Ana Lopes", "correct": "Ana Lopez"}
        assert 303 == (await send_form(applicant, path, form)).status
        [row] = await case_requests(scene.portal.runtime.pool, scene.case_id)
        assert form == row.details
        assert 303 == await decide(scene, "officer", str(row.request_id), "done", "Name fixed.")
        notice = await notice_text(scene, 2)
        assert "We corrected the error you told us about" in notice
        assert "Name fixed." in notice

    async def test_accommodation_request(self, scene: Scene) -> None:
        """'Something else' must say what; the officer grants the help asked for."""
        applicant = scene["applicant"]
        path = f"/cases/{scene.case_id}/requests/accommodation"
        form = {"appointment": "biometrics", "need": "other"}
        response = await send_form(applicant, path, form)
        assert ["Say what help you need"] == parse_page(await response.text()).error_summary
        form["explanation"] = "I need to sit down while waiting."
        assert 303 == (await send_form(applicant, path, form)).status
        [row] = await case_requests(scene.portal.runtime.pool, scene.case_id)
        reason = "A seat will be ready for you."
        assert 303 == await decide(scene, "officer", str(row.request_id), "granted", reason)
        notice = await notice_text(scene, 2)
        assert "We will give you the help you asked for" in notice
        assert reason in notice

    async def test_unknown_request_and_missing_choices(self, scene: Scene) -> None:
        """A request the case lacks, or no outcome and no reason: the page says so."""
        assert 422 == await decide(scene, "officer", str(uuid4()), "granted", "x")
        response = await send_form(
            scene["officer"], scene.staff_requests, {"request_id": str(uuid4())}
        )
        assert 422 == response.status


def _radio_values(html: str) -> list[str]:
    """The values of the page's radio buttons, in order."""
    return [
        value.replace("&amp;", "&")
        for value in re.findall(r'type="radio" name="[a-z]+" value="([^"]*)"', html)
    ]


class TestAuditHistory:
    """Auditors see the conversation and the requests in the case's history."""

    async def test_history_lists_messages_and_decisions(self, scene: Scene) -> None:
        """The message's words and the decision's reason are in the history, by whom."""
        await send_message(scene["applicant"], scene.messages, "Please hurry, my visa ends.")
        request_id = await request_expedite(scene)
        assert 303 == await decide(scene, "supervisor", request_id, "denied", "Not shown.")
        status, html = await page_of(scene["auditor"], f"/audit/cases/{scene.case_id}")
        page = text_of(html)
        assert 200 == status
        for expected in (
            "Messages and requests",
            "Message sent",
            "Please hurry, my visa ends.",
            "Request made",
            "Request decided",
            "Not shown.",
            str(scene["supervisor"].account_id),
        ):
            assert expected in page

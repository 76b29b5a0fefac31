"""Emails and notices go out in the language the person chose, and a notice keeps its own."""

import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from uuid import UUID

import pytest
from pypdf import PdfReader

from immportal.domain.actor import Actor, Role
from immportal.projections.account_profiles import get_language
from testkit.e2e_support import Portal, PortalOpener, form_token, post_form
from testkit.notice_support import wait_for_notices
from testkit.projection_support import wait_until
from testkit.signed_in_support import PASSWORD, browsers, open_account, sign_in_as
from testkit.smtp_sink import SmtpSink, smtp_sink


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    """A real SMTP server on a loopback port."""
    with smtp_sink() as running:
        yield running


def mail_to(sink: SmtpSink, address: str) -> list[EmailMessage]:
    """What arrived for one address, in order."""
    return [m for m in sink.messages if m["To"] == address]


async def notice_text(portal: Portal, notice_id: UUID) -> tuple[str, str]:
    """A notice's recorded language and the text of its PDF."""
    row = await portal.runtime.pool.fetchrow(
        "SELECT language, blob_key FROM read.notices WHERE notice_id = $1", notice_id
    )
    assert row is not None
    data = b"".join([chunk async for chunk in portal.runtime.blobs.open(row["blob_key"])])
    pages = PdfReader(io.BytesIO(data)).pages
    return row["language"], "\n".join(page.extract_text() for page in pages)


async def choose(browser: Portal, code: str) -> None:
    """Switch the signed-in account's language."""
    token = await form_token(browser, "/account")
    chosen = await post_form(browser, f"/language/{code}", {"next": "/account"}, token=token)
    assert 303 == chosen.status


async def test_spanish_mail_and_a_notice_that_stays_spanish(
    open_portal: PortalOpener, sink: SmtpSink
) -> None:
    """Spanish chosen: the receipt email and notice are Spanish; after English, new ones are
    English and the first notice is still Spanish."""
    portal = await open_portal(dev=True, smtp_host="127.0.0.1", smtp_port=sink.port)
    pool = portal.runtime.pool
    account_id, email, key = await open_account(portal, Role.APPLICANT)
    applicant = Actor(str(account_id), Role.APPLICANT)
    cases = portal.runtime.cases
    async with browsers(portal) as open_browser:
        browser = open_browser()
        await sign_in_as(browser, email, PASSWORD, key)
        await choose(browser, "es")
        await wait_until(lambda: _language_is(portal, account_id, "es"))

        case_id = await cases.start(
            actor=applicant, applicant_id=applicant.user_id, form_type="I-765", office="NBC"
        )
        await cases.update(
            case_id, None, lambda c: c.save_answers(applicant, "applicant", {"given_name": "Ana"})
        )
        await cases.update(
            case_id, None, lambda c: c.save_answers(applicant, "contact", {"email": email})
        )
        await cases.update(case_id, None, lambda c: c.submit(applicant, fee_cents=47_000))
        await cases.accept(case_id, actor=Actor.system())
        (receipt,) = await wait_for_notices(portal, case_id, 1)
        await wait_until(lambda: _arrived(sink, email, 1))

        await choose(browser, "en")
        await wait_until(lambda: _language_is(portal, account_id, "en"))
        at = datetime.now(UTC) + timedelta(days=20)
        await cases.update(
            case_id, None, lambda c: c.schedule_biometrics(Actor.system(), at, "Dayton ASC")
        )
        _, appointment = await wait_for_notices(portal, case_id, 2)
        await wait_until(lambda: _arrived(sink, email, 2))

    spanish, english = mail_to(sink, email)
    assert spanish["Subject"] == "Recibimos su solicitud"
    spanish_body = spanish.get_content()
    assert spanish_body.startswith("Hola, Ana:")
    assert "Tiene un aviso nuevo en su bandeja de entrada." in spanish_body
    assert english["Subject"] == "You have a biometrics appointment"
    assert english.get_content().startswith("Hello Ana,")

    language, text = await notice_text(portal, receipt)
    assert language == "es"
    assert "Recibimos su solicitud" in text
    assert "Número de recibo" in text
    language, text = await notice_text(portal, appointment)
    assert language == "en"
    assert "Your biometrics appointment" in text
    assert "Número de recibo" not in text
    assert await get_language(pool, account_id) == "en"


async def _language_is(portal: Portal, account_id: UUID, code: str) -> bool:
    return await get_language(portal.runtime.pool, account_id) == code


async def _arrived(sink: SmtpSink, address: str, count: int) -> bool:
    return len(mail_to(sink, address)) >= count

"""Paying through the real sandbox provider over HTTP, as an applicant's browser would."""

import re
import socket
from dataclasses import dataclass
from uuid import UUID

import aiohttp
import asyncpg
from yarl import URL

from immportal.app.payments import PAYMENTS
from immportal.dev.payments_sandbox.app import Sandbox
from immportal.domain.cases.forms import FormType
from testkit.e2e_support import Portal, parse_page, post_form, wait_until_projected
from testkit.filled_forms import fill_i765
from testkit.signed_in_support import Person

SUCCESS_CARD = "4242 4242 4242 4242"
DECLINE_CARD = "4000 0000 0000 0002"
PROVIDER_LINK = re.compile(r'id="provider-link" href="([^"]+)"')


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def sandbox_of(portal: Portal) -> Sandbox:
    """The sandbox provider the portal started in its process."""
    sandbox = portal.client.app[PAYMENTS].sandbox
    assert sandbox is not None
    return sandbox


async def draft_case(person: Person, *, signed: bool = True) -> UUID:
    """A complete Form I-765 draft of the person's, signed unless told otherwise."""
    runtime = person.portal.runtime
    case_id = await runtime.cases.start(
        actor=person.actor,
        applicant_id=str(person.account_id),
        form_type=FormType.I765,
        office="PSC",
    )
    written = await runtime.cases.update(
        case_id, None, lambda case: fill_i765(case, person.actor, signed=signed)
    )
    await wait_until_projected(runtime, case_id, written.version)
    return case_id


@dataclass(frozen=True)
class PayForm:
    """The fee page's form, as rendered once."""

    csrf_token: str
    idempotency_key: str
    text: str


async def pay_form(person: Person, case_id: UUID) -> PayForm:
    """Open the fee page; return its tokens and text."""
    response = await person.portal.client.get(f"/cases/{case_id}/pay")
    assert 200 == response.status, await response.text()
    page = parse_page(await response.text())
    return PayForm(page.inputs["csrf_token"], page.inputs.get("idempotency_key", ""), page.text)


async def submit_pay_form(person: Person, case_id: UUID, form: PayForm) -> str:
    """Press "Continue to payment"; return where the portal sends the browser."""
    response = await post_form(
        person.portal,
        f"/cases/{case_id}/pay",
        {"idempotency_key": form.idempotency_key},
        token=form.csrf_token,
    )
    assert 303 == response.status, await response.text()
    return response.headers["Location"]


async def provider_url(person: Person, continue_path: str) -> str:
    """The hosted payment page the continue page links to."""
    response = await person.portal.client.get(continue_path)
    found = PROVIDER_LINK.search(await response.text())
    assert found, await response.text()
    return found.group(1).replace("&amp;", "&")


async def pay_on_provider(url: str, card: str) -> str:
    """Type a card on the hosted page in a browser of its own; return the redirect back."""
    async with aiohttp.ClientSession() as browser:
        page = await browser.get(url)
        token = parse_page(await page.text()).inputs["form_token"]
        form = {
            "form_token": token,
            "name": "Ana Lopez",
            "card_number": card,
            "expiry": "12/39",
            "cvc": "123",
        }
        response = await browser.post(url, data=form, allow_redirects=False)
        assert 303 == response.status, await response.text()
        return response.headers["Location"]


async def come_back(person: Person, return_url: str) -> aiohttp.ClientResponse:
    """Follow the provider's redirect back to the portal, signed in."""
    return await person.portal.client.get(URL(return_url).path_qs, allow_redirects=False)


async def start_and_pay(person: Person, case_id: UUID, card: str) -> tuple[UUID, str]:
    """Open the fee page, go to the provider and pay; (payment id, the return URL)."""
    form = await pay_form(person, case_id)
    continue_path = await submit_pay_form(person, case_id, form)
    payment_id = UUID(continue_path.split("/")[2])
    return payment_id, await pay_on_provider(await provider_url(person, continue_path), card)


async def count_received(database_url: str, payment_id: UUID) -> int:
    """`Received` events of the payment, counted straight from the log."""
    conn = await asyncpg.connect(database_url)
    try:
        count: int = await conn.fetchval(
            "SELECT count(*) FROM events WHERE originator_id = $1 AND topic LIKE $2",
            payment_id,
            "%:Payment.Received",
        )
    finally:
        await conn.close()
    return count

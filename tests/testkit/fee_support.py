"""Fee journeys over HTTP: drafts with a chosen fee situation, evidence, waiver requests."""

from datetime import UTC, datetime
from uuid import UUID

import asyncpg
from aiohttp import ClientResponse, FormData

from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from testkit import evidence_samples as samples
from testkit.e2e_support import form_token, parse_page, wait_until_projected
from testkit.filled_forms import SIGNED_BY, fill_i765
from testkit.signed_in_support import Person

PENDING_I485 = {"category": "c9", "i485_receipt_number": "IOE0912345678"}
"""(c)(9): a Form I-485 pending; its filing date picks the fee."""


async def i765_draft(person: Person, **eligibility: str) -> UUID:
    """A complete, signed I-765 of the person, with its eligibility answers set as given."""
    runtime = person.portal.runtime
    case_id = await runtime.cases.start(
        actor=person.actor,
        applicant_id=str(person.account_id),
        form_type=FormType.I765,
        office="PSC",
    )

    def fill(case: Case) -> None:
        fill_i765(case, person.actor, signed=False)
        case.save_answers(person.actor, "eligibility", dict(eligibility))
        signature = {"full_name": SIGNED_BY, "signed_at": datetime.now(UTC).isoformat()}
        case.save_answers(person.actor, "declaration", signature)

    written = await runtime.cases.update(case_id, None, fill)
    await wait_until_projected(runtime, case_id, written.version)
    return case_id


async def page_text(person: Person, path: str) -> tuple[int, str]:
    """Open a page; its status and visible text."""
    response = await person.portal.client.get(path, allow_redirects=False)
    return response.status, " ".join(parse_page(await response.text()).text.split())


async def upload_evidence(person: Person, case_id: UUID, back: str, title: str) -> ClientResponse:
    """Upload a new PDF from a fee request page, as its form sends it (token first)."""
    token = await form_token(person.portal, f"/cases/{case_id}/{back}")
    data = FormData({"csrf_token": token, "back": back}, quote_fields=False)
    data.add_field("file", samples.pdf(title), filename=f"{title}.pdf")
    return await person.portal.client.post(
        f"/cases/{case_id}/fee-evidence",
        data=data,
        headers={"Origin": person.portal.origin},
        allow_redirects=False,
    )


async def send_form(person: Person, path: str, fields: list[tuple[str, str]]) -> ClientResponse:
    """Post a form from its own page, fields in order (a name may repeat, as checkboxes do)."""
    token = await form_token(person.portal, path)
    return await person.portal.client.post(
        path,
        data=[("csrf_token", token), *fields],
        headers={"Origin": person.portal.origin},
        allow_redirects=False,
    )


async def payment_amounts(database_url: str, case_id: UUID) -> list[int]:
    """The amounts of the case's payments as the payments read model records them."""
    conn = await asyncpg.connect(database_url)
    try:
        rows = await conn.fetch(
            'SELECT amount_cents FROM read."payments" WHERE case_id = $1 ORDER BY position',
            case_id,
        )
    finally:
        await conn.close()
    return [int(row["amount_cents"]) for row in rows]


async def event_names(person: Person, case_id: UUID) -> list[str]:
    """The case's events, by name, from its stream."""
    return [type(e).__name__ for e in await person.portal.runtime.store.read_stream(case_id)]

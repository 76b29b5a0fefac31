"""An I-765 filed through the JSON API alone: draft, pages, signature, payment, receipt."""

from collections.abc import AsyncIterator
from typing import Any
from uuid import uuid4

import pytest
from pytest_aiohttp import AiohttpClient

from immportal.app.web_app import create_app
from immportal.domain.actor import Role
from immportal.domain.cases.status import CaseStatus, describe
from testkit.api_support import csrf_token, eventually, problem, read, send
from testkit.e2e_support import Portal
from testkit.filled_forms import I765_PAGES
from testkit.payment_support import SUCCESS_CARD, free_port, pay_on_provider, sandbox_of
from testkit.signed_in_support import Person, people
from testkit.support import make_settings


@pytest.fixture
async def api_portal(database_url: str, aiohttp_client: AiohttpClient) -> Portal:
    """The portal on a known port (the sandbox posts its webhooks there)."""
    port = free_port()
    settings = make_settings(
        database_url, public_url=f"http://127.0.0.1:{port}", payments_sandbox_port=0
    )
    return Portal(await aiohttp_client(create_app(settings), server_kwargs={"port": port}))


@pytest.fixture
async def applicant(api_portal: Portal) -> AsyncIterator[Person]:
    """A signed-in applicant."""
    async with people(api_portal) as sign_in:
        yield await sign_in(Role.APPLICANT)


def key() -> str:
    """A fresh idempotency key."""
    return f"key-{uuid4().hex}"


class TestJsonJourney:
    """Everything an applicant does to file, done over /api/v1."""

    async def test_file_an_i765_from_draft_to_receipt_notice(self, applicant: Person) -> None:
        """Draft once, a refused page then every page, sign, pay, accepted, receipt notice."""
        portal = applicant.portal
        session = await read(portal, "/api/v1/session")
        assert (str(applicant.account_id), "applicant", applicant.email) == (
            session["account_id"],
            session["role"],
            session["email"],
        )
        token = session["csrf_token"]
        forms = {f["form_type"]: f for f in (await read(portal, "/api/v1/forms"))["forms"]}
        assert (47_000, "$470.00") == (forms["I-765"]["fee_cents"], forms["I-765"]["fee"])

        start = {"form_type": "I-765", "idempotency_key": key()}
        first = await send(portal, "POST", "/api/v1/applications", start, token=token)
        again = await send(portal, "POST", "/api/v1/applications", start, token=token)
        assert (201, 200) == (first.status, again.status)
        draft, same = await first.json(), await again.json()
        assert draft["case_id"] == same["case_id"]
        assert draft["url"] == first.headers["Location"]
        listed = (await read(portal, "/api/v1/cases"))["cases"]
        assert [(draft["case_id"], "draft")] == [(c["case_id"], c["status"]) for c in listed]
        case_url = draft["url"]

        application = await read(portal, f"{case_url}/application")
        assert (True, False, "name") == (
            application["editable"],
            application["complete"],
            application["next_page"],
        )
        refused = await send(
            portal,
            "PUT",
            f"{case_url}/application/pages/name",
            {"answers": {"given_name": "Ana", "nickname": "An"}},
            token=token,
        )
        body = await problem(refused, 422)
        assert {"answers.nickname"} == set(body["errors"])
        refused = await send(
            portal,
            "PUT",
            f"{case_url}/application/pages/name",
            {"answers": {"given_name": "Ana"}},
            token=token,
        )
        body = await problem(refused, 422)
        assert ["answers.family_name"] == list(body["errors"])
        assert body["errors"]["answers.family_name"]

        for page_id, answers in I765_PAGES:
            saved = await send(
                portal,
                "PUT",
                f"{case_url}/application/pages/{page_id}",
                {"answers": answers},
                token=token,
            )
            assert 200 == saved.status, (page_id, await saved.text())
            assert page_id == (await saved.json())["page_id"]
        application = await read(portal, f"{case_url}/application")
        states = {s["id"]: s["state"] for s in application["sections"]}
        assert (True, None) == (application["complete"], application["next_page"])
        assert {"completed"} == set(states.values())
        assert "Lopez" == application["answers"]["applicant"]["family_name"]

        signed = await send(
            portal,
            "POST",
            f"{case_url}/application/declaration",
            {"full_name": "Ana Lopez", "confirm": True},
            token=token,
        )
        assert 200 == signed.status, await signed.text()
        assert "Ana Lopez" == (await signed.json())["signature"]["full_name"]

        pay = {"idempotency_key": key()}
        started = await send(portal, "POST", f"{case_url}/payments", pay, token=token)
        repeated = await send(portal, "POST", f"{case_url}/payments", pay, token=token)
        assert (201, 200) == (started.status, repeated.status), await started.text()
        payment: dict[str, Any] = await started.json()
        assert payment["payment_id"] == (await repeated.json())["payment_id"]
        assert ("started", 47_000) == (payment["state"], payment["amount_cents"])

        await pay_on_provider(payment["payment_page_url"], SUCCESS_CARD)
        await sandbox_of(portal).sender.drain()

        async def received() -> Any:
            found = await read(portal, payment["url"])
            return found if found["state"] == "received" else None

        paid = await eventually(received, what="payment received")
        assert f"/payments/{payment['payment_id']}/receipt" == paid["receipt_url"]

        async def accepted() -> Any:
            found = await read(portal, case_url)
            return found if found["status"] == "accepted" and found["receipt_number"] else None

        case = await eventually(accepted, what="case accepted")
        assert describe(CaseStatus.ACCEPTED) == case["status_label"]

        async def receipt_notice() -> Any:
            inbox = await read(portal, "/api/v1/notices")
            mine = [n for n in inbox["notices"] if n["case_id"] == draft["case_id"]]
            return (inbox, mine[0]) if mine else None

        inbox, entry = await eventually(receipt_notice, what="receipt notice")
        assert (case["receipt_number"], "receipt", True) == (
            entry["receipt_number"],
            entry["kind"],
            entry["unread"],
        )
        assert 1 <= inbox["unread"]
        notice = await read(portal, entry["url"])
        assert case["receipt_number"] == notice["receipt_number"]
        assert notice["body"]
        after = await read(portal, "/api/v1/notices")
        assert inbox["unread"] - 1 == after["unread"]
        assert token == await csrf_token(portal)

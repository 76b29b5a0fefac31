"""A payment idempotency key reused for another case or person: 409, never a 500."""

from collections.abc import AsyncIterator

import pytest
from pytest_aiohttp import AiohttpClient

from immportal.app.web_app import create_app
from immportal.domain.actor import Role
from testkit.api_support import PROBLEM, send
from testkit.e2e_support import Portal, parse_page, post_form
from testkit.payment_support import draft_case, free_port, pay_form, sandbox_of, submit_pay_form
from testkit.signed_in_support import Person, people
from testkit.support import make_settings


@pytest.fixture
async def pay_portal(database_url: str, aiohttp_client: AiohttpClient) -> Portal:
    """The portal with its sandbox provider in process, on a known port."""
    port = free_port()
    settings = make_settings(database_url, public_url=f"http://127.0.0.1:{port}")
    return Portal(await aiohttp_client(create_app(settings), server_kwargs={"port": port}))


@pytest.fixture
async def two_applicants(pay_portal: Portal) -> AsyncIterator[tuple[Person, Person]]:
    """Two applicants, each signed in in their own browser."""
    async with people(pay_portal) as sign_in:
        yield await sign_in(Role.APPLICANT), await sign_in(Role.APPLICANT)


class TestKeyReuse:
    """The first use of a key binds it; another case or person with it is refused plainly."""

    async def test_api_reuse_is_a_409_problem(
        self, pay_portal: Portal, two_applicants: tuple[Person, Person]
    ) -> None:
        """Ana's key sent again by Ben, and by Ana for her other case: 409 problem+json."""
        ana, ben = two_applicants
        first, second = await draft_case(ana), await draft_case(ana)
        bens = await draft_case(ben)
        key = {"idempotency_key": "reused-key-0000000001"}
        started = await send(ana.portal, "POST", f"/api/v1/cases/{first}/payments", key)
        assert 201 == started.status, await started.text()
        for who, case_id in ((ben, bens), (ana, second)):
            response = await send(who.portal, "POST", f"/api/v1/cases/{case_id}/payments", key)
            body = await response.json()
            assert (409, PROBLEM) == (response.status, response.content_type)
            assert "urn:immportal:problem:idempotency-key-reused" == body["type"]
            assert "Send a new key" in body["detail"]
        assert 1 == len(sandbox_of(pay_portal).store.sessions)

    async def test_page_reuse_is_a_409_page(
        self, pay_portal: Portal, two_applicants: tuple[Person, Person]
    ) -> None:
        """Ben posts the key of Ana's fee form: the fee page again with the reason, 409."""
        ana, ben = two_applicants
        anas, bens = await draft_case(ana), await draft_case(ben)
        used = await pay_form(ana, anas)
        await submit_pay_form(ana, anas, used)
        form = await pay_form(ben, bens)
        response = await post_form(
            ben.portal,
            f"/cases/{bens}/pay",
            {"idempotency_key": used.idempotency_key},
            token=form.csrf_token,
        )
        page = parse_page(await response.text())
        assert 409 == response.status
        assert "already used for another payment" in page.text
        assert page.inputs["idempotency_key"] not in ("", used.idempotency_key)
        assert 1 == len(sandbox_of(pay_portal).store.sessions)

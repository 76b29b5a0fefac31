"""The JSON API answers a refused request in the language of Accept-Language: the problem's
title and detail, and the message of each refused field (the forms' own and pydantic's)."""

from collections.abc import AsyncIterator
from typing import Any
from uuid import uuid4

import pytest
from aiohttp import ClientResponse

from immportal.domain.actor import Role
from testkit.api_support import csrf_token, problem
from testkit.e2e_support import Portal
from testkit.signed_in_support import Person, people

A_NUMBER_MESSAGE = (
    "Escriba un número de registro de extranjero (A-Number) de 7 a 9 números, "
    "por ejemplo, A012345678"
)


@pytest.fixture
async def applicant(portal: Portal) -> AsyncIterator[Person]:
    """A signed-in applicant."""
    async with people(portal) as sign_in:
        yield await sign_in(Role.APPLICANT)


async def send(
    person: Person, method: str, path: str, body: Any, token: str, language: str | None
) -> ClientResponse:
    """A JSON request from the portal's origin, asking for `language` if given."""
    headers = {"Origin": person.portal.origin, "X-CSRF-Token": token}
    if language is not None:
        headers["Accept-Language"] = language
    return await person.portal.client.request(
        method, path, json=body, headers=headers, allow_redirects=False
    )


async def numbers_page(person: Person, token: str) -> str:
    """A new I-765 draft's numbers page (asked of everyone), as the API names it."""
    start = {"form_type": "I-765", "idempotency_key": f"spanish-{uuid4().hex}"}
    started = await send(person, "POST", "/api/v1/applications", start, token, None)
    assert 201 == started.status, await started.text()
    return f"{(await started.json())['url']}/application/pages/numbers"


async def test_refused_answers_in_spanish(applicant: Person) -> None:
    """A bad A-Number asked in Spanish: Spanish title, detail and field message."""
    token = await csrf_token(applicant.portal)
    page = await numbers_page(applicant, token)
    answers = {"answers": {"a_number": "12"}}
    body = await problem(await send(applicant, "PUT", page, answers, token, "es-MX,es;q=0.9"), 422)
    assert "Algunos valores necesitan corrección" == body["title"]
    assert (
        "Corrija los valores indicados en errors y luego envíe la solicitud de nuevo."
        == body["detail"]
    )
    assert {"answers.a_number": A_NUMBER_MESSAGE} == body["errors"]


async def test_stray_and_missing_fields_in_spanish(applicant: Person) -> None:
    """A question the page does not ask, and a body without answers, are refused in Spanish."""
    token = await csrf_token(applicant.portal)
    page = await numbers_page(applicant, token)
    stray = await send(applicant, "PUT", page, {"answers": {"shoe_size": "9"}}, token, "es")
    missing = await send(applicant, "PUT", page, {}, token, "es")
    assert {"answers.shoe_size": "Esta página no hace esta pregunta"} == (
        await problem(stray, 422)
    )["errors"]
    assert {"answers": "Campo obligatorio"} == (await problem(missing, 422))["errors"]


async def test_english_without_accept_language(applicant: Person) -> None:
    """Without Accept-Language the same refusal stays in English, the source language."""
    token = await csrf_token(applicant.portal)
    page = await numbers_page(applicant, token)
    answers = {"answers": {"a_number": "12"}}
    body = await problem(await send(applicant, "PUT", page, answers, token, None), 422)
    assert "Some values need correcting" == body["title"]
    assert {"answers.a_number": "Enter an A-Number of 7 to 9 numbers, like A012345678"} == body[
        "errors"
    ]

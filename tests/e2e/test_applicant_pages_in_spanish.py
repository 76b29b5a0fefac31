"""The applicant's pages in Spanish, for a browser that asks for Spanish."""

from collections.abc import AsyncIterator
from uuid import UUID

import pytest

from immportal.domain.actor import Role
from testkit.applicant_case_support import case_received
from testkit.e2e_support import Portal, parse_page
from testkit.payment_support import draft_case
from testkit.signed_in_support import Person, people

SPANISH = {"Accept-Language": "es-MX,es"}

RECEIVED_CASE_PAGES = [
    (
        "",
        [
            "Número de recibo",
            "Cita de servicios biométricos programada",
            "Sobre este caso",
            "Acuda a su cita de servicios biométricos.",
            "Lo que ha sucedido hasta ahora",
        ],
    ),
    ("/documents", ["Documentos de este caso", "Todavía no ha subido ningún documento."]),
    ("/appointments", ["Su cita", "Volver a su caso"]),
]
DRAFT_PAGES = [
    ("/apply", ["Complete su solicitud", "Revise sus respuestas", "Firmar la declaración"]),
    ("/pay", ["Pagar la tarifa de presentación", "Por qué esta tarifa", "Continuar al pago"]),
]


@pytest.fixture
async def applicant(portal: Portal) -> AsyncIterator[Person]:
    """A signed-in applicant."""
    async with people(portal) as sign_in:
        yield await sign_in(Role.APPLICANT)


async def spanish_text(person: Person, path: str) -> str:
    """The page's text, asked for in Spanish, after checking it says it is Spanish."""
    response = await person.portal.client.get(path, headers=SPANISH)
    html = await response.text()
    assert 200 == response.status, html
    assert '<html lang="es"' in html
    return " ".join(parse_page(html).text.split())


def _ids(pages: list[tuple[str, list[str]]]) -> list[str]:
    return [tail or "case" for tail, _ in pages]


@pytest.mark.parametrize(("tail", "sentences"), RECEIVED_CASE_PAGES, ids=_ids(RECEIVED_CASE_PAGES))
async def test_received_case_pages(applicant: Person, tail: str, sentences: list[str]) -> None:
    """The case page, its documents and its appointment speak Spanish."""
    case_id: UUID = await case_received(applicant, 10)
    text = await spanish_text(applicant, f"/cases/{case_id}{tail}")
    for sentence in sentences:
        assert sentence in text


@pytest.mark.parametrize(("tail", "sentences"), DRAFT_PAGES, ids=_ids(DRAFT_PAGES))
async def test_draft_pages(applicant: Person, tail: str, sentences: list[str]) -> None:
    """A signed draft's task list and fee page speak Spanish."""
    case_id = await draft_case(applicant)
    text = await spanish_text(applicant, f"/cases/{case_id}{tail}")
    for sentence in sentences:
        assert sentence in text


async def test_case_list_and_inbox(applicant: Person) -> None:
    """The list of cases, with a draft's status, progress and next step, and the inbox."""
    await draft_case(applicant)
    cases = await spanish_text(applicant, "/cases")
    assert "Sus casos" in cases
    assert "Solicitudes que aún no ha enviado" in cases
    assert "Borrador, aún no presentado" in cases
    assert "Firmada. Pague la tarifa para enviar su solicitud." in cases
    assert "Termine su solicitud y pague la tarifa para presentarla." in cases
    inbox = await spanish_text(applicant, "/inbox")
    assert "Su buzón" in inbox


async def test_english_by_default(applicant: Person) -> None:
    """Without a language asked for, the same case page stays English."""
    case_id = await case_received(applicant, 10)
    response = await applicant.portal.client.get(f"/cases/{case_id}")
    text = " ".join(parse_page(await response.text()).text.split())
    assert "What has happened so far" in text
    assert "Lo que ha sucedido hasta ahora" not in text

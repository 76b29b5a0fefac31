"""A question page of each form in Spanish: the heading, the questions, the options, the
month names of a date and the messages for a value the form refuses (an invalid A-Number)."""

from collections.abc import AsyncIterator

import pytest

from immportal.domain.actor import Role
from immportal.web.language import LANGUAGE_COOKIE
from testkit.apply_support import save_page, start_draft
from testkit.e2e_support import Portal, parse_page
from testkit.signed_in_support import Person, people

A_NUMBER_MESSAGE = (
    "Escriba un número de registro de extranjero (A-Number) de 7 a 9 números, "
    "por ejemplo, A012345678"
)

# (form, page, its heading in Spanish, a question's label in Spanish)
PAGES = [
    ("I-765", "numbers", "Números que puede tener", "Número de Seguro Social de EE. UU., si tiene"),
    ("I-130", "numbers", "Números que puede tener", "Número de cuenta en línea de USCIS, si tiene"),
    ("N-400", "green_card", "Sobre su tarjeta verde", "¿Cuándo se hizo residente permanente?"),
    ("I-90", "card_details", "Sobre su tarjeta", "¿Qué tipo de tarjeta tiene?"),
]


@pytest.fixture
async def applicant(portal: Portal) -> AsyncIterator[Person]:
    """A signed-in applicant whose browser asks for Spanish (the language cookie)."""
    async with people(portal) as sign_in:
        person = await sign_in(Role.APPLICANT)
        person.portal.client.session.cookie_jar.update_cookies({LANGUAGE_COOKIE: "es"})
        yield person


@pytest.mark.parametrize(
    ("form_type", "page_id", "heading", "label"), PAGES, ids=[row[0] for row in PAGES]
)
async def test_question_page_and_its_messages_in_spanish(
    applicant: Person, form_type: str, page_id: str, heading: str, label: str
) -> None:
    """The page reads in Spanish; a bad A-Number is refused with a Spanish message beside
    the question and in the error summary, and the page's title says Error in Spanish."""
    case_id = await start_draft(applicant.portal, form_type)
    path = f"/cases/{case_id}/apply/{page_id}"
    html = await (await applicant.portal.client.get(path)).text()
    page = parse_page(html)
    assert '<html lang="es"' in html
    assert heading in page.text
    assert label in page.text
    assert "Guardar y continuar" in page.text
    assert "Save and continue" not in page.text

    response = await save_page(applicant.portal, case_id, page_id, {"a_number": "12"})
    refused = parse_page(await response.text())
    assert 422 == response.status
    assert A_NUMBER_MESSAGE in refused.error_summary
    assert "Hay un problema" in refused.text
    assert f"<title>Error: {heading}" in await response.text()


async def test_date_boxes_options_and_date_messages_in_spanish(applicant: Person) -> None:
    """The date of birth page names its boxes and months in Spanish and says in Spanish
    that February 31 is not a real date; the sex page's options are in Spanish."""
    case_id = await start_draft(applicant.portal, "I-765")
    html = await (await applicant.portal.client.get(f"/cases/{case_id}/apply/date_of_birth")).text()
    page = parse_page(html)
    for words in ("¿Cuál es su fecha de nacimiento?", "Mes", "Día", "Año", "02 - febrero"):
        assert words in page.text, words
    typed = {"date_of_birth-month": "2", "date_of_birth-day": "31", "date_of_birth-year": "1990"}
    response = await save_page(applicant.portal, case_id, "date_of_birth", typed)
    assert ["Fecha de nacimiento debe ser una fecha real"] == parse_page(
        await response.text()
    ).error_summary
    sexes = parse_page(
        await (await applicant.portal.client.get(f"/cases/{case_id}/apply/sex_marital")).text()
    ).text
    for words in ("Femenino", "Masculino", "Soltero(a), nunca casado(a)", "Estado civil"):
        assert words in sexes, words

"""The public, sign-in and account pages in Spanish, for a browser that asks for Spanish."""

import pytest

from testkit.e2e_support import Portal, form_token, parse_page, post_form

SPANISH = {"Accept-Language": "es-MX,es"}

PUBLIC_PAGES = [
    ("/", ["Servicios de inmigración, en línea", "Verifique el estado de su caso"]),
    ("/sign-in", ["Iniciar sesión", "¿Olvidó su contraseña?", "Contraseña"]),
    ("/account/create", ["Crear una cuenta", "Nombre completo", "Al menos 12 caracteres"]),
    ("/account/create/check-email", ["Revise su correo electrónico", "24 horas"]),
    ("/case-status", ["Verifique el estado de su caso", "Número de recibo"]),
    ("/contact", ["Envíe un mensaje seguro sobre su caso", "Nunca le pediremos su contraseña"]),
    ("/privacy", ["Aviso de privacidad", "No vendemos su información"]),
    ("/accessibility", ["Declaración de accesibilidad", "al 400% sin perder contenido"]),
    ("/account/forgot", ["Restablezca su contraseña", "Enviarme un enlace"]),
    ("/lost-authenticator", ["Espere 24 horas", "Correo electrónico de su cuenta"]),
    ("/verify", ["Verifique un documento", "Código de verificación"]),
    ("/processing-times", ["Consulte los tiempos de procesamiento de casos", "Cómo lo calculamos"]),
    ("/check-status", ["Verifique el estatus migratorio de una persona", "Código para compartir"]),
]


@pytest.mark.parametrize(
    ("path", "sentences"), PUBLIC_PAGES, ids=[path for path, _ in PUBLIC_PAGES]
)
async def test_public_page_in_spanish(portal: Portal, path: str, sentences: list[str]) -> None:
    """Each page says its words in Spanish under <html lang="es">."""
    response = await portal.client.get(path, headers=SPANISH)
    html = await response.text()
    assert 200 == response.status
    assert '<html lang="es"' in html
    text = parse_page(html).text
    for sentence in sentences:
        assert sentence in text


async def _in_spanish(portal: Portal) -> None:
    """Choose Spanish with the switch link, as a person would (a cookie the posts carry)."""
    await portal.client.get("/language/es", params={"next": "/"}, allow_redirects=False)


async def test_sign_in_errors_in_spanish(portal: Portal) -> None:
    """Empty fields and a wrong password are explained in Spanish."""
    await _in_spanish(portal)
    token = await form_token(portal, "/sign-in")
    empty = await post_form(portal, "/sign-in", {"email": "", "password": ""}, token=token)
    text = parse_page(await empty.text()).text
    assert 422 == empty.status
    assert "Hay un problema" in text
    assert "Ingrese su correo electrónico" in text
    assert "Ingrese su contraseña" in text
    wrong = await post_form(
        portal, "/sign-in", {"email": "nobody@example.com", "password": "x" * 14}, token=token
    )
    assert (
        "El correo electrónico o la contraseña no son correctos"
        in parse_page(await wrong.text()).text
    )


async def test_create_account_password_reasons_in_spanish(portal: Portal) -> None:
    """A short password is refused with the policy's reason in Spanish."""
    await _in_spanish(portal)
    token = await form_token(portal, "/account/create")
    form = {"full_name": "Ana Pérez", "email": "ana.es@example.com", "password": "short"}
    response = await post_form(portal, "/account/create", form, token=token)
    text = parse_page(await response.text()).text
    assert 422 == response.status
    assert "Su contraseña debe tener al menos 12 caracteres" in text


async def test_status_lookup_errors_in_spanish(portal: Portal) -> None:
    """A blank or unknown receipt number is explained in Spanish."""
    blank = await portal.client.get("/case-status?receipt_number=", headers=SPANISH)
    assert 400 == blank.status
    assert (
        "Ingrese el número de recibo que aparece en su aviso" in parse_page(await blank.text()).text
    )
    unknown = await portal.client.get("/case-status?receipt_number=IOE0999999999", headers=SPANISH)
    assert 404 == unknown.status
    assert (
        "No encontramos un caso con ese número de recibo" in parse_page(await unknown.text()).text
    )

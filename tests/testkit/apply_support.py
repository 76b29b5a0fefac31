"""Filling in an application over HTTP, as an applicant's browser would."""

import re
import time
from uuid import UUID

import pyotp
from aiohttp import ClientResponse

from testkit.e2e_support import Portal, form_token, parse_page, post_form
from testkit.signed_in_support import PASSWORD

START_KEY = "start_key"
TASK_STATE = re.compile(r'data-section="([a-z_]+)".*?data-state="([a-z_]+)"', re.DOTALL)


async def start_draft(portal: Portal, form_type: str = "I-765") -> UUID:
    """Choose the form on the start page and start; return the new draft's id."""
    page = parse_page(await (await portal.client.get("/apply")).text())
    form = {"form_type": form_type, START_KEY: page.inputs[START_KEY]}
    response = await post_form(portal, "/apply", form, token=page.inputs["csrf_token"])
    assert 303 == response.status, await response.text()
    return UUID(response.headers["Location"].split("/")[2])


async def save_page(
    portal: Portal, case_id: UUID, page_id: str, answers: dict[str, str], *, back: bool = False
) -> ClientResponse:
    """Open a question page and send it with these answers ("Save and continue")."""
    path = f"/cases/{case_id}/apply/{page_id}"
    token = await form_token(portal, path + ("?return=check" if back else ""))
    form = {**answers, **({"return_to": "check"} if back else {})}
    return await post_form(portal, path, form, token=token)


async def fill(portal: Portal, case_id: UUID, pages: list[tuple[str, dict[str, str]]]) -> None:
    """Save each page in turn; every one must be accepted."""
    for page_id, answers in pages:
        response = await save_page(portal, case_id, page_id, answers)
        assert 303 == response.status, (page_id, await response.text())


async def task_states(portal: Portal, case_id: UUID) -> dict[str, str]:
    """Each section of the task list with its state (not_started, in_progress, completed)."""
    html = await (await portal.client.get(f"/cases/{case_id}/apply")).text()
    return dict(TASK_STATE.findall(html))


async def sign_in_again(browser: Portal, email: str, key: str) -> None:
    """Sign in a second time; the code is the next step's, as each code works once."""
    token = await form_token(browser, "/sign-in")
    form = {"email": email, "password": PASSWORD, "next": ""}
    first = await post_form(browser, "/sign-in", form, token=token)
    assert 303 == first.status, await first.text()
    token = await form_token(browser, "/sign-in/code")
    code = pyotp.TOTP(key).at(time.time() + 30)
    second = await post_form(browser, "/sign-in/code", {"code": code}, token=token)
    assert 303 == second.status, await second.text()

"""Approved cases and share codes for the tests of proving a status."""

from datetime import date
from uuid import UUID

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from immportal.services.cases.service import CaseService
from testkit.e2e_support import Portal, parse_page, post_form

BORN_ON = date(1987, 4, 12)
OFFICER = Actor("officer-sharing-test", Role.OFFICER)
SUPERVISOR = Actor("supervisor-sharing-test", Role.SUPERVISOR)


async def approved_case(
    cases: CaseService,
    applicant: Actor,
    *,
    born_on: date = BORN_ON,
    names: tuple[str, str] = ("Maria", "Garcia"),
    form: FormType = FormType.I765,
) -> UUID:
    """A case of the applicant's taken to an approval (no review), with their name and birth."""
    case_id = await cases.start(
        actor=applicant, applicant_id=applicant.user_id, form_type=form, office="NBC"
    )
    about = {"given_name": names[0], "family_name": names[1], "date_of_birth": born_on.isoformat()}
    steps = [
        lambda c: c.save_answers(applicant, "applicant", about),
        lambda c: c.submit(applicant, fee_cents=47_000),
    ]
    for step in steps:
        await cases.update(case_id, None, step)
    await cases.accept(case_id, actor=Actor.system())
    for step in [
        lambda c: c.assign(SUPERVISOR, OFFICER.user_id),
        lambda c: c.propose_decision(OFFICER, "approve", "Eligible", "", review_required=False),
        lambda c: c.issue_decision(OFFICER),
    ]:
        await cases.update(case_id, None, step)
    return case_id


def date_fields(born_on: date) -> dict[str, str]:
    """A date of birth as the check form's three boxes post it."""
    return {
        "born_month": str(born_on.month),
        "born_day": str(born_on.day),
        "born_year": str(born_on.year),
    }


async def check_status(
    browser: Portal, code: str, born_on: date = BORN_ON, *, path: str = "/check-status"
) -> tuple[int, str, bytes]:
    """Post the public check form; (status, the page's text without its reference, body)."""
    token = parse_page(await (await browser.client.get("/check-status")).text()).inputs[
        "csrf_token"
    ]
    response = await post_form(browser, path, {"code": code, **date_fields(born_on)}, token=token)
    body = await response.read()
    if response.content_type != "text/html":
        return response.status, "", body
    page = parse_page(body.decode())
    text = page.text
    for reference in page.references:
        text = text.replace(reference, "")
    return response.status, text, body

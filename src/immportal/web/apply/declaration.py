"""The declaration: the statement, the applicant's typed full name and a box to tick."""

from typing import Any

from aiohttp import web

from immportal.domain.catalogue import DECLARATION, Answers, is_complete
from immportal.web.applicant.access import APPLICANT_ONLY, FILERS
from immportal.web.apply.common import Draft, already_sent, applications, open_draft, posted
from immportal.web.policy import allow
from immportal.web.rendering import render

CONFIRMED = "yes"
NAME_PARTS = ("given_name", "middle_name", "family_name")


def signing_names(answers: Answers) -> set[str]:
    """The ways of writing the applicant's name that count as it (any case, with or
    without the middle name)."""
    given = answers.get("applicant", {})
    first, middle, last = (str(given.get(part) or "") for part in NAME_PARTS)
    spellings = {f"{first} {last}", f"{first} {middle} {last}"}
    return {_normal(name) for name in spellings if _normal(name)}


def _normal(name: str) -> str:
    return " ".join(name.split()).casefold()


def check_signature(typed: dict[str, str], answers: Answers) -> tuple[str, dict[str, str]]:
    """(the typed name, {}) when it matches the applicant and the box is ticked; else errors."""
    name = " ".join(typed.get("full_name", "").split())
    errors = {}
    if not name:
        errors["full_name"] = "Enter your full name"
    elif _normal(name) not in signing_names(answers):
        errors["full_name"] = (
            "Enter your full name as you gave it in this application: "
            "your given name, then your family name"
        )
    if typed.get("confirm") != CONFIRMED:
        errors["confirm"] = "Select the box to confirm that the declaration is true"
    return name, errors


@allow(FILERS)
async def declaration_page(request: web.Request) -> web.Response:
    """The statement and the signature form; only once every answer is complete."""
    draft = await open_draft(request, APPLICANT_ONLY)
    if not draft.editable:
        return already_sent(request, draft)
    _ready_or_back_to_check(draft)
    return _render(request, draft, {}, {})


@allow(FILERS)
async def sign(request: web.Request) -> web.Response:
    """Record the signature, then on to the fee page."""
    draft = await open_draft(request, APPLICANT_ONLY)
    if not draft.editable:
        raise web.HTTPSeeOther(f"/cases/{draft.case_id}")
    _ready_or_back_to_check(draft)
    typed = await posted(request)
    name, errors = check_signature(typed, draft.answers)
    if errors:
        return _render(request, draft, typed, errors, status=422)
    await applications(request).sign(draft.case_id, actor=draft.access.actor, full_name=name)
    raise web.HTTPSeeOther(f"/cases/{draft.case_id}/pay")


def _ready_or_back_to_check(draft: Draft) -> None:
    if not is_complete(draft.form, draft.answers):
        raise web.HTTPSeeOther(draft.check_url)


def _render(
    request: web.Request,
    draft: Draft,
    values: dict[str, Any],
    errors: dict[str, str],
    *,
    status: int = 200,
) -> web.Response:
    return render(
        "apply/declaration.html",
        request,
        {
            "title": ("Error: " if errors else "") + "Declaration",
            "declaration": DECLARATION,
            "form_type": draft.case.form_type,
            "values": values,
            "errors": errors,
            "action": draft.declaration_url,
            "check_url": draft.check_url,
            "confirmed": CONFIRMED,
        },
        status=status,
    )

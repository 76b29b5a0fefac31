"""The declaration: the statement, the applicant's typed full name and a box to tick."""

from typing import Any

from aiohttp import web

from immportal.domain.catalogue import DECLARATION, Answers, is_complete
from immportal.domain.catalogue.signature import example_signature, signs_for_applicant
from immportal.i18n import _
from immportal.web.applicant.access import APPLICANT_ONLY, FILERS
from immportal.web.apply.common import (
    Draft,
    already_sent,
    applications,
    open_draft,
    posted,
    read_draft,
)
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.read_your_writes import CASE_LIST, caught_up, shown_after
from immportal.web.rendering import render

CONFIRMED = "yes"


def check_signature(typed: dict[str, str], answers: Answers) -> tuple[str, dict[str, str]]:
    """(the typed name, {}) when it names the applicant and the box is ticked; else errors."""
    name = " ".join(typed.get("full_name", "").split())
    errors = {}
    if not name:
        errors["full_name"] = "Enter your full name"
    elif not signs_for_applicant(name, answers):
        errors["full_name"] = (
            "Enter your name as you gave it in this application, "
            f"for example {example_signature(answers)}"
        )
    if typed.get("confirm") != CONFIRMED:
        errors["confirm"] = "Select the box to confirm that the declaration is true"
    return name, errors


@allow(FILERS)
async def declaration_page(request: web.Request) -> web.Response:
    """The statement and the signature form; only once every answer is complete."""
    draft = await read_draft(request, APPLICANT_ONLY)
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
    written = await applications(request).sign(
        draft.case_id, actor=draft.access.actor, full_name=name
    )
    # The fee page reads the case file, which must show the signature to offer payment.
    shown = await caught_up(request.app[PORTAL], written.position, CASE_LIST)
    raise web.HTTPSeeOther(shown_after(f"/cases/{draft.case_id}/pay", shown))


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
            "title": _("Error: %(title)s", title=_("Declaration")) if errors else _("Declaration"),
            "declaration": DECLARATION,
            "form_type": draft.case.form_type,
            "values": values,
            "errors": errors,
            "action": draft.declaration_url,
            "check_url": draft.check_url,
            "confirmed": CONFIRMED,
            "fee": draft.fee,
        },
        status=status,
    )

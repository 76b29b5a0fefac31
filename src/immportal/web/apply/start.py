"""Choose a form and start a draft; the same start form sent twice opens one draft."""

import re
import secrets
from dataclasses import dataclass
from uuid import UUID

from aiohttp import web

from immportal.domain.actor import Role
from immportal.domain.cases.forms import FormType
from immportal.domain.catalogue import FORMS
from immportal.domain.payments.fees import SCHEDULE_NAME, fee_for
from immportal.i18n import _
from immportal.web.applicant.access import signed_in_actor
from immportal.web.apply.common import applications, posted
from immportal.web.apply.prefill import prefill_for
from immportal.web.policy import allow, roles
from immportal.web.portal import portal
from immportal.web.read_your_writes import CASE_LIST, caught_up, shown_after
from immportal.web.rendering import render

KEY_FIELD = "start_key"
_KEY = re.compile(r"[A-Za-z0-9_-]{16,100}")
STARTERS = roles(Role.APPLICANT)
"""Applicants start their own applications; a representative joins a case they are given."""


@dataclass(frozen=True)
class Choice:
    """One form of the catalogue, as the start page offers it."""

    form_type: str
    title: str
    summary: str
    fee: str


def choices() -> list[Choice]:
    """Every form with its sentence and online fee, in catalogue order."""
    return [
        Choice(form.form_type.value, form.title, form.summary, fee_for(form.form_type).display)
        for form in FORMS.values()
    ]


@allow(STARTERS)
async def start_page(request: web.Request) -> web.Response:
    """The forms to choose from."""
    return _render(request, {}, "")


@allow(STARTERS)
async def start(request: web.Request) -> web.Response:
    """Open a draft on the chosen form and go to its task list."""
    typed = await posted(request)
    chosen = typed.get("form_type", "")
    if chosen not in {form.value for form in FormType}:
        errors = {"form_type": "Select the application you want to start"}
        return _render(request, errors, "", status=422)
    key = typed.get(KEY_FIELD, "")
    if not _KEY.fullmatch(key):
        errors = {"form_type": "Something went wrong. Please choose the form again."}
        return _render(request, errors, chosen, status=422)
    actor = signed_in_actor(request)
    form_type = FormType(chosen)
    prefill = await prefill_for(portal(request), UUID(actor.user_id), form_type)
    opened = await applications(request).start(
        actor=actor, form_type=form_type, key=key, prefill=prefill
    )
    # The task list opens the case through the read model: let it catch up first. A second
    # send of the form (a double click) waits for the log as it is: the opening is in it.
    services = portal(request)
    position = opened.position or await services.read_models.head()
    shown = await caught_up(services, position, CASE_LIST)
    raise web.HTTPSeeOther(shown_after(f"/cases/{opened.case_id}/apply", shown))


def _render(
    request: web.Request, errors: dict[str, str], chosen: str, *, status: int = 200
) -> web.Response:
    return render(
        "apply/start.html",
        request,
        {
            "title": (
                _("Error: %(title)s", title=_("Start an application"))
                if errors
                else _("Start an application")
            ),
            "choices": choices(),
            "chosen": chosen,
            "errors": errors,
            "schedule": SCHEDULE_NAME,
            "key_field": KEY_FIELD,
            # A new key per page: the same page sent twice carries the same key.
            "start_key": secrets.token_urlsafe(24),
        },
        status=status,
    )

"""The applicant's page for choosing who may act for them on a case (Form G-28 style)."""

from typing import Any

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from immportal.domain.errors import InvalidArgument
from immportal.i18n import N_
from immportal.services.cases.representatives import NotARepresentative, RepresentativeDirectory
from immportal.web.applicant.access import APPLICANT_ONLY, FILERS, CaseAccess, open_case
from immportal.web.policy import allow
from immportal.web.portal import PORTAL, Portal
from immportal.web.presenters import case_view
from immportal.web.queries.case_files import read_case_file
from immportal.web.queries.profiles import emails_of
from immportal.web.read_your_writes import CASE_PAGE, caught_up, shown_after
from immportal.web.rendering import render

EMAIL_MESSAGE = N_("Enter the email address your representative uses to sign in")
STALE_MESSAGE = N_("This case changed while you were on this page. Check the list and try again.")


class AuthorizeForm(BaseModel):
    """A representative named by their sign-in email address."""

    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True)

    expected_version: int = Field(ge=1)
    email: str = Field(min_length=3, max_length=254)


class RevokeForm(BaseModel):
    """The representative whose access ends."""

    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True)

    expected_version: int = Field(ge=1)
    representative_id: str = Field(min_length=1, max_length=100)


def directory(runtime: Portal) -> RepresentativeDirectory:
    """Representatives' accounts, by email address."""
    return runtime.representatives


def page_url(access: CaseAccess) -> str:
    """Where the representatives page of the case is."""
    return f"/cases/{access.summary.case_id}/representatives"


@allow(FILERS)
async def representatives_page(request: web.Request) -> web.Response:
    """Who may act on the case, a form to add someone and a button to remove each."""
    return await _render(request, await open_case(request, APPLICANT_ONLY), {}, {})


@allow(FILERS)
async def authorize(request: web.Request) -> web.Response:
    """Give the representative with this email address access to the case."""
    access = await open_case(request, APPLICANT_ONLY)
    runtime = request.app[PORTAL]
    posted = {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
    try:
        form = AuthorizeForm.model_validate(posted)
        representative_id = await directory(runtime).find(form.email)
        written = await runtime.cases.authorize_representative(
            access.summary.case_id,
            actor=access.actor,
            expected_version=form.expected_version,
            representative_id=str(representative_id),
        )
    except (ValidationError, NotARepresentative, InvalidArgument) as refused:
        message = EMAIL_MESSAGE if isinstance(refused, ValidationError) else str(refused)
        return await _render(request, access, {"email": message}, posted, 422)
    shown = await caught_up(runtime, written.position, CASE_PAGE)
    raise web.HTTPSeeOther(shown_after(page_url(access), shown))


@allow(FILERS)
async def revoke(request: web.Request) -> web.Response:
    """End a representative's access to the case."""
    access = await open_case(request, APPLICANT_ONLY)
    runtime = request.app[PORTAL]
    posted = {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
    try:
        form = RevokeForm.model_validate(posted)
    except ValidationError:
        return await _render(request, access, {"form": STALE_MESSAGE}, {}, 422)
    written = await runtime.cases.revoke_representative(
        access.summary.case_id,
        actor=access.actor,
        expected_version=form.expected_version,
        representative_id=form.representative_id,
    )
    shown = await caught_up(runtime, written.position, CASE_PAGE)
    raise web.HTTPSeeOther(shown_after(page_url(access), shown))


async def _render(
    request: web.Request,
    access: CaseAccess,
    errors: dict[str, str],
    values: dict[str, Any],
    status: int = 200,
) -> web.Response:
    runtime = request.app[PORTAL]
    case = await read_case_file(runtime, access.summary.case_id)
    representatives = await emails_of(runtime, case.representative_ids)
    return render(
        "applicant/representatives.html",
        request,
        {
            "case": case_view(access.summary),
            # The file's, which lists the representatives shown: the forms act on this list.
            "version": case.version,
            "representatives": representatives,
            "errors": errors,
            "values": values,
        },
        status=status,
    )

"""Filling in a draft over the API: its task list and answers, saving a page, signing it."""

from typing import Any

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from immportal.domain.catalogue import (
    SectionState,
    is_complete,
    next_page,
    section_state,
    validate_page,
)
from immportal.i18n import N_
from immportal.web.api.application_view import Application, Signature, application_of, signature_of
from immportal.web.api.bodies import read_body, reply
from immportal.web.api.cases import CASE_PATH, case_url
from immportal.web.api.operations import Operation
from immportal.web.api.problems import ApiProblem
from immportal.web.applicant.access import APPLICANT_ONLY, FILERS
from immportal.web.apply.common import applications, open_draft, read_draft
from immportal.web.apply.declaration import CONFIRMED, check_signature
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.read_your_writes import CASE_LIST, caught_up

APPLICATION_PATH = f"{CASE_PATH}/application"
SENT = N_("This application was sent and can no longer be changed.")


class DateParts(BaseModel):
    """A date as the page's three boxes take it: month, day and year."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    month: int | str
    day: int | str
    year: int | str

    def typed(self) -> str:
        """The date as one text, M/D/YYYY, read by the same rules as the boxes."""
        return f"{self.month}/{self.day}/{self.year}"


class PageAnswers(BaseModel):
    """Every answer of one page, by question name (a missing one counts as blank)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    answers: dict[str, str | int | DateParts | None] = Field(
        description="Text, a whole number, or a date as YYYY-MM-DD or {month, day, year}. "
        "Identifiers are saved in one written form (A012345678, +12025550143, a country's "
        "ISO 3166 alpha-2 code): the reply shows them as saved."
    )


class SavedPage(BaseModel):
    """The page's answers as saved, and where the form goes next."""

    model_config = ConfigDict(frozen=True)

    page_id: str
    section: str
    answers: dict[str, Any]
    section_state: SectionState
    next_page: str | None = Field(description="The next page asked, or null after the last.")
    version: int


class SignDeclaration(BaseModel):
    """The applicant's full name as given in the application, and their confirmation."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    full_name: str = Field(max_length=300)
    confirm: bool = Field(description="True: the declaration is true.")


class Signed(BaseModel):
    """The signature recorded; the fee can be paid next."""

    model_config = ConfigDict(frozen=True)

    signature: Signature
    version: int
    payments_url: str


@allow(FILERS)
async def get_application(request: web.Request) -> web.Response:
    """The task list, the pages asked so far and the answers (read only once sent)."""
    return reply(application_of(await read_draft(request)))


@allow(FILERS)
async def save_page(request: web.Request) -> web.Response:
    """Check one page's answers and save them (422 with a message per field if refused)."""
    draft = await open_draft(request)
    page = draft.form.by_id.get(request.match_info["page_id"])
    if page is None:
        raise ApiProblem(404)
    if not draft.editable:
        raise ApiProblem(409, SENT, kind="application-sent")
    if not page.applies(draft.answers):
        detail = N_("This page is not asked, given the answers so far.")
        raise ApiProblem(409, detail, kind="page-not-asked")
    body = await read_body(request, PageAnswers)
    stray = {
        f"answers.{name}": N_("This page does not ask this question")
        for name in body.answers
        if name not in page.model.model_fields
    }
    if stray:
        raise ApiProblem(422, errors=stray)
    typed = {name: _typed(value) for name, value in body.answers.items()}
    clean, errors = validate_page(draft.form, page.id, typed)
    if errors:
        raise ApiProblem(422, errors={f"answers.{name}": text for name, text in errors.items()})
    written = await applications(request).save_page(
        draft.case_id, actor=draft.access.actor, section=page.section, answers=clean
    )
    # The client's next read of the application comes from the case file.
    await caught_up(request.app[PORTAL], written.position, CASE_LIST)
    case = await request.app[PORTAL].cases.get(draft.case_id)
    following = next_page(draft.form, case.answers, after=page.id)
    saved = SavedPage(
        page_id=page.id,
        section=page.section,
        answers=clean,
        section_state=section_state(draft.form, page.section, case.answers),
        next_page=following.id if following is not None else None,
        version=case.version,
    )
    return reply(saved)


def _typed(value: str | int | DateParts | None) -> str:
    if isinstance(value, DateParts):
        return value.typed()
    return "" if value is None else str(value)


@allow(FILERS)
async def sign_declaration(request: web.Request) -> web.Response:
    """Record the applicant's signature on a complete draft."""
    draft = await open_draft(request, APPLICANT_ONLY)
    if not draft.editable:
        raise ApiProblem(409, SENT, kind="application-sent")
    if not is_complete(draft.form, draft.answers):
        detail = N_("Answer every question the application asks before you sign it.")
        raise ApiProblem(409, detail, kind="application-incomplete")
    body = await read_body(request, SignDeclaration)
    typed = {"full_name": body.full_name, "confirm": CONFIRMED if body.confirm else ""}
    name, errors = check_signature(typed, draft.answers)
    if errors:
        raise ApiProblem(422, errors=errors)
    written = await applications(request).sign(
        draft.case_id, actor=draft.access.actor, full_name=name
    )
    # The fee operations read the case file, which must show the signature.
    await caught_up(request.app[PORTAL], written.position, CASE_LIST)
    case = await request.app[PORTAL].cases.get(draft.case_id)
    signature = signature_of(case)
    if signature is None:  # another tab changed an answer in between, voiding it
        raise ApiProblem(409, N_("An answer changed while signing. Check and sign again."))
    signed = Signed(
        signature=signature,
        version=case.version,
        payments_url=f"{case_url(draft.case_id)}/payments",
    )
    return reply(signed)


OPERATIONS = [
    Operation(
        "GET",
        APPLICATION_PATH,
        get_application,
        "getApplication",
        "The application's task list and answers",
        "applications",
        {200: Application},
    ),
    Operation(
        "PUT",
        f"{APPLICATION_PATH}/pages/{{page_id}}",
        save_page,
        "saveApplicationPage",
        "Save one page of answers",
        "applications",
        {200: SavedPage},
        body=PageAnswers,
        problems={
            409: "The application was sent, or the page is not asked given the answers.",
            422: "Answers refused: a message per field under `errors` (answers.NAME).",
        },
        description="Replaces the page's answers. Changing an answer voids a signature.",
    ),
    Operation(
        "POST",
        f"{APPLICATION_PATH}/declaration",
        sign_declaration,
        "signDeclaration",
        "Sign the declaration",
        "applications",
        {200: Signed},
        body=SignDeclaration,
        problems={
            409: "The application was sent, or is not complete yet.",
            422: "The name does not match the application, or confirm is not true.",
        },
        description="Only the applicant signs, once every page is answered.",
    ),
]

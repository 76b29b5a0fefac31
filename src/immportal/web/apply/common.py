"""What the filling pages share: the draft being filled in, its form, and its URLs."""

from collections.abc import Set
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from aiohttp import web

from immportal.domain.cases.case import Case
from immportal.domain.cases.permissions import Standing
from immportal.domain.cases.status import CaseStatus
from immportal.domain.catalogue import Answers, Form, Page, form_for
from immportal.domain.payments.fees import FeeAssessment, assess_fee, format_cents
from immportal.errors import NotFound
from immportal.i18n import _
from immportal.services.cases.applications import ApplicationService
from immportal.services.cases.files import CaseFile
from immportal.web.applicant.access import READERS, CaseAccess, open_case
from immportal.web.portal import PORTAL
from immportal.web.queries.case_files import read_case_file
from immportal.web.rendering import render

RETURN_FIELD = "return_to"
CHECK = "check"
"""The value of `return_to` (and of `?return=`) that leads back to check your answers."""


@dataclass(frozen=True)
class Draft:
    """A case opened for filling in: its file for a page, its events for a change."""

    access: CaseAccess
    case: Case | CaseFile
    form: Form

    @property
    def case_id(self) -> UUID:
        """The case's id."""
        return self.access.summary.case_id

    @property
    def answers(self) -> Answers:
        """The answers saved so far, by section."""
        return self.case.answers

    @property
    def editable(self) -> bool:
        """Only a draft can be filled in; a sent application is kept as it was sent."""
        return self.case.status is CaseStatus.DRAFT

    @property
    def is_applicant(self) -> bool:
        """Whether the signed-in person is the applicant (who alone signs and pays)."""
        return self.access.standing is Standing.APPLICANT

    @property
    def tasks_url(self) -> str:
        """The task list."""
        return f"/cases/{self.case_id}/apply"

    @property
    def check_url(self) -> str:
        """Check your answers."""
        return f"{self.tasks_url}/check"

    @property
    def declaration_url(self) -> str:
        """The declaration and signature."""
        return f"{self.tasks_url}/declaration"

    @property
    def fee(self) -> FeeAssessment:
        """The fee the answers come to if the application is sent today."""
        return assess_fee(self.case.form_type, self.answers, datetime.now(UTC).date())

    def page_url(self, page: Page, *, back_to_check: bool = False) -> str:
        """A question page, which may lead back to check your answers once saved."""
        url = f"{self.tasks_url}/{page.id}"
        return f"{url}?return={CHECK}" if back_to_check else url


async def open_draft(request: web.Request, allowed: Set[Standing] = READERS) -> Draft:
    """The URL's case for changing, from its events, if the person may (else not found).

    A change is checked against the case as it is, never against a read model that may
    not show the answer saved a moment ago.
    """
    access = await open_case(request, allowed)
    case = await request.app[PORTAL].cases.get(access.summary.case_id)
    return Draft(access, case, form_for(case.form_type))


async def read_draft(request: web.Request, allowed: Set[Standing] = READERS) -> Draft:
    """The URL's case for showing, from its case file, if the person may (else not found)."""
    access = await open_case(request, allowed)
    case = await read_case_file(request.app[PORTAL], access.summary.case_id)
    return Draft(access, case, form_for(case.form_type))


def applications(request: web.Request) -> ApplicationService:
    """The filling journey's use cases on the application's event store."""
    return request.app[PORTAL].applications


async def posted(request: web.Request) -> dict[str, str]:
    """The posted form's text fields (files and repeated names are not part of it)."""
    return {name: value for name, value in (await request.post()).items() if isinstance(value, str)}


def asked_page(draft: Draft, page_id: str) -> Page:
    """The URL's page if the form asks it now; not found, or back to the task list, if not."""
    page = draft.form.by_id.get(page_id)
    if page is None:
        raise NotFound(f"no page {page_id!r} on this form")
    if not page.applies(draft.answers):
        # Asked only after another answer, which was not given (or was changed).
        raise web.HTTPSeeOther(draft.tasks_url)
    return page


def already_sent(request: web.Request, draft: Draft) -> web.Response:
    """The page shown instead of a filling page once the application was sent or deleted."""
    return render(
        "apply/sent.html",
        request,
        {
            "title": _("This application can no longer be changed"),
            "case_id": draft.case_id,
            "form_type": draft.case.form_type,
            "status": draft.case.status.value,
            "fee": format_cents(draft.case.fee_cents),
            "fee_reason": draft.case.fee_reason,
        },
    )

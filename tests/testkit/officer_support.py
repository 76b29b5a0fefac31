"""What the officer workspace tests share: staff in offices, cases in queues, page reading."""

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from uuid import UUID

from aiohttp import ClientResponse

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from testkit.audit_support import table_rows
from testkit.e2e_support import Portal, new_applicant, parse_page, post_form
from testkit.signed_in_support import (
    PASSWORD,
    Person,
    browsers,
    open_account,
    sign_in_as,
    staff_service,
)

SignInStaff = Callable[[Role, str | None], Awaitable[Person]]


@asynccontextmanager
async def staff(portal: Portal) -> AsyncIterator[SignInStaff]:
    """Sign in new staff, each placed in an office (or none) and in their own browser."""
    async with browsers(portal) as open_browser:

        async def sign_in(role: Role, office: str | None = "NBC") -> Person:
            account_id, email, key = await open_account(portal, role)
            if office is not None:
                await staff_service(portal).assign_office(account_id, office, actor=Actor.system())
            browser = open_browser()
            await sign_in_as(browser, email, PASSWORD, key)
            return Person(browser, account_id, email, role)

        yield sign_in


async def case_at(portal: Portal, office: str = "NBC", form: FormType = FormType.I765) -> UUID:
    """An accepted case (version 4) of a new applicant, filed at an office on a form."""
    cases, applicant = portal.runtime.cases, new_applicant()
    case_id = await cases.start(
        actor=applicant, applicant_id=applicant.user_id, form_type=form, office=office
    )
    await cases.update(
        case_id, None, lambda c: c.save_answers(applicant, "about_you", {"family_name": "Doe"})
    )
    await cases.update(case_id, None, lambda c: c.submit(applicant, fee_cents=47_000))
    await cases.accept(case_id, actor=Actor.system())
    return case_id


@dataclass(frozen=True)
class Sent:
    """A posted action: the response and its page text."""

    response: ClientResponse
    html: str

    @property
    def status(self) -> int:
        """The HTTP status."""
        return self.response.status


async def act(
    person: Person, case_id: UUID, action: str, form: dict[str, str], *, version: int | None = None
) -> Sent:
    """Open the review page as the person, then post one action form from it."""
    page = await person.portal.client.get(f"/staff/cases/{case_id}")
    html = await page.text()
    token = parse_page(html).inputs.get("csrf_token", "")
    if version is None:
        version = (await person.portal.runtime.cases.get(case_id)).version
    response = await post_form(
        person.portal,
        f"/staff/cases/{case_id}/actions/{action}",
        {"expected_version": str(version), **form},
        token=token,
    )
    return Sent(response, await response.text())


def queue_cases(html: str) -> list[list[str]]:
    """The rows of the queue table, as cell texts."""
    return table_rows(html, "queue-row")

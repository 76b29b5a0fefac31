"""The scene the staff and auditor URL table is tried on: a case with everything a URL names.

One applicant's accepted case at NBC, booked for biometrics at Newark, with a document and
an authorized representative; two account recoveries waiting for an administrator; and
someone signed in, in their own browser, in every role (officers and supervisors both at
NBC, the case's office, and at CSC, another office).
"""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

from immportal.app.appointments import appointment_service
from immportal.domain.actor import Actor, Role
from immportal.domain.appointments.calendar import local_time
from immportal.services.appointments.ports import Booking
from immportal.web.identity.recovery import pages
from testkit import evidence_samples as samples
from testkit.appointment_support import NEWARK, accepted_case, fill_calendars, place
from testkit.e2e_support import Portal, form_token, post_form, wait_until_projected
from testkit.recovery_support import (
    START_SUBJECT,
    ask_for_link,
    open_recovery,
    person_with_app,
    token_of,
)
from testkit.signed_in_support import (
    PASSWORD,
    Person,
    browsers,
    open_account,
    sign_in_as,
    staff_service,
)

BOOKED_WITHIN = 10.0
"""Seconds the in-process booker may take to book the accepted case (normally milliseconds)."""
CASE_OFFICE, OTHER_OFFICE = "NBC", "CSC"
SEATS = {
    "applicant": (Role.APPLICANT, None),
    "representative": (Role.REPRESENTATIVE, None),
    "officer": (Role.OFFICER, CASE_OFFICE),
    "supervisor": (Role.SUPERVISOR, CASE_OFFICE),
    "auditor": (Role.AUDITOR, None),
    "analyst": (Role.ANALYST, None),
    "admin": (Role.ADMIN, None),
    "officer-elsewhere": (Role.OFFICER, OTHER_OFFICE),
    "supervisor-elsewhere": (Role.SUPERVISOR, OTHER_OFFICE),
}
"""Who is signed in: a name for each seat, the role, and the office (staff who adjudicate)."""


@dataclass(frozen=True)
class StaffScene:
    """The case, its booking and document, two recoveries, and one person per seat."""

    portal: Portal
    case_id: UUID
    document_id: UUID
    booking: Booking
    recovery_ids: tuple[UUID, UUID]
    people: dict[str, Person]

    @property
    def booking_day(self) -> str:
        """The day of the booking at Newark, as the day list names it."""
        return local_time(self.booking.slot.starts_at, place(NEWARK)).date().isoformat()


async def _booked(portal: Portal, case_id: UUID) -> Booking:
    """Wait (bounded) for the in-process booker to book the accepted case."""
    service = appointment_service(portal.runtime)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + BOOKED_WITHIN
    while loop.time() < deadline:
        booking = await service.current(case_id)
        if booking is not None:
            return booking
        await asyncio.sleep(0.05)
    raise AssertionError("the case was not booked")


async def _waiting_for_an_admin(portal: Portal, mailbox: Path) -> UUID:
    """Someone who lost their app asks an administrator to check them; the recovery's id."""
    person = await person_with_app(portal, mailbox)
    await ask_for_link(portal, person.email)
    link = await person.link(START_SUBJECT)
    await portal.client.get(link)
    token = await form_token(portal, pages.START_PATH)
    asked = await post_form(portal, pages.HELP_PATH, {"token": token_of(link)}, token=token)
    assert 200 == asked.status, await asked.text()
    return await open_recovery(person)


@asynccontextmanager
async def staff_scene(portal: Portal, mailbox: Path) -> AsyncIterator[StaffScene]:
    """Set the scene on a portal that mails into `mailbox`; browsers close afterwards."""
    runtime = portal.runtime
    await fill_calendars(runtime, NEWARK, days=30)
    recoveries = (
        await _waiting_for_an_admin(portal, mailbox),
        await _waiting_for_an_admin(portal, mailbox),
    )
    async with browsers(portal) as open_browser:
        people = {}
        for seat, (role, office) in SEATS.items():
            account_id, email, key = await open_account(portal, role)
            if office is not None:
                await staff_service(portal).assign_office(account_id, office, actor=Actor.system())
            browser = open_browser()
            await sign_in_as(browser, email, PASSWORD, key)
            people[seat] = Person(browser, account_id, email, role)
        applicant = people["applicant"].actor
        case_id = await accepted_case(runtime, applicant)
        booking = await _booked(portal, case_id)
        representative = str(people["representative"].account_id)
        version = (await runtime.cases.get(case_id)).version
        await runtime.cases.authorize_representative(
            case_id, actor=applicant, expected_version=version, representative_id=representative
        )
        document = await runtime.evidence.upload(
            case_id, applicant, samples.chunks_of(samples.pdf("Staff table")), "table.pdf"
        )
        await wait_until_projected(runtime, case_id, version + 1)
        yield StaffScene(portal, case_id, document.document_id, booking, recoveries, people)

"""Filing an application online sends it to a staffed office for its form and area."""

from uuid import UUID

import pytest

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.offices import ONLINE_INTAKE
from immportal.domain.cases.routing import Staffing
from immportal.services.cases.applications import ApplicationService
from immportal.services.cases.service import CaseService
from immportal.services.repository import Repository
from testkit.case_fakes import Receipts
from testkit.memory_store import MemoryEventStore

APPLICANT = Actor("applicant-1", Role.APPLICANT)


class FixedStaffing:
    """Staffing as a read model would report it, chosen by the test."""

    def __init__(self, offices: dict[str, Staffing]) -> None:
        self.offices = offices

    async def staffing(self) -> dict[str, Staffing]:
        """The offices given."""
        return self.offices


class World:
    """The case and application services over the in-memory store, with given staffing."""

    def __init__(self, offices: dict[str, Staffing]) -> None:
        self.store = MemoryEventStore()
        self.repository = Repository(self.store)
        self.cases = CaseService(self.repository, Receipts(), FixedStaffing(offices))
        self.applications = ApplicationService(self.repository, self.cases)

    async def draft(self, zip_code: str, form: FormType = FormType.I765) -> UUID:
        """A draft opened online with a mailing address in the ZIP code."""
        opened = await self.applications.start(actor=APPLICANT, form_type=form, key=zip_code)
        contact = {"postal_code": zip_code, "country": "US"}
        await self.applications.save_page(
            opened.case_id, actor=APPLICANT, section="contact", answers=contact
        )
        return opened.case_id

    async def file(self, case_id: UUID) -> Case:
        """Submit the draft with its fee paid; the case as filed."""
        await self.cases.update(case_id, None, lambda c: c.submit(APPLICANT, fee_cents=52_000))
        return await self.cases.get(case_id)


def staffed(open_cases: int = 0) -> Staffing:
    """An office with an officer and a supervisor."""
    return Staffing(officers=1, supervisors=1, open_cases=open_cases)


class TestRoutingAtFiling:
    """The office is chosen when the application is filed, and the event says why."""

    async def test_a_draft_waits_at_online_intake(self) -> None:
        """Before filing, a draft belongs to no office."""
        world = World({"CSC": staffed()})
        case = await world.cases.get(await world.draft("94105"))
        assert ONLINE_INTAKE == case.office

    async def test_filing_routes_to_the_staffed_office_for_the_area(self) -> None:
        """A San Francisco I-765 goes to the California Service Center, which has staff."""
        world = World({"CSC": staffed(), "VSC": staffed()})
        case = await world.file(await world.draft("94105"))
        assert "CSC" == case.office
        events = await world.store.read_stream(case.id)
        routed = [e for e in events if type(e).__name__ == "Routed"]
        assert [("ONLINE", "CSC", "system")] == [
            (e.from_office, e.office, e.actor_role)  # type: ignore[attr-defined]
            for e in routed
        ]

    async def test_the_least_loaded_office_takes_the_filing(self) -> None:
        """Area 2 is worked by Vermont and Potomac: the one with fewer open cases wins."""
        world = World({"VSC": staffed(open_cases=9), "PSC": staffed(open_cases=2)})
        assert "PSC" == (await world.file(await world.draft("20500"))).office

    async def test_without_staff_in_the_area_another_office_of_the_form(self) -> None:
        """No staff in the West: the Texas Service Center, which works I-765, takes it."""
        world = World({"TSC": staffed()})
        assert "TSC" == (await world.file(await world.draft("94105"))).office

    @pytest.mark.parametrize("form", list(FormType))
    async def test_no_staff_anywhere_still_leaves_intake(self, form: FormType) -> None:
        """With nobody placed anywhere, the filing goes to its area's office to wait."""
        world = World({})
        case = await world.file(await world.draft("94105", form))
        assert ONLINE_INTAKE != case.office

    async def test_a_case_opened_at_an_office_stays_there(self) -> None:
        """Cases the demo or tools open at an office are not moved when filed."""
        world = World({"CSC": staffed()})
        case_id = await world.cases.start(
            actor=APPLICANT, applicant_id=APPLICANT.user_id, form_type=FormType.I90, office="NBC"
        )
        assert "NBC" == (await world.file(case_id)).office

"""With the demo's staff, every form from every area is routed to an office that has people.

The staffing is read from the real read models (account_profiles, case_summary) through the
port the case service uses; a filing made online then lands at such an office, and its
officer finds it in their queue.
"""

import asyncio
import itertools
from datetime import UTC, datetime

import pytest

from immportal.adapters.postgres.accounts import PostgresEmailIndex
from immportal.dev.demo.accounts import demo_people, seed_demo_accounts
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.offices import OFFICES
from immportal.domain.cases.routing import AREAS, Reach, Staffing, choose_office, offices_for
from immportal.projections.office_staffing import office_staffing
from immportal.services.cases.applications import ApplicationService
from immportal.services.repository import Repository
from testkit.e2e_support import Portal, wait_until_projected
from testkit.signed_in_support import staff_service

PAIRS = list(itertools.product(FormType, sorted(AREAS)))
ZIP_OF_AREA = {area: f"{area}2345" for area in AREAS if area.isdigit()}


async def demo_staffing(portal: Portal) -> dict[str, Staffing]:
    """Seed the demo accounts; the staffing once account_profiles shows every office."""
    emails = PostgresEmailIndex(portal.runtime.pool)
    await seed_demo_accounts(
        staff_service(portal), portal.runtime.accounts, emails, datetime.now(UTC)
    )
    for _ in range(400):
        staffing = await office_staffing(portal.runtime.pool)
        if all(staffing.get(o.code, Staffing()).staffed for o in OFFICES):
            return staffing
        await asyncio.sleep(0.05)
    raise AssertionError(f"not every office is staffed: {staffing}")


class TestEveryFormAndAreaReachesStaff:
    """The routing table against the demo's staff, as the read models report it."""

    async def test_every_pair_goes_to_a_staffed_office_of_its_area(self, portal: Portal) -> None:
        """Each form and area pair: an office working that form there, with people."""
        staffing = await demo_staffing(portal)
        routed = {pair: choose_office(*pair, staffing) for pair in PAIRS}

        placed = [p for p in demo_people() if p.office is not None]
        assert len(placed) == sum(s.officers + s.supervisors for s in staffing.values())
        for (form, area), routing in routed.items():
            assert Reach.AREA is routing.reach, (form, area)
            assert routing.office in offices_for(form, area), (form, area)
            assert staffing[routing.office].staffed, (form, area)

    @pytest.mark.parametrize("area", ["0", "9", "7"])
    async def test_a_filing_lands_where_its_officer_sees_it(
        self, portal: Portal, area: str
    ) -> None:
        """An I-130 filed online from the area is at an office of its area, in its queue."""
        await demo_staffing(portal)
        runtime = portal.runtime
        applicant = Actor(f"applicant-{area}", Role.APPLICANT)
        applications = ApplicationService(Repository(runtime.store), runtime.cases)
        opened = await applications.start(actor=applicant, form_type=FormType.I130, key=area)
        contact = {"postal_code": ZIP_OF_AREA[area], "country": "US"}
        await applications.save_page(
            opened.case_id, actor=applicant, section="contact", answers=contact
        )
        await runtime.cases.update(
            opened.case_id, None, lambda c: c.submit(applicant, fee_cents=67_500)
        )
        case = await runtime.cases.get(opened.case_id)
        summary = await wait_until_projected(runtime, opened.case_id, case.version)

        assert case.office in offices_for(FormType.I130, area)
        assert case.office == summary.office

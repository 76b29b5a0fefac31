"""Appointments over the JSON API: the booked appointment, free times, moving it."""

import asyncio
from collections.abc import AsyncIterator
from typing import NamedTuple
from uuid import UUID

import pytest

from immportal.app.appointments import appointment_service
from immportal.domain.actor import Role
from immportal.services.appointments.ports import Booking
from testkit.api_support import problem, read, send
from testkit.appointment_support import NEWARK, accepted_case, fill_calendars
from testkit.e2e_support import Portal
from testkit.signed_in_support import Person, people

SECONDS = 10.0


class Scene(NamedTuple):
    """An applicant's case booked automatically at Newark."""

    applicant: Person
    case_id: UUID
    booking: Booking


async def booked(portal: Portal, case_id: UUID) -> Booking:
    """Wait (bounded) for the in-process booker to book the case."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SECONDS
    while loop.time() < deadline:
        booking = await appointment_service(portal.runtime).current(case_id)
        if booking is not None:
            return booking
        await asyncio.sleep(0.05)
    raise AssertionError("the case was not booked")


@pytest.fixture
async def scene(portal: Portal) -> AsyncIterator[Scene]:
    """Newark's calendar and a signed-in applicant's accepted case, booked."""
    await fill_calendars(portal.runtime, NEWARK)
    async with people(portal) as sign_in:
        applicant = await sign_in(Role.APPLICANT)
        case_id = await accepted_case(portal.runtime, applicant.actor)
        yield Scene(applicant, case_id, await booked(portal, case_id))


class TestAppointments:
    """The applicant reads and moves the biometrics appointment."""

    async def test_move_to_a_free_time(self, scene: Scene) -> None:
        """Choosing an offered slot moves the appointment; the same version again is 409."""
        portal, url = scene.applicant.portal, f"/api/v1/cases/{scene.case_id}/appointments"
        current = await read(portal, url)
        assert (True, None) == (current["can_reschedule"], current["interview"])
        assert "Newark" in current["biometrics"]["place"]
        centers = (await read(portal, f"{url}/slots"))["centers"]
        offered = [slot["slot_id"] for center in centers for slot in center["slots"]]
        chosen = next(slot for slot in offered if slot != scene.booking.slot.id)

        move = {"slot_id": chosen, "expected_version": current["version"]}
        response = await send(portal, "POST", f"{url}/reschedule", move)

        assert 200 == response.status, await response.text()
        moved = await response.json()
        now = await appointment_service(portal.runtime).current(scene.case_id)
        assert now is not None
        assert chosen == now.slot.id
        assert current["version"] < moved["version"]
        stale = await send(portal, "POST", f"{url}/reschedule", move)
        assert "urn:immportal:problem:stale-version" == (await problem(stale, 409))["type"]

    async def test_refused_slots(self, scene: Scene) -> None:
        """A slot that is not offered, or no slot, is a 422 about slot_id."""
        portal, url = scene.applicant.portal, f"/api/v1/cases/{scene.case_id}/appointments"
        version = (await read(portal, url))["version"]
        for slot_id in (0, 987_654_321):
            move = {"slot_id": slot_id, "expected_version": version}
            body = await problem(await send(portal, "POST", f"{url}/reschedule", move), 422)
            assert ["slot_id"] == list(body["errors"])

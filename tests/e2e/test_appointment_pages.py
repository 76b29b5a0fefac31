"""The appointment pages over HTTP: the applicant's page and rescheduling, the staff day list."""

import asyncio
import re
from collections.abc import AsyncIterator
from datetime import date
from typing import NamedTuple
from uuid import UUID

import pytest

from immportal.app.appointments import appointment_service
from immportal.domain.actor import Role
from immportal.domain.appointments.calendar import local_time
from immportal.domain.cases.status import CaseStatus
from immportal.formatting import full_date
from immportal.services.appointments.ports import Booking
from testkit.appointment_support import NEWARK, accepted_case, fill_calendars, place
from testkit.e2e_support import Portal, form_token, parse_page, post_form
from testkit.signed_in_support import Person, people

SECONDS = 10.0


class Scene(NamedTuple):
    """An applicant's case booked automatically at Newark, and an officer."""

    portal: Portal
    case_id: UUID
    applicant: Person
    officer: Person
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
    """Newark's calendar, an accepted case of a signed-in applicant, booked; an officer."""
    await fill_calendars(portal.runtime, NEWARK)
    async with people(portal) as sign_in:
        applicant, officer = await sign_in(Role.APPLICANT), await sign_in(Role.OFFICER)
        case_id = await accepted_case(portal.runtime, applicant.actor)
        yield Scene(portal, case_id, applicant, officer, await booked(portal, case_id))


class TestApplicantPages:
    """The applicant sees the appointment and moves it to a free time."""

    async def test_page_shows_when_where_and_what_to_bring(self, scene: Scene) -> None:
        """Date and time at the center, its address, what to bring, and the change button."""
        response = await scene.applicant.portal.client.get(f"/cases/{scene.case_id}/appointments")
        text = parse_page(await response.text()).text

        local = local_time(scene.booking.slot.starts_at, place(NEWARK))
        assert 200 == response.status
        for expected in ("970 Broad Street", "Newark, NJ 07102", full_date(local.date()),
                         "photo identity document", "Change appointment"):  # fmt: skip
            assert expected in text

    async def test_reschedule_to_another_time(self, scene: Scene) -> None:
        """A date first, then a time that day: the appointment moves to it."""
        path = f"/cases/{scene.case_id}/appointments/reschedule"
        days = _day_values(await (await scene.applicant.portal.client.get(path)).text())
        page = await scene.applicant.portal.client.get(
            path, params={"center": NEWARK, "day": days[1]}
        )
        html = await page.text()
        offered = [int(v) for v in _radio_values(html)]
        token = await form_token(scene.applicant.portal, path)
        version = (await scene.portal.runtime.cases.get(scene.case_id)).version
        chosen = next(s for s in offered if s != scene.booking.slot.id)

        response = await post_form(
            scene.applicant.portal,
            path,
            {"expected_version": str(version), "slot_id": str(chosen)},
            token=token,
        )

        assert 303 == response.status, await response.text()
        current = await appointment_service(scene.portal.runtime).current(scene.case_id)
        assert current is not None
        assert chosen == current.slot.id

    async def test_no_choice_is_a_clear_error(self, scene: Scene) -> None:
        """Sending the form without a time explains what to do and changes nothing."""
        path = f"/cases/{scene.case_id}/appointments/reschedule"
        token = await form_token(scene.applicant.portal, path)
        version = (await scene.portal.runtime.cases.get(scene.case_id)).version

        response = await post_form(
            scene.applicant.portal, path, {"expected_version": str(version)}, token=token
        )

        assert 422 == response.status
        assert ["Choose a new time for your appointment"] == parse_page(
            await response.text()
        ).error_summary


class TestStaffDayList:
    """Officers see the day's appointments and record attendance; applicants cannot."""

    async def test_officer_records_attendance(self, scene: Scene) -> None:
        """The booking is on the day list; Attended moves the case on."""
        day = local_time(scene.booking.slot.starts_at, place(NEWARK)).date().isoformat()
        path = f"/staff/appointments?location={NEWARK}&day={day}"
        listing = await scene.officer.portal.client.get(path)
        receipt = (await scene.portal.runtime.cases.get(scene.case_id)).receipt_number
        token = await form_token(scene.officer.portal, path)

        response = await post_form(
            scene.officer.portal,
            "/staff/appointments/attended",
            {"booking_id": str(scene.booking.id), "location": NEWARK, "day": day},
            token=token,
        )

        assert receipt is not None
        assert receipt in parse_page(await listing.text()).text
        assert 303 == response.status
        case = await scene.portal.runtime.cases.get(scene.case_id)
        assert CaseStatus.BIOMETRICS_ATTENDED is case.status

    async def test_applicants_cannot_reach_the_day_list(self, scene: Scene) -> None:
        """An applicant gets the not-found page, and their post changes nothing."""
        client = scene.applicant.portal.client
        listing = await client.get("/staff/appointments", allow_redirects=False)
        token = await form_token(scene.applicant.portal, "/cases")
        posted = await post_form(
            scene.applicant.portal,
            "/staff/appointments/attended",
            {"booking_id": str(scene.booking.id), "location": NEWARK, "day": "2030-01-02"},
            token=token,
        )

        assert (404, 404) == (listing.status, posted.status)
        case = await scene.portal.runtime.cases.get(scene.case_id)
        assert CaseStatus.BIOMETRICS_SCHEDULED is case.status


def _radio_values(html: str) -> list[str]:
    """The values of the page's slot radio buttons."""
    return re.findall(r'name="slot_id" value="(\d+)"', html)


def _day_values(html: str) -> list[str]:
    """The dates offered in the page's date list (ISO format), in page order."""
    return re.findall(r'<option value="(\d{4}-\d{2}-\d{2})"', html)


class TestChoosingFromTheWholeCalendar:
    """Every free day of the calendar window is offered, earliest first, then its times."""

    async def test_every_free_day_then_every_free_time(self, scene: Scene) -> None:
        """The dates are the days with a free slot; a date's times are its free slots."""
        path = f"/cases/{scene.case_id}/appointments/reschedule"
        client = scene.applicant.portal.client
        days = _day_values(await (await client.get(path)).text())
        pool, zone = scene.portal.runtime.pool, place(NEWARK).timezone
        expected = await pool.fetch(
            "SELECT DISTINCT (starts_at AT TIME ZONE $2)::date AS day FROM appointment_slots"
            " WHERE location_code = $1 AND booked < capacity"
            " AND starts_at >= now() + interval '1 day' ORDER BY 1",
            NEWARK,
            zone,
        )
        # Slots exist for 40 days: far beyond the old 8 soonest times.
        assert [r["day"].isoformat() for r in expected] == days
        assert len(days) > 20
        last = await client.get(path, params={"center": NEWARK, "day": days[-1]})
        times = await pool.fetch(
            "SELECT id FROM appointment_slots WHERE location_code = $1 AND booked < capacity"
            " AND (starts_at AT TIME ZONE $2)::date = $3 ORDER BY starts_at",
            NEWARK,
            zone,
            date.fromisoformat(days[-1]),
        )
        assert [str(r["id"]) for r in times] == _radio_values(await last.text())

    async def test_a_wrong_date_is_explained(self, scene: Scene) -> None:
        """A date that is not a date, or a place that is not a center, asks to choose again."""
        path = f"/cases/{scene.case_id}/appointments/reschedule"
        client = scene.applicant.portal.client
        bad_day = await client.get(path, params={"center": NEWARK, "day": "soon"})
        bad_place = await client.get(path, params={"center": "FO-NYC", "day": "2030-01-02"})
        for response in (bad_day, bad_place):
            assert ["Choose a date from the list"] == parse_page(
                await response.text()
            ).error_summary


class TestCalendarFile:
    """The booked appointment downloads as an iCalendar file; the page links a map."""

    async def test_ics_download(self, scene: Scene) -> None:
        """RFC 5545: CRLF lines of at most 75 octets, UTC start, escaped commas."""
        response = await scene.applicant.portal.client.get(
            f"/cases/{scene.case_id}/appointments/appointment.ics"
        )
        body = await response.read()
        lines = body.decode().split("\r\n")
        start = scene.booking.slot.starts_at.strftime("%Y%m%dT%H%M%SZ")

        assert 200 == response.status
        assert response.headers["Content-Type"].startswith("text/calendar")
        assert "attachment" in response.headers["Content-Disposition"]
        assert body.endswith(b"END:VCALENDAR\r\n")
        assert all(len(line.encode()) <= 75 for line in lines)
        unfolded = body.decode().replace("\r\n ", "")
        assert f"DTSTART:{start}" in unfolded
        assert "970 Broad Street\\, Newark\\, NJ 07102" in unfolded
        assert f"UID:biometrics-{scene.case_id}@" in unfolded

    async def test_page_links_the_map_and_the_file(self, scene: Scene) -> None:
        """The appointment page offers the calendar file and an OpenStreetMap link."""
        html = await (
            await scene.applicant.portal.client.get(f"/cases/{scene.case_id}/appointments")
        ).text()
        assert f'href="/cases/{scene.case_id}/appointments/appointment.ics"' in html
        assert 'href="https://www.openstreetmap.org/search?query=970+Broad+Street' in html

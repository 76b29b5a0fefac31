"""The automatic booker: biometrics at the nearest center with room, once per case."""

import asyncio
from datetime import UTC, datetime, timedelta
from uuid import UUID

from immportal.app.appointments import auto_booker
from immportal.app.container import Runtime
from immportal.app.workers import running
from immportal.domain.appointments.rules import MIN_NOTICE
from immportal.domain.cases.status import CaseStatus
from testkit.appointment_support import (
    BROOKLYN,
    NEWARK,
    accepted_case,
    fill_calendars,
    new_applicant,
    take_every_place,
)
from testkit.appointment_support import place as place_of

SECONDS = 10.0


async def scheduled(runtime: Runtime, case_id: UUID) -> tuple[datetime, str]:
    """Wait (bounded) until the case has its biometrics appointment; return time and place."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SECONDS
    while loop.time() < deadline:
        case = await runtime.cases.get(case_id)
        if case.status is CaseStatus.BIOMETRICS_SCHEDULED:
            assert case.biometrics_at is not None
            assert case.biometrics_location is not None
            return case.biometrics_at, case.biometrics_location
        await asyncio.sleep(0.05)
    raise AssertionError(f"case {case_id} was not booked in {SECONDS}s")


async def live_bookings(runtime: Runtime, case_id: UUID) -> int:
    """Places the case holds or has booked."""
    count: int = await runtime.pool.fetchval(
        "SELECT count(*) FROM appointment_bookings WHERE case_id = $1 AND status <> 'released'",
        case_id,
    )
    return count


class TestAutomaticBooking:
    """After acceptance, a case is booked at the nearest support center with a free slot."""

    async def test_nearest_center_by_zip(self, runtime: Runtime) -> None:
        """A Brooklyn address goes to Brooklyn, a Newark address to Newark, 3+ days ahead."""
        await fill_calendars(runtime, NEWARK, BROOKLYN)
        in_brooklyn = await accepted_case(runtime, new_applicant(), zip_code="11216")
        in_newark = await accepted_case(runtime, new_applicant(), zip_code="07102")

        async with running([auto_booker(runtime).run()]):
            brooklyn_at, brooklyn = await scheduled(runtime, in_brooklyn)
            _, newark = await scheduled(runtime, in_newark)

        assert place_of(BROOKLYN).name == brooklyn
        assert place_of(NEWARK).name == newark
        # People get at least three days' notice (less the moments this test took).
        assert brooklyn_at - datetime.now(UTC) >= MIN_NOTICE - timedelta(minutes=1)
        assert 5 == (await runtime.cases.get(in_brooklyn)).version

    async def test_full_center_goes_to_the_next_nearest(self, runtime: Runtime) -> None:
        """With every Newark slot taken, a Newark applicant is booked in Brooklyn."""
        await fill_calendars(runtime, NEWARK, BROOKLYN)
        await take_every_place(runtime.pool, NEWARK)
        case_id = await accepted_case(runtime, new_applicant(), zip_code="07102")

        async with running([auto_booker(runtime).run()]):
            _, location = await scheduled(runtime, case_id)

        assert place_of(BROOKLYN).name == location

    async def test_replay_after_restart_books_once(self, runtime: Runtime) -> None:
        """A worker reading the log again from the start makes no second booking."""
        await fill_calendars(runtime, NEWARK)
        case_id = await accepted_case(runtime, new_applicant())
        async with running([auto_booker(runtime).run()]):
            first = await scheduled(runtime, case_id)

        await runtime.pool.execute("UPDATE appointment_worker_positions SET position = 0")
        again = auto_booker(runtime)
        async with running([again.run()]):
            head = await runtime.store.head()
            while again.position < head:  # noqa: ASYNC110 - polling the worker's progress
                await asyncio.sleep(0.05)

        case = await runtime.cases.get(case_id)
        assert (5, first) == (case.version, (case.biometrics_at, case.biometrics_location))
        assert 1 == await live_bookings(runtime, case_id)

    async def test_no_free_slot_leaves_the_case_waiting(self, runtime: Runtime) -> None:
        """Without any free slot the case stays accepted and nothing is held for it."""
        case_id = await accepted_case(runtime, new_applicant())
        booker = auto_booker(runtime)
        async with running([booker.run()]):
            head = await runtime.store.head()
            while booker.position < head:  # noqa: ASYNC110 - polling the worker's progress
                await asyncio.sleep(0.05)

        assert CaseStatus.ACCEPTED is (await runtime.cases.get(case_id)).status
        assert 0 == await live_bookings(runtime, case_id)

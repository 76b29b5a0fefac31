"""Cases with chosen timestamps, for processing-time tests (known data, hand-checked numbers)."""

import asyncio
from datetime import datetime, timedelta
from uuid import UUID, uuid4

from immportal.adapters.postgres.connection import connect
from immportal.app.container import Runtime
from immportal.dev.demo.history import PlannedCase, Step
from immportal.dev.demo.history_events import case_events
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.status import CaseStatus
from immportal.projections.case_milestones import CaseMilestonesProjection
from immportal.projections.engine import ensure_projection, process_batch
from immportal.projections.status import projection_statuses


def decided_plan(
    form: FormType, office: str, accepted_at: datetime, days: float, *, deny: bool = False
) -> PlannedCase:
    """A case accepted at `accepted_at` and decided `days` later."""
    decided_at = accepted_at + timedelta(days=days)
    step = (decided_at - accepted_at) / 8
    kinds = ["schedule_biometrics", "attend_biometrics", "assign"]
    kinds += ["propose_denial", "review"] if deny else ["propose_approval"]
    steps = [Step("start", accepted_at - timedelta(days=3)), Step("submit", accepted_at - step)]
    steps.append(Step("accept", accepted_at))
    for n, kind in enumerate(kinds, start=1):
        held = accepted_at + step * 2 if kind == "schedule_biometrics" else None
        steps.append(Step(kind, accepted_at + step * n, appointment_at=held))
    steps.append(Step("issue", decided_at))
    status = CaseStatus.DENIED if deny else CaseStatus.APPROVED
    return PlannedCase(f"applicant-{uuid4().hex[:8]}", form, office, status, tuple(steps))


def open_plan(form: FormType, office: str, accepted_at: datetime) -> PlannedCase:
    """A case accepted at `accepted_at` and waiting for its biometrics appointment."""
    steps = (
        Step("start", accepted_at - timedelta(days=2)),
        Step("submit", accepted_at - timedelta(days=1)),
        Step("accept", accepted_at),
        Step(
            "schedule_biometrics",
            accepted_at + timedelta(hours=1),
            appointment_at=accepted_at + timedelta(days=20),
        ),
    )
    return PlannedCase(
        f"applicant-{uuid4().hex[:8]}", form, office, CaseStatus.BIOMETRICS_SCHEDULED, steps
    )


async def write_plans(runtime: Runtime, plans: list[PlannedCase]) -> list[UUID]:
    """Append the planned cases' events in one go; return their ids."""
    ids, events = [], []
    for plan in plans:
        case_id = uuid4()
        events.extend(case_events(plan, case_id, f"IOE26{uuid4().int % 10**8:08d}"))
        ids.append(case_id)
    await runtime.store.append(events)
    return ids


async def project_milestones(runtime: Runtime) -> None:
    """Bring the case_milestones read model up to the head of the log, here and now."""
    projection = CaseMilestonesProjection()
    conn = await connect(runtime.dsn, role=runtime.settings.database_app_role)
    try:
        await ensure_projection(conn, projection)
        while (await process_batch(conn, runtime.store, projection, 1000)).read:
            pass
    finally:
        await conn.close()


async def milestones_caught_up(runtime: Runtime, *, seconds: float = 10.0) -> None:
    """Wait until the running case_milestones worker has reached the head of the log."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while loop.time() < deadline:
        statuses = {s.name: s for s in await projection_statuses(runtime.pool)}
        status = statuses.get(CaseMilestonesProjection.name)
        if status is not None and status.lag == 0 and status.leader_running:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("case_milestones did not catch up")

"""Cases of a signed-in applicant received on a chosen day, among decisions of known length."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from uuid import UUID

from immportal.domain.cases.forms import FormType
from testkit.e2e_support import Portal, wait_until_projected
from testkit.milestone_support import decided_plan, milestones_caught_up, open_plan, write_plans
from testkit.signed_in_support import Person

OPEN_PLAN_VERSION = 4
"""Started, submitted, accepted, biometrics scheduled."""


async def five_decisions_at_nbc(portal: Portal) -> None:
    """Five I-765 decisions at NBC that took 10, 20, 30, 40 and 100 days, and one at PSC.

    At NBC: median 30 days (1 month), 80th percentile 52 days (2 months, rounded up).
    Over both offices (5, 10, 20, 30, 40, 100): median 25 days, 80th percentile 40 days.
    """
    decided_on = datetime.now(UTC) - timedelta(days=3)
    plans = [
        decided_plan(FormType.I765, "NBC", decided_on - timedelta(days=d), d)
        for d in (10, 20, 30, 40, 100)
    ]
    plans.append(decided_plan(FormType.I765, "PSC", decided_on - timedelta(days=5), 5))
    await write_plans(portal.runtime, plans)
    await milestones_caught_up(portal.runtime)


async def case_received(person: Person, days_ago: int, office: str = "NBC") -> UUID:
    """An I-765 of the person's, accepted `days_ago` days ago and waiting for biometrics."""
    accepted_at = datetime.now(UTC) - timedelta(days=days_ago)
    plan = replace(
        open_plan(FormType.I765, office, accepted_at), applicant_id=str(person.account_id)
    )
    (case_id,) = await write_plans(person.portal.runtime, [plan])
    await wait_until_projected(person.portal.runtime, case_id, OPEN_PLAN_VERSION)
    return case_id

"""Demonstration cases in realistic states, for the dev portal and benchmarks."""

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from immportal.domain.actor import Actor, Role
from immportal.domain.case import Case
from immportal.domain.forms import FormType
from immportal.services.cases import CaseService

OFFICER = Actor("officer-ana-ruiz", Role.OFFICER)
SECOND_OFFICER = Actor("officer-ben-okafor", Role.OFFICER)
SUPERVISOR = Actor("supervisor-chen-li", Role.SUPERVISOR)
SYSTEM = Actor.system()

Step = Callable[[Case], None]


FIRST_NAMES = ("Maria", "Wei", "Amina", "Carlos", "Olena", "Tunde")


def _steps(applicant: Actor, depth: int, first_name: str) -> list[Step]:
    """The first `depth` steps of a typical case, each a command."""
    contact = {"given_name": first_name, "email": f"{first_name.lower()}@example.test"}
    soon = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=14)
    all_steps: list[Step] = [
        lambda c: c.save_answers(applicant, "contact", contact),
        lambda c: c.submit(applicant, fee_cents=47_000),
        lambda c: None,  # acceptance issues a receipt number through the service
        lambda c: c.schedule_biometrics(SYSTEM, soon, "Application Support Center, Newark"),
        lambda c: c.record_biometrics_attended(OFFICER),
        lambda c: c.assign(SUPERVISOR, OFFICER.user_id),
        lambda c: c.request_evidence(
            OFFICER,
            ["Proof of continuous residence"],
            date.today() + timedelta(days=87),
            "The lease covers only part of the period.",
        ),
        lambda c: c.receive_evidence(applicant, ["doc-1"]),
        lambda c: c.propose_decision(
            OFFICER, "approve", "All eligibility requirements are met.", "INA 316", False
        ),
        lambda c: c.issue_decision(OFFICER),
    ]
    return all_steps[:depth]


# (form, office, how many steps in)
DEMO_CASES = [
    (FormType.I90, "NBC", 1),
    (FormType.I765, "NBC", 3),
    (FormType.I130, "CSC", 4),
    (FormType.N400, "NYC", 7),
    (FormType.N400, "NYC", 8),
    (FormType.I765, "NBC", 10),
]


async def seed_demo_cases(cases: CaseService) -> list[UUID]:
    """Create the demonstration cases; return their ids."""
    ids = []
    for number, (form, office, depth) in enumerate(DEMO_CASES, start=1):
        applicant = Actor(f"applicant-{number}", Role.APPLICANT)
        case_id = await cases.start(
            actor=applicant, applicant_id=applicant.user_id, form_type=form, office=office
        )
        steps = _steps(applicant, depth, FIRST_NAMES[(number - 1) % len(FIRST_NAMES)])
        for index, step in enumerate(steps):
            if index == 2:
                await cases.accept(case_id, actor=SYSTEM)
            else:
                await cases.update(case_id, None, step)
        ids.append(case_id)
    return ids

"""Demonstration cases in realistic states, for the dev portal and benchmarks."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.services.cases.service import CaseService

OFFICER = Actor("officer-ana-ruiz", Role.OFFICER)
SECOND_OFFICER = Actor("officer-ben-okafor", Role.OFFICER)
SUPERVISOR = Actor("supervisor-chen-li", Role.SUPERVISOR)
SYSTEM = Actor.system()

Step = Callable[[Case], None]


@dataclass(frozen=True)
class DemoApplicant:
    """The person a demo case is for, as its form's "applicant" section names them."""

    user_id: str
    given_name: str
    family_name: str
    date_of_birth: date
    email: str

    def applicant_answers(self) -> dict[str, str]:
        """The "applicant" section; account recovery finds a case by its date_of_birth."""
        return {
            "given_name": self.given_name,
            "family_name": self.family_name,
            "date_of_birth": self.date_of_birth.isoformat(),
        }

    def contact_answers(self) -> dict[str, str]:
        """The "contact" section: where notices about the case are emailed."""
        return {"given_name": self.given_name, "email": self.email}


@dataclass(frozen=True)
class DemoOwners:
    """The demo accounts the demo cases belong to, when they exist (development mode)."""

    applicant_id: str
    given_name: str
    family_name: str
    email: str
    representative_id: str | None = None


# (given name, family name, date of birth) of the applicants when no demo account exists.
DEMO_PEOPLE = (
    ("Maria", "Garcia", date(1987, 4, 12)),
    ("Wei", "Zhang", date(1990, 11, 3)),
    ("Amina", "Yusuf", date(1979, 6, 25)),
    ("Carlos", "Mendoza", date(1984, 1, 30)),
    ("Olena", "Kovalenko", date(1995, 9, 8)),
    ("Tunde", "Adeyemi", date(1972, 12, 17)),
)
OWNER_DATE_OF_BIRTH = date(1987, 4, 12)
REPRESENTED_CASE = 4
"""Which demo case (counting from 1) the demo representative acts on."""


def _steps(applicant: DemoApplicant, depth: int, representative_id: str | None) -> list[Step]:
    """The first `depth` steps of a typical case, each a command."""
    actor = Actor(applicant.user_id, Role.APPLICANT)
    soon = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=14)

    def answer(case: Case) -> None:
        case.save_answers(actor, "applicant", applicant.applicant_answers())
        case.save_answers(actor, "contact", applicant.contact_answers())
        if representative_id is not None:
            case.authorize_representative(actor, representative_id)

    all_steps: list[Step] = [
        answer,
        lambda c: c.submit(actor, fee_cents=47_000),
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
        lambda c: c.receive_evidence(actor, ["doc-1"]),
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


def demo_applicant(number: int, owners: DemoOwners | None) -> DemoApplicant:
    """Who demo case `number` is for: the demo account's holder, or a made-up applicant."""
    if owners is not None:
        return DemoApplicant(
            owners.applicant_id,
            owners.given_name,
            owners.family_name,
            OWNER_DATE_OF_BIRTH,
            owners.email,
        )
    given, family, born = DEMO_PEOPLE[(number - 1) % len(DEMO_PEOPLE)]
    return DemoApplicant(
        f"applicant-{number}", given, family, born, f"{given.lower()}@example.test"
    )


async def seed_demo_cases(cases: CaseService, owners: DemoOwners | None = None) -> list[UUID]:
    """Create the demonstration cases (of the demo accounts, if given); return their ids."""
    ids = []
    for number, (form, office, depth) in enumerate(DEMO_CASES, start=1):
        applicant = demo_applicant(number, owners)
        actor = Actor(applicant.user_id, Role.APPLICANT)
        case_id = await cases.start(
            actor=actor, applicant_id=applicant.user_id, form_type=form, office=office
        )
        represented = owners is not None and number == REPRESENTED_CASE
        representative_id = owners.representative_id if owners and represented else None
        for index, step in enumerate(_steps(applicant, depth, representative_id)):
            if index == 2:
                await cases.accept(case_id, actor=SYSTEM)
            else:
                await cases.update(case_id, None, step)
        ids.append(case_id)
    return ids

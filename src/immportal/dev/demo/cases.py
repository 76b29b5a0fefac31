"""Demonstration cases in realistic states, for the dev portal and benchmarks."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from immportal.dev.demo.answers import Filer, filled_answers
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.domain.payments.fees import assess_fee
from immportal.services.cases.service import CaseService

# Who works the demo cases when there are no demo accounts (`demo seed` outside dev mode).
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
    sex: str = "female"

    def filer(self, number: int) -> Filer:
        """The applicant as they fill in a form; demo case `number` gives the home."""
        line1, city, state, postal_code = DEMO_HOMES[(number - 1) % len(DEMO_HOMES)]
        return Filer(
            given_name=self.given_name,
            family_name=self.family_name,
            date_of_birth=self.date_of_birth,
            sex=self.sex,
            email=self.email,
            phone=f"201 555 01{number % 100:02d}",
            line1=line1,
            city=city,
            state=state,
            postal_code=postal_code,
        )

    def answers(self, form_type: str, number: int) -> dict[str, dict[str, Any]]:
        """Every section of the form as the applicant answered it (account recovery finds a
        case by the applicant section's date_of_birth)."""
        answers = filled_answers(form_type, self.filer(number))
        # The case_contacts read model greets the applicant by the contact section's
        # given_name; the form keeps the name in the applicant section.
        contact = {**answers.get("contact", {}), "given_name": self.given_name}
        return {**answers, "contact": contact}


@dataclass(frozen=True)
class DemoStaff:
    """The demo officer and supervisor of one office, by account id."""

    officer_id: str
    supervisor_id: str

    @property
    def officer(self) -> Actor:
        """The officer as events record them."""
        return Actor(self.officer_id, Role.OFFICER)

    @property
    def supervisor(self) -> Actor:
        """The supervisor as events record them."""
        return Actor(self.supervisor_id, Role.SUPERVISOR)


NO_ACCOUNTS = DemoStaff(OFFICER.user_id, SUPERVISOR.user_id)


@dataclass(frozen=True)
class DemoOwners:
    """The demo accounts the demo cases belong to, when they exist (development mode)."""

    applicant_id: str
    given_name: str
    family_name: str
    email: str
    representative_id: str | None = None
    staff: Mapping[str, DemoStaff] = field(default_factory=dict)
    """Each office's demo officer and supervisor, who work its demo cases."""


# (given name, family name, date of birth, sex) of the applicants when no demo account exists.
DEMO_PEOPLE = (
    ("Maria", "Garcia", date(1987, 4, 12), "female"),
    ("Wei", "Zhang", date(1990, 11, 3), "male"),
    ("Amina", "Yusuf", date(1979, 6, 25), "female"),
    ("Carlos", "Mendoza", date(1984, 1, 30), "male"),
    ("Olena", "Kovalenko", date(1995, 9, 8), "female"),
    ("Tunde", "Adeyemi", date(1972, 12, 17), "male"),
)
# (street, city, state, ZIP) of the demo cases' mailing addresses, made up.
DEMO_HOMES = (
    ("14 Orchard Street", "Newark", "NJ", "07102"),
    ("220 Maple Avenue", "Jersey City", "NJ", "07304"),
    ("9 Harbor Lane", "Salem", "MA", "01970"),
    ("77 Linden Road", "Queens", "NY", "11368"),
    ("3 Willow Court", "Brooklyn", "NY", "11215"),
    ("58 Cedar Street", "Newark", "NJ", "07105"),
)
OWNER_DATE_OF_BIRTH = date(1987, 4, 12)
REPRESENTED_CASE = 4
"""Which demo case (counting from 1) the demo representative acts on."""


def file_with_fee(case: Case, actor: Actor) -> None:
    """File the case with the fee its answers come to today, and the reason for it."""
    today = datetime.now(UTC).date()
    fee = assess_fee(case.form_type, case.answers, today)
    if fee.exempt:
        case.submit_without_fee(actor, today)
        return
    case.submit(actor, fee.amount_cents, fee_reason=fee.reason, fee_rule=fee.rule_id)


def _steps(
    applicant: DemoApplicant,
    number: int,
    depth: int,
    representative_id: str | None,
    staff: DemoStaff = NO_ACCOUNTS,
) -> list[Step]:
    """The first `depth` steps of a typical case, each a command, worked by the office's staff."""
    actor = Actor(applicant.user_id, Role.APPLICANT)
    officer, supervisor = staff.officer, staff.supervisor
    soon = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=14)

    def answer(case: Case) -> None:
        for section, answers in applicant.answers(case.form_type, number).items():
            case.save_answers(actor, section, answers)
        if representative_id is not None:
            case.authorize_representative(actor, representative_id)

    all_steps: list[Step] = [
        answer,
        lambda c: file_with_fee(c, actor),
        lambda c: None,  # acceptance issues a receipt number through the service
        lambda c: c.schedule_biometrics(SYSTEM, soon, "Application Support Center, Newark"),
        lambda c: c.record_biometrics_attended(officer),
        lambda c: c.assign(supervisor, officer.user_id),
        lambda c: c.request_evidence(
            officer,
            ["Proof of continuous residence"],
            date.today() + timedelta(days=87),
            "The lease covers only part of the period.",
        ),
        lambda c: c.receive_evidence(actor, ["doc-1"]),
        lambda c: c.propose_decision(
            officer, "approve", "All eligibility requirements are met.", "INA 316", False
        ),
        lambda c: c.issue_decision(officer),
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
    given, family, born, sex = DEMO_PEOPLE[(number - 1) % len(DEMO_PEOPLE)]
    return DemoApplicant(
        f"applicant-{number}", given, family, born, f"{given.lower()}@example.test", sex
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
        staff = (owners.staff if owners else {}).get(office, NO_ACCOUNTS)
        steps = _steps(applicant, number, depth, representative_id, staff)
        for index, step in enumerate(steps):
            if index == 2:
                await cases.accept(case_id, actor=SYSTEM)
            else:
                await cases.update(case_id, None, step)
        ids.append(case_id)
    return ids

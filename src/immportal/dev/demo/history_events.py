"""Turn planned synthetic cases into back-dated events and write them in a few appends.

Each case runs the real Case commands, so every step obeys the lifecycle's rules;
only then are its recorded events given the planned times. This is for demonstration
data alone: no command of the portal accepts a time from the person using it.

Each case is answered in full before it is filed (a draft about half way), by one of a
few made-up people with no email address, so nobody is ever written to about them.
"""

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any, Protocol
from uuid import UUID, uuid4

from eventsourcing.domain import DomainEventProtocol

from immportal.dev.demo.answers import Filer, filled_answers
from immportal.dev.demo.cases import DemoStaff
from immportal.dev.demo.history import DEFAULT_SEED, PlannedCase, Step, plan_history
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.status import CaseStatus
from immportal.domain.payments.fees import assess_fee
from immportal.services.cases.ports import ReceiptNumberIssuer
from immportal.services.cases.service import ONLINE_FILING_CODE

SYSTEM = Actor.system()
APPEND_SIZE = 2000
"""Events per append: each append is one transaction of the group-commit writer."""

Command = Callable[[Case, Step, "_People"], None]
# (given name, family name, date of birth, sex) of the made-up filers, in turn.
SYNTHETIC_PEOPLE = (
    ("Lucia", "Fernandez", date(1985, 2, 14), "female"),
    ("Arjun", "Mehta", date(1991, 7, 30), "male"),
    ("Fatima", "Haddad", date(1978, 10, 5), "female"),
    ("Minh", "Tran", date(1969, 3, 22), "male"),
    ("Grace", "Mwangi", date(1993, 12, 1), "female"),
    ("Sergei", "Ivanov", date(1982, 6, 18), "male"),
    ("Yuki", "Tanaka", date(1988, 9, 9), "female"),
    ("Kofi", "Boateng", date(1975, 4, 27), "male"),
)
ANSWERED_EVERY = timedelta(seconds=1)
"""How far apart a synthetic case's sections are saved, right after it is started."""


class EventAppender(Protocol):
    """Appends events atomically (the event store)."""

    async def append(self, events: Sequence[DomainEventProtocol[UUID]]) -> list[int]:
        """Append events of one or more aggregates; return their positions."""
        ...


@dataclasses.dataclass(frozen=True)
class _People:
    """Who acts on a synthetic case: its applicant and the staff of its office.

    The office's demo accounts where they exist, so that pages name them as they name
    everyone; made-up ids otherwise.
    """

    applicant: Actor
    receipt_number: str | None
    staff: Mapping[str, DemoStaff] = dataclasses.field(default_factory=dict)

    def officer(self, case: Case) -> Actor:
        if case.office in self.staff:
            return self.staff[case.office].officer
        return Actor(f"officer-{case.office.lower()}-synthetic", Role.OFFICER)

    def supervisor(self, case: Case) -> Actor:
        if case.office in self.staff:
            return self.staff[case.office].supervisor
        return Actor(f"supervisor-{case.office.lower()}-synthetic", Role.SUPERVISOR)


def _propose(outcome: str, review: bool) -> Command:
    def propose(case: Case, _step: Step, people: _People) -> None:
        reason = (
            "All eligibility requirements are met."
            if outcome == "approve"
            else ("The evidence does not establish eligibility.")
        )
        case.propose_decision(people.officer(case), outcome, reason, "INA 316", review)

    return propose


def _appointment(step: Step) -> datetime:
    assert step.appointment_at is not None, f"{step.kind} without an appointment time"
    return step.appointment_at


def _submit(case: Case, step: Step, people: "_People") -> None:
    # The fee the answers came to on the planned day, with its reason, as a filing records it.
    filed_on = step.at.date()
    fee = assess_fee(case.form_type, case.answers, filed_on)
    if fee.exempt:
        case.submit_without_fee(people.applicant, filed_on)
        return
    case.submit(people.applicant, fee.amount_cents, fee_reason=fee.reason, fee_rule=fee.rule_id)


def _due(step: Step) -> date:
    return (step.at + timedelta(days=87)).date()


COMMANDS: dict[str, Command] = {
    "submit": _submit,
    "accept": lambda c, s, p: c.accept(SYSTEM, p.receipt_number or ""),
    "reject": lambda c, s, p: c.reject_filing(SYSTEM, "The form was not signed."),
    "refund": lambda c, s, p: c.refund_fee(p.officer(c), "The filing was rejected."),
    "schedule_biometrics": lambda c, s, p: c.schedule_biometrics(
        SYSTEM, _appointment(s), "Application Support Center"
    ),
    "attend_biometrics": lambda c, s, p: c.record_biometrics_attended(p.officer(c)),
    "miss_biometrics": lambda c, s, p: c.record_biometrics_missed(
        SYSTEM, "The applicant did not come to the appointment."
    ),
    "transfer": lambda c, s, p: c.transfer(
        p.supervisor(c), s.office or "", "Workload balancing between offices."
    ),
    "assign": lambda c, s, p: c.assign(p.supervisor(c), p.officer(c).user_id),
    "request_evidence": lambda c, s, p: c.request_evidence(
        p.officer(c), ["Proof of continuous residence"], _due(s), "A period is not covered."
    ),
    "receive_evidence": lambda c, s, p: c.receive_evidence(p.applicant, ["synthetic-document"]),
    "schedule_interview": lambda c, s, p: c.schedule_interview(
        p.officer(c), _appointment(s), f"{c.office} field office"
    ),
    "complete_interview": lambda c, s, p: c.complete_interview(
        p.officer(c), "Interview held; answers consistent with the file."
    ),
    "propose_approval": _propose("approve", False),
    "propose_denial": _propose("deny", True),
    "propose_for_review": _propose("approve", True),
    "review": lambda c, s, p: c.approve_proposal(p.supervisor(c), "Reviewed and agreed."),
    "issue": lambda c, s, p: c.issue_decision(p.officer(c)),
    "appeal": lambda c, s, p: c.appeal(p.applicant, "appeal", "The decision overlooked evidence."),
    "reopen": lambda c, s, p: c.reopen(p.officer(c), "The appeal raised new evidence."),
    "withdraw": lambda c, s, p: c.withdraw(p.applicant, "The applicant no longer needs it."),
    "close": lambda c, s, p: c.close(SYSTEM, "Decision issued; nothing more to do."),
}


def synthetic_filer(number: int) -> Filer:
    """The made-up person who files synthetic case `number` (no email address)."""
    given, family, born, sex = SYNTHETIC_PEOPLE[number % len(SYNTHETIC_PEOPLE)]
    return Filer(
        given_name=given,
        family_name=family,
        date_of_birth=born,
        sex=sex,
        email=None,
        phone=f"973 555 01{number % 100:02d}",
        line1=f"{10 + number} Broad Street",
        city="Newark",
        state="NJ",
        postal_code="07102",
    )


@cache
def _answers(form_type: str, filer: Filer) -> dict[str, dict[str, Any]]:
    # A few people and four forms: each combination is checked once, not per case.
    return filled_answers(form_type, filer)


def case_answers(plan: PlannedCase, number: int) -> dict[str, dict[str, Any]]:
    """What the planned case's filer answered: every section, or the first half of a draft."""
    answers = _answers(plan.form_type.value, synthetic_filer(number))
    if plan.status is CaseStatus.DRAFT:
        return dict(list(answers.items())[: max(1, len(answers) // 2)])
    return answers


def case_events(
    plan: PlannedCase,
    case_id: UUID,
    receipt_number: str | None,
    number: int = 0,
    staff: Mapping[str, DemoStaff] | None = None,
) -> list[DomainEventProtocol[UUID]]:
    """The events of one planned case, each stamped with the time its step happened."""
    applicant = Actor(plan.applicant_id, Role.APPLICANT)
    people = _People(applicant, receipt_number, staff or {})
    case = Case.start(
        applicant_id=plan.applicant_id,
        form_type=plan.form_type,
        office=plan.office,
        actor=applicant,
        case_id=case_id,
    )
    answers = case_answers(plan, number)
    for section, given in answers.items():
        case.save_answers(applicant, section, given)
    for step in plan.steps[1:]:
        COMMANDS[step.kind](case, step, people)
    recorded = case.collect_events()
    # The answers are saved a second apart right after the start; every later command
    # records exactly one event, so those events and the remaining steps pair up in order.
    started = plan.steps[0].at
    times = [started + ANSWERED_EVERY * (index + 1) for index in range(len(answers))]
    moments = [started, *times, *(step.at for step in plan.steps[1:])]
    stamped: list[Any] = [
        dataclasses.replace(event, timestamp=moment)  # type: ignore[type-var]
        for event, moment in zip(recorded, moments, strict=True)
    ]
    return stamped


async def seed_demo_history(
    store: EventAppender,
    receipts: ReceiptNumberIssuer,
    *,
    now: datetime | None = None,
    seed: int = DEFAULT_SEED,
    staff: Mapping[str, DemoStaff] | None = None,
) -> list[UUID]:
    """Write the synthetic cases' events (in a few large appends); return the case ids.

    Each office's demo officer and supervisor (`staff`) work its cases, if given.
    """
    plans = plan_history(now or datetime.now(UTC), seed=seed)
    ids, events = [], []
    for number, plan in enumerate(plans):
        accepted = next((s.at for s in plan.steps if s.kind == "accept"), None)
        receipt = None
        if accepted is not None:
            receipt = await receipts.issue(ONLINE_FILING_CODE, accepted.date())
        case_id = uuid4()
        events.extend(case_events(plan, case_id, receipt, number, staff))
        ids.append(case_id)
    for start in range(0, len(events), APPEND_SIZE):
        await store.append(events[start : start + APPEND_SIZE])
    return ids

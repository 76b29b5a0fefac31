"""The events every benchmark writes: real Case commands, realistic payloads."""

import dataclasses
from datetime import UTC, date, datetime, timedelta
from uuid import UUID, uuid4

from eventsourcing.domain import DomainEventProtocol

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType

# One section of a form, about the size of a real one (the event's state is ~0.4 kB).
ANSWERS: dict[str, str] = {
    "family_name": "Example",
    "given_name": "Ana",
    "middle_name": "Maria",
    "date_of_birth": "1990-04-17",
    "country_of_birth": "Mexico",
    "country_of_citizenship": "Mexico",
    "a_number": "A123456789",
    "uscis_account": "123456789012",
    "email": "ana.example@example.org",
    "phone": "+1 555 0100",
}
OFFICER = Actor("officer-ana-ruiz", Role.OFFICER)
SUPERVISOR = Actor("supervisor-chen-li", Role.SUPERVISOR)
SYSTEM = Actor.system()
OFFICES = ("NBC", "CSC", "NYC", "LAX", "MSC")


def applicant(number: int) -> Actor:
    """The applicant who owns a writer's cases."""
    return Actor(f"applicant-{number}", Role.APPLICANT)


def start_case(number: int) -> tuple[Case, Actor]:
    """A new draft case through the real command (one pending Started event)."""
    actor = applicant(number)
    case = Case.start(
        applicant_id=actor.user_id,
        form_type=FormType.N400,
        office=OFFICES[number % len(OFFICES)],
        actor=actor,
    )
    return case, actor


def save_answers(case: Case, actor: Actor) -> None:
    """The benchmark's standard command: one AnswersSaved event."""
    case.save_answers(actor, "about_you", ANSWERS)


class OwnedStream:
    """A writer's own cases, one new event per step: a case's Started event, then
    AnswersSaved events, and a fresh case every `per_case` events (None: one case forever).

    Events are copies of real Case events (same classes, fields and payload) with the
    writer's ids and versions, so appending them measures the store, not the domain.
    """

    def __init__(self, number: int, per_case: int | None) -> None:
        case, actor = start_case(number)
        save_answers(case, actor)
        self._started, self._saved = case.collect_events()
        self._per_case = per_case
        self._case_id = uuid4()
        self._version = 0

    def step(self) -> DomainEventProtocol[UUID]:
        """The writer's next event, with the version that follows the last one."""
        if self._version == 0 or (self._per_case is not None and self._version >= self._per_case):
            self._case_id, self._version = uuid4(), 1
            template = self._started
        else:
            self._version += 1
            template = self._saved
        return dataclasses.replace(  # type: ignore[type-var]
            template,
            originator_id=self._case_id,
            originator_version=self._version,
            timestamp=datetime.now(UTC),
        )


def lifecycle() -> list[DomainEventProtocol[UUID]]:
    """A full case history (14 events) through the real commands, to copy when seeding."""
    case, actor = start_case(0)
    soon = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=14)
    save_answers(case, actor)
    case.save_answers(actor, "address", {"street": "1 Main St", "city": "Newark", "zip": "07102"})
    case.save_answers(actor, "eligibility", {"years_resident": "5", "marital_status": "single"})
    case.submit(actor, fee_cents=71_000, payment_id="pay-0001")
    case.accept(SYSTEM, "IOE2700000001")
    case.schedule_biometrics(SYSTEM, soon, "Application Support Center, Newark")
    case.record_biometrics_attended(OFFICER)
    case.assign(SUPERVISOR, OFFICER.user_id)
    case.change_address(actor, {"street": "2 Broad St", "city": "Newark", "zip": "07102"})
    case.request_evidence(
        OFFICER,
        ["Proof of continuous residence"],
        date.today() + timedelta(days=87),
        "The lease covers only part of the period.",
    )
    case.receive_evidence(actor, ["doc-1", "doc-2"])
    case.propose_decision(
        OFFICER, "approve", "All eligibility requirements are met.", "INA 316", False
    )
    case.issue_decision(OFFICER)
    return list(case.collect_events())


def copy_case(
    template: list[DomainEventProtocol[UUID]], depth: int, number: int
) -> list[DomainEventProtocol[UUID]]:
    """The first `depth` events of the template, as a new case of applicant `number`."""
    case_id = uuid4()
    events: list[DomainEventProtocol[UUID]] = []
    for event in template[:depth]:
        changes: dict[str, object] = {"originator_id": case_id}
        name = type(event).__name__
        if name == "Started":
            changes["applicant_id"] = changes["actor_id"] = f"applicant-{number}"
            changes["office"] = OFFICES[number % len(OFFICES)]
        elif name == "Accepted":
            changes["receipt_number"] = f"IOE27{number:08d}"
        events.append(dataclasses.replace(event, **changes))  # type: ignore[type-var]
    return events

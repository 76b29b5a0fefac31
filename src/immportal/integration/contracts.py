"""Integration events: the public, versioned contract other systems rely on.

They carry ids, codes, dates and statuses — never names, addresses, answers or
free-text reasons, which may hold personal data.
"""

import re
import uuid
from datetime import date, datetime
from typing import Any, ClassVar, Literal
from uuid import UUID

import orjson
from pydantic import BaseModel, ConfigDict

# Event ids are derived, so the same stored event always becomes the same message.
EVENT_ID_NAMESPACE = uuid.UUID("5a0c3f8e-6f0b-4d5e-9a51-3c1f3b7f0e21")


def event_id(aggregate_id: UUID, version: int) -> UUID:
    """The stable id of one stored event (and of the message that carries it)."""
    return uuid.uuid5(EVENT_ID_NAMESPACE, f"{aggregate_id}/{version}")


def snake_case(name: str) -> str:
    """'DecisionIssued' -> 'decision_issued'."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


class IntegrationEvent(BaseModel):
    """Fields every integration event carries."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    schema_version: ClassVar[int] = 1

    event_id: UUID
    aggregate_id: UUID
    version: int
    occurred_at: datetime


class CaseEvent(IntegrationEvent):
    """Something happened to a case; `status` is where it stands afterwards."""

    status: str


class CaseStarted(CaseEvent):
    """An application was started."""

    form_type: str
    office: str
    applicant_id: str


class CaseSubmitted(CaseEvent):
    """An application was submitted with its fee paid or waived."""

    fee_cents: int
    fee_waived: bool


class CaseAccepted(CaseEvent):
    """A case was accepted and given a receipt number."""

    receipt_number: str


class AppointmentSet(CaseEvent):
    """A biometrics or interview appointment was scheduled or moved."""

    kind: Literal["biometrics", "interview"]
    appointment_at: datetime


class EvidenceRequested(CaseEvent):
    """Evidence was requested, with a response deadline."""

    due_on: date
    item_count: int


class DecisionIssued(CaseEvent):
    """A decision was issued."""

    outcome: Literal["approved", "denied"]


class CaseTransferred(CaseEvent):
    """A case moved to another office."""

    from_office: str
    to_office: str


def _appointment(kind: str) -> Any:
    return lambda e: {"kind": kind, "appointment_at": e.appointment_at}


# Domain event name -> (contract, the extra fields taken from the domain event).
CASE_CONTRACTS: dict[str, tuple[type[CaseEvent], Any]] = {
    "Started": (
        CaseStarted,
        lambda e: {
            "form_type": e.form_type,
            "office": e.office,
            "applicant_id": e.applicant_id,
        },
    ),
    "Submitted": (CaseSubmitted, lambda e: {"fee_cents": e.fee_cents, "fee_waived": e.fee_waived}),
    "Accepted": (CaseAccepted, lambda e: {"receipt_number": e.receipt_number}),
    "BiometricsScheduled": (AppointmentSet, _appointment("biometrics")),
    "BiometricsRescheduled": (AppointmentSet, _appointment("biometrics")),
    "InterviewScheduled": (AppointmentSet, _appointment("interview")),
    "InterviewRescheduled": (AppointmentSet, _appointment("interview")),
    "EvidenceRequested": (
        EvidenceRequested,
        lambda e: {
            "due_on": e.due_on,
            "item_count": len(e.items),
        },
    ),
    "DecisionIssued": (DecisionIssued, lambda e: {"outcome": e.outcome}),
    "Transferred": (
        CaseTransferred,
        lambda e: {
            "from_office": e.from_office,
            "to_office": e.to_office,
        },
    ),
}

CASE_TOPIC_PREFIX = "immportal.domain.case:Case."

# Internal deliberations stay inside: outside systems learn the decision, not the review.
UNPUBLISHED = frozenset({"NoteAdded", "DecisionProposed", "ProposalReturned", "ProposalApproved"})


def is_published(topic: str) -> bool:
    """Whether events of this stored topic become integration events."""
    if not topic.startswith(CASE_TOPIC_PREFIX):
        return False
    return topic.removeprefix(CASE_TOPIC_PREFIX) not in UNPUBLISHED


def to_integration_event(topic: str, event: Any) -> tuple[str, CaseEvent] | None:
    """The routing key and contract for a domain event, or None if it is not published."""
    if not is_published(topic):
        return None
    name = type(event).__name__
    contract, extra = CASE_CONTRACTS.get(name, (CaseEvent, lambda _e: {}))
    status = "draft" if name == "Started" else str(event.status)
    message = contract(
        event_id=event_id(event.originator_id, event.originator_version),
        aggregate_id=event.originator_id,
        version=event.originator_version,
        occurred_at=event.timestamp,
        status=status,
        **extra(event),
    )
    return f"case.{snake_case(name)}", message


def contract_for(routing_key: str) -> type[CaseEvent]:
    """The contract a routing key carries (for consumers parsing messages)."""
    for name, (contract, _extra) in CASE_CONTRACTS.items():
        if routing_key == f"case.{snake_case(name)}":
            return contract
    return CaseEvent


def parse_message(routing_key: str, body: bytes) -> CaseEvent:
    """Read a message as its contract, ignoring fields a newer producer added."""
    contract = contract_for(routing_key)
    fields = orjson.loads(body)
    known = {k: v for k, v in fields.items() if k in contract.model_fields}
    return contract.model_validate(known)


def json_schemas() -> dict[str, dict[str, Any]]:
    """JSON Schema of every contract, keyed by contract name, with its version."""
    contracts: set[type[CaseEvent]] = {CaseEvent, *(c for c, _ in CASE_CONTRACTS.values())}
    schemas = {}
    for contract in sorted(contracts, key=lambda c: c.__name__):
        schema = contract.model_json_schema()
        schema["x-schema-version"] = contract.schema_version
        schemas[contract.__name__] = schema
    return schemas

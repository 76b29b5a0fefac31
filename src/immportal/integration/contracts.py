"""Integration events: the public, versioned contract other systems rely on.

They carry ids, codes, dates and statuses — never names, addresses, answers or
free-text reasons, which may hold personal data. Case events are published unless
listed as internal; account events only where listed (integration/account_contracts.py);
of a case's conversation and requests, that a message was posted or a request made or
decided, never their words.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

import orjson
from eventsourcing.domain import Aggregate

from immportal.domain.cases.case import Case
from immportal.domain.correspondence.conversation import Conversation
from immportal.domain.correspondence.requests import CaseRequests
from immportal.domain.identity.account import Account
from immportal.integration.account_contracts import ACCOUNT_CONTRACTS, AccountEvent
from immportal.integration.base import IntegrationEvent, event_id, event_names, snake_case

__all__ = ["IntegrationEvent", "event_id", "snake_case"]


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

# Internal deliberations stay inside: outside systems learn the decision, not the review.
UNPUBLISHED = frozenset({"NoteAdded", "DecisionProposed", "ProposalReturned", "ProposalApproved"})

Contracts = Mapping[str, tuple[type[IntegrationEvent], Any]]


def _case_status(event: Any) -> dict[str, Any]:
    return {"status": "draft" if type(event).__name__ == "Started" else str(event.status)}


@dataclass(frozen=True)
class Stream:
    """One kind of aggregate whose events are published, and under which contracts."""

    aggregate: type[Aggregate]
    key: str
    """The first part of the routing key: `case` in `case.decision_issued`."""
    contracts: Contracts
    fallback: type[IntegrationEvent] | None
    """The contract of events without their own; None publishes only the listed ones."""
    unpublished: frozenset[str] = frozenset()
    common: Callable[[Any], dict[str, Any]] = lambda _e: {}

    @property
    def topic_prefix(self) -> str:
        """The stored topic of this aggregate's events, up to the event name."""
        return f"{self.aggregate.__module__}:{self.aggregate.__qualname__}."

    def contract(self, name: str) -> type[IntegrationEvent] | None:
        """The contract an event of this name is published under, or None."""
        if name in self.unpublished:
            return None
        found = self.contracts.get(name)
        return found[0] if found is not None else self.fallback

    def routing_key(self, name: str) -> str:
        """`<aggregate>.<event>` in snake case."""
        return f"{self.key}.{snake_case(name)}"


class MessagePosted(IntegrationEvent):
    """A message was posted in a case's conversation; who wrote it (by role), never what."""

    case_id: UUID
    author_role: str
    attachment_count: int


class CaseRequestSubmitted(IntegrationEvent):
    """Someone asked to expedite a case, correct a notice or card, or help at an appointment."""

    case_id: UUID
    kind: Literal["expedite", "correction", "accommodation"]


class CaseRequestDecided(CaseRequestSubmitted):
    """A request about a case was decided (the reason stays inside: it is free text)."""

    outcome: Literal["granted", "denied", "done"]


# A conversation's and a request's events carry their case's id: consumers write to the
# case's people. The message's text and the request's details are never published.
CONVERSATION_CONTRACTS: Contracts = {
    "MessagePosted": (
        MessagePosted,
        lambda e: {
            "case_id": e.case_id,
            "author_role": e.actor_role,
            "attachment_count": len(e.attachment_ids),
        },
    ),
}
REQUEST_CONTRACTS: Contracts = {
    "RequestSubmitted": (CaseRequestSubmitted, lambda e: {"case_id": e.case_id, "kind": e.kind}),
    "RequestDecided": (
        CaseRequestDecided,
        lambda e: {"case_id": e.case_id, "kind": e.kind, "outcome": e.outcome},
    ),
}

STREAMS = (
    Stream(Case, "case", CASE_CONTRACTS, CaseEvent, UNPUBLISHED, _case_status),
    Stream(Account, "account", ACCOUNT_CONTRACTS, None),
    Stream(Conversation, "conversation", CONVERSATION_CONTRACTS, None),
    Stream(CaseRequests, "case_requests", REQUEST_CONTRACTS, None),
)
_BY_PREFIX = {stream.topic_prefix: stream for stream in STREAMS}


def _stream_and_name(topic: str) -> tuple[Stream, str] | None:
    prefix, dot, name = topic.rpartition(".")
    stream = _BY_PREFIX.get(prefix + dot)
    return None if stream is None else (stream, name)


def is_published(topic: str) -> bool:
    """Whether events of this stored topic become integration events."""
    found = _stream_and_name(topic)
    return found is not None and found[0].contract(found[1]) is not None


def to_integration_event(topic: str, event: Any) -> tuple[str, IntegrationEvent] | None:
    """The routing key and contract for a domain event, or None if it is not published."""
    found = _stream_and_name(topic)
    if found is None:
        return None
    stream, name = found
    contract = stream.contract(name)
    if contract is None:
        return None
    extra = stream.contracts.get(name, (contract, lambda _e: {}))[1]
    message = contract(
        event_id=event_id(event.originator_id, event.originator_version),
        aggregate_id=event.originator_id,
        version=event.originator_version,
        occurred_at=event.timestamp,
        **stream.common(event),
        **extra(event),
    )
    return stream.routing_key(name), message


def routing_table() -> list[tuple[str, type[IntegrationEvent]]]:
    """(routing key, contract) of every published event, aggregate by aggregate."""
    table = []
    for stream in STREAMS:
        for name in event_names(stream.aggregate):
            contract = stream.contract(name)
            if contract is not None:
                table.append((stream.routing_key(name), contract))
    return table


_CONTRACT_BY_KEY = dict(routing_table())


def contract_for(routing_key: str) -> type[IntegrationEvent]:
    """The contract a routing key carries (for consumers parsing messages)."""
    contract = _CONTRACT_BY_KEY.get(routing_key)
    if contract is not None:
        return contract
    return AccountEvent if routing_key.startswith("account.") else CaseEvent


def parse_message(routing_key: str, body: bytes) -> IntegrationEvent:
    """Read a message as its contract, ignoring fields a newer producer added."""
    contract = contract_for(routing_key)
    fields = orjson.loads(body)
    known = {k: v for k, v in fields.items() if k in contract.model_fields}
    return contract.model_validate(known)


def json_schemas() -> dict[str, dict[str, Any]]:
    """JSON Schema of every contract, keyed by contract name, with its version."""
    contracts: set[type[IntegrationEvent]] = {CaseEvent, AccountEvent}
    contracts.update(contract for _key, contract in routing_table())
    schemas = {}
    for contract in sorted(contracts, key=lambda c: c.__name__):
        schema = contract.model_json_schema()
        schema["x-schema-version"] = contract.schema_version
        schemas[contract.__name__] = schema
    return schemas

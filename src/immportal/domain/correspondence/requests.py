"""The CaseRequests aggregate: a case's expedite, correction and accommodation requests.

One aggregate per case, not one per request: "one open request of each kind" is then a
rule the aggregate keeps, and the case's history finds every request by the case's id.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.permissions import check_acts_for
from immportal.domain.cases.status import OPEN_STATUSES, CaseStatus
from immportal.domain.correspondence.conversation import FILERS
from immportal.domain.correspondence.links import requests_id
from immportal.domain.correspondence.request_details import RequestDetails, RequestKind
from immportal.domain.correspondence.text import check_plain_text
from immportal.domain.errors import DomainError, InvalidArgument, NotPermitted

REASON_MAX_LENGTH = 2000


class RequestState(StrEnum):
    """Where a request stands: waiting, or decided one of three ways."""

    SUBMITTED = "submitted"
    GRANTED = "granted"
    DENIED = "denied"
    DONE = "done"
    """A correction was made (a corrected notice or card follows)."""


OUTCOMES: Mapping[RequestKind, frozenset[RequestState]] = {
    RequestKind.EXPEDITE: frozenset({RequestState.GRANTED, RequestState.DENIED}),
    RequestKind.CORRECTION: frozenset({RequestState.DONE, RequestState.DENIED}),
    RequestKind.ACCOMMODATION: frozenset({RequestState.GRANTED, RequestState.DENIED}),
}
"""How each kind of request can be decided."""
DECIDERS: Mapping[RequestKind, frozenset[Role]] = {
    # Expediting moves a case ahead of others filed earlier: a supervisor decides.
    RequestKind.EXPEDITE: frozenset({Role.SUPERVISOR}),
    RequestKind.CORRECTION: frozenset({Role.OFFICER, Role.SUPERVISOR}),
    RequestKind.ACCOMMODATION: frozenset({Role.OFFICER, Role.SUPERVISOR}),
}
"""Who may decide each kind of request (staff of the case's office: services check that)."""
_NO_NOTICE_YET = frozenset({CaseStatus.DRAFT, CaseStatus.SUBMITTED})


class RequestRefused(DomainError):
    """The request cannot be made or decided now; the message says why."""


class UnknownRequest(DomainError):
    """The case has no request with that id."""


def check_may_request(
    actor: Actor,
    kind: RequestKind,
    *,
    applicant_id: str,
    representative_ids: Collection[str],
    status: CaseStatus,
) -> None:
    """Raise unless the actor may make a request of this kind on a case in this status."""
    if actor.role not in FILERS:
        raise NotPermitted("Only the applicant or their representative makes requests.")
    check_acts_for(actor, applicant_id, representative_ids)
    if kind is RequestKind.CORRECTION and status in _NO_NOTICE_YET:
        raise RequestRefused("You can ask for a correction once we have sent you a notice.")
    if kind is RequestKind.EXPEDITE and status not in OPEN_STATUSES:
        raise RequestRefused("You can ask us to expedite a case only while it waits for us.")
    if kind is RequestKind.ACCOMMODATION and status not in OPEN_STATUSES:
        raise RequestRefused("This case has no more appointments to help you with.")


@dataclass(frozen=True)
class CaseRequest:
    """One request as the aggregate keeps it."""

    request_id: str
    kind: RequestKind
    state: RequestState

    @property
    def waiting(self) -> bool:
        """Whether nobody has decided it yet."""
        return self.state is RequestState.SUBMITTED


class CaseRequests(Aggregate):
    """Every request made about one case, each with its state."""

    @staticmethod
    def create_id(case_id: str, **_: Any) -> UUID:
        """Derived from the case, so the case's requests are found without a search."""
        return requests_id(UUID(case_id))

    @classmethod
    def open(cls, case_id: UUID) -> CaseRequests:
        """Start the case's requests (with its first request, in the same save)."""
        return cls(str(case_id))

    @event("Opened")
    def __init__(self, case_id: str) -> None:
        self.case_id = case_id
        self.requests: dict[str, CaseRequest] = {}

    def submit(self, actor: Actor, *, request_id: UUID, details: RequestDetails) -> bool:
        """Record a request; False (nothing recorded) when this form was sent already.

        Who may ask on this case, and in which status, is checked before (check_may_request).
        """
        if actor.role not in FILERS:
            raise NotPermitted("Only the applicant or their representative makes requests.")
        if str(request_id) in self.requests:
            return False
        if any(r.kind is details.kind and r.waiting for r in self.requests.values()):
            raise RequestRefused(
                f"You have a {details.kind.value} request waiting for a decision already."
            )
        values = details.model_dump(mode="json", exclude={"kind"})
        self._submit(
            case_id=self.case_id,
            request_id=str(request_id),
            kind=details.kind.value,
            details=values,
            actor_id=actor.user_id,
            actor_role=actor.role.value,
        )
        return True

    @event("RequestSubmitted")
    def _submit(
        self,
        case_id: str,
        request_id: str,
        kind: str,
        details: dict[str, str],
        actor_id: str,
        actor_role: str,
    ) -> None:
        found = CaseRequest(request_id, RequestKind(kind), RequestState.SUBMITTED)
        self.requests = {**self.requests, request_id: found}

    def decide(
        self,
        actor: Actor,
        *,
        request_id: UUID,
        outcome: RequestState,
        reason: str,
        case_version: int,
    ) -> None:
        """Grant, deny or mark done a waiting request, with the reason the applicant reads.

        `case_version` is the case as the decider saw it: the decision's notice is
        printed from the case at that version, however late it is issued.
        """
        found = self.requests.get(str(request_id))
        if found is None:
            raise UnknownRequest("This case has no such request.")
        if actor.role not in DECIDERS[found.kind]:
            raise NotPermitted(_who_decides(found.kind))
        if not found.waiting:
            raise RequestRefused("This request has been decided already.")
        if outcome not in OUTCOMES[found.kind]:
            raise InvalidArgument(f"A {found.kind.value} request cannot be {outcome.value}.")
        self._decide(
            case_id=self.case_id,
            request_id=found.request_id,
            kind=found.kind.value,
            outcome=RequestState(outcome).value,
            reason=check_plain_text(reason, what="the reason", max_length=REASON_MAX_LENGTH),
            case_version=case_version,
            actor_id=actor.user_id,
            actor_role=actor.role.value,
        )

    @event("RequestDecided")
    def _decide(
        self,
        case_id: str,
        request_id: str,
        kind: str,
        outcome: str,
        reason: str,
        case_version: int,
        actor_id: str,
        actor_role: str,
    ) -> None:
        decided = replace(self.requests[request_id], state=RequestState(outcome))
        self.requests = {**self.requests, request_id: decided}


def _who_decides(kind: RequestKind) -> str:
    if kind is RequestKind.EXPEDITE:
        return "Only a supervisor decides an expedite request."
    return "Only an officer or a supervisor decides this request."

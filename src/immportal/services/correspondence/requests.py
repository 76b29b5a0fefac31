"""Making and deciding requests about a case: expedite, correct a notice or card, accommodate."""

from __future__ import annotations

from uuid import UUID

import structlog

from immportal.domain.actor import Actor
from immportal.domain.correspondence.links import requests_id
from immportal.domain.correspondence.request_details import RequestDetails
from immportal.domain.correspondence.requests import (
    CaseRequests,
    RequestState,
    UnknownRequest,
    check_may_request,
)
from immportal.errors import NotFound
from immportal.services.correspondence.loading import load_or_open, staff_on_case
from immportal.services.correspondence.ports import CaseSource, Staff
from immportal.services.identity.retry import retrying
from immportal.services.ports import Written
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)


class CaseRequestService:
    """Thin use cases over CaseRequests: authorize, load or open, command, save."""

    def __init__(self, repository: Repository, cases: CaseSource, staff: Staff) -> None:
        self._repository, self._cases, self._staff = repository, cases, staff

    async def submit(
        self, case_id: UUID, actor: Actor, *, request_id: UUID, details: RequestDetails
    ) -> Written:
        """Record the request once (a form sent twice records one); its version and position."""
        case = await self._cases.get(case_id)
        check_may_request(
            actor,
            details.kind,
            applicant_id=case.applicant_id,
            representative_ids=case.representative_ids,
            status=case.status,
        )

        async def attempt() -> Written:
            requests = await load_or_open(
                self._repository,
                CaseRequests,
                requests_id(case_id),
                lambda: CaseRequests.open(case_id),
            )
            requests.submit(actor, request_id=request_id, details=details)
            return Written.of(requests.version, await self._repository.save(requests))

        written = await retrying(attempt)
        log.info("request_submitted", case_id=str(case_id), kind=details.kind.value)
        return written

    async def decide(
        self,
        case_id: UUID,
        actor: Actor,
        *,
        request_id: UUID,
        outcome: RequestState,
        reason: str,
    ) -> Written:
        """Decide a waiting request as staff of the case's office, with the reason shown."""
        case = await self._cases.get(case_id)
        await staff_on_case(self._staff, actor, case)

        async def attempt() -> Written:
            try:
                requests = await self._repository.get(CaseRequests, requests_id(case_id))
            except NotFound:
                raise UnknownRequest("This case has no such request.") from None
            requests.decide(
                actor,
                request_id=request_id,
                outcome=outcome,
                reason=reason,
                case_version=case.version,
            )
            return Written.of(requests.version, await self._repository.save(requests))

        written = await retrying(attempt)
        log.info("request_decided", case_id=str(case_id), outcome=RequestState(outcome).value)
        return written

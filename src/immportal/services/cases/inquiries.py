"""Asking about a case that is outside normal processing time.

The case decides who may ask and in which status (Case.submit_inquiry); this service adds
the date rule: only once the case has waited longer than 80% of cases like it took.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import structlog

from immportal.domain.actor import Actor
from immportal.domain.cases.permissions import check_acts_for, check_permitted
from immportal.domain.cases.status import next_status
from immportal.domain.errors import DomainError
from immportal.formatting import long_date
from immportal.i18n import babel_locale
from immportal.services.cases.estimate import CaseEstimate, ProcessingTimes, estimate_case
from immportal.services.cases.service import CaseService
from immportal.services.identity.retry import retrying
from immportal.services.ports import Written

log = structlog.get_logger(__name__)
COMMAND = "submit_inquiry"


class InquiryTooEarly(DomainError):
    """The case is still within normal processing time, or the time is not known yet."""


def check_may_ask(estimate: CaseEstimate) -> None:
    """Raise InquiryTooEarly, saying when asking becomes possible, unless it is now."""
    if estimate.may_ask:
        return
    if estimate.inquiry_from is None:
        msg = (
            "We cannot take questions about this case online yet: too few cases like "
            "yours have been decided recently to say what normal processing time is."
        )
        raise InquiryTooEarly(msg)
    day = long_date(estimate.inquiry_from, babel_locale())
    msg = f"Your case is still within normal processing time. You can ask about it from {day}."
    raise InquiryTooEarly(msg)


class InquiryService:
    """Record a question about a case, when it may be asked."""

    def __init__(self, cases: CaseService, times: ProcessingTimes) -> None:
        self._cases, self._times = cases, times

    async def estimate(self, case_id: UUID, now: datetime) -> CaseEstimate:
        """The case's personal estimate as it stands now."""
        case = await self._cases.get(case_id)
        return await estimate_case(
            self._times,
            form_type=case.form_type,
            office=case.office,
            accepted_at=case.accepted_at,
            now=now,
        )

    async def submit(self, case_id: UUID, *, actor: Actor, text: str, now: datetime) -> Written:
        """Record the question (InquirySubmitted); return the case's new version and position."""
        case = await self._cases.get(case_id)
        # Who and which status first, as the case itself would refuse them.
        check_permitted(actor, COMMAND)
        check_acts_for(actor, case.applicant_id, case.representative_ids)
        next_status(COMMAND, case.status)
        check_may_ask(await self.estimate(case_id, now))

        async def attempt() -> Written:
            return await self._cases.update(case_id, None, lambda c: c.submit_inquiry(actor, text))

        written = await retrying(attempt)
        log.info("inquiry_submitted", case_id=str(case_id), actor_role=actor.role.value)
        return written

"""Recording the card of an approved case: produced, mailed, returned undeliverable."""

from __future__ import annotations

from uuid import UUID

import structlog

from immportal.domain.actor import Actor
from immportal.services.cases.service import CaseService
from immportal.services.ports import Written

log = structlog.get_logger(__name__)


class CardService:
    """Thin use cases over Case's card commands (domain/cases/card_delivery.py)."""

    def __init__(self, cases: CaseService) -> None:
        self._cases = cases

    async def produced(self, case_id: UUID, *, actor: Actor) -> Written:
        """Record the card produced."""
        written = await self._cases.update(case_id, None, lambda c: c.produce_card(actor))
        log.info("card_produced", case_id=str(case_id))
        return written

    async def mailed(self, case_id: UUID, *, actor: Actor, tracking_number: str) -> Written:
        """Record the card mailed with its USPS tracking number."""
        written = await self._cases.update(
            case_id, None, lambda c: c.mail_card(actor, tracking_number)
        )
        log.info("card_mailed", case_id=str(case_id))
        return written

    async def returned(self, case_id: UUID, *, actor: Actor, reason: str) -> Written:
        """Record the card returned undeliverable, and why."""
        written = await self._cases.update(case_id, None, lambda c: c.return_card(actor, reason))
        log.info("card_returned", case_id=str(case_id))
        return written

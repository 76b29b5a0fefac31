"""Paper cases: intake enters them; the person adds one to their account with its access code.

Adding asks for the receipt number and the online access code printed on the receipt
notice. A wrong code, a receipt number we do not know, and a case already in someone
else's account all get the same refusal after the same work (one read-model query and
one code derivation), so nothing is learnt about other people's cases by trying. Every
attempt, right or wrong, counts against the account's and the network's allowance.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

import structlog

from immportal.domain.actor import Actor
from immportal.domain.cases.access_code import code_matches
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.paper_filing import PAPER_APPLICANT
from immportal.domain.cases.receipt import parse_receipt_number
from immportal.domain.errors import DomainError, InvalidReceiptNumber
from immportal.i18n import N_
from immportal.services.cases.ports import (
    AttemptLimits,
    ReceiptDirectory,
    ReceiptHolder,
    ReceiptNumberIssuer,
)
from immportal.services.cases.service import CaseService
from immportal.services.identity.retry import retrying
from immportal.services.ports import Written
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)

REFUSED = N_(
    "We could not add a case with that receipt number and online access code. Check both "
    "against your receipt notice and try again."
)
"""The one answer to a wrong code, an unknown receipt number and someone else's case."""
ATTEMPTS_PER_ACCOUNT = 10
"""Tries one account may make per hour: enough for typing mistakes, far too few to guess."""
ATTEMPTS_PER_NETWORK = 30
"""Tries per network address per hour, whoever is signed in (many accounts, one guesser)."""
# Compared against when no case has the number, so a miss costs what a hit costs.
_NOBODY = UUID(int=0)


class PaperCaseRefused(DomainError):
    """The receipt number and access code do not open a case this person may add."""


class TooManyAttempts(DomainError):
    """The account or network used up its attempts for now."""

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__("Too many attempts to add a case. Please wait and try again.")
        self.retry_after_seconds = retry_after_seconds


@dataclass(frozen=True)
class Added:
    """The case now in the person's account, and what the page showing it waits for."""

    case_id: UUID
    written: Written


class PaperCaseService:
    """Enter paper filings, and add them to the accounts of the people they belong to."""

    def __init__(
        self,
        *,
        repository: Repository,
        cases: CaseService,
        receipts: ReceiptNumberIssuer,
        directory: ReceiptDirectory,
        account_limits: AttemptLimits,
        network_limits: AttemptLimits,
        key: bytes,
    ) -> None:
        self._repository, self._cases, self._receipts = repository, cases, receipts
        self._directory = directory
        self._account_limits, self._network_limits = account_limits, network_limits
        self._key = key

    async def receive(
        self,
        *,
        actor: Actor,
        form_type: FormType,
        office: str,
        answers: dict[str, dict[str, Any]],
        fee_cents: int,
        received_on: date,
    ) -> tuple[UUID, str]:
        """Enter a paid paper filing and accept it under the office's receipt number."""
        case = Case.receive_on_paper(
            form_type=form_type, office=office, actor=actor, answers=answers, fee_cents=fee_cents
        )
        number = await self._receipts.issue(case.office.upper()[:3], received_on)
        case.accept(Actor.system(), number)
        await self._repository.save(case)
        log.info("paper_case_received", case_id=str(case.id), office=case.office)
        return case.id, number

    async def add_to_account(
        self, *, actor: Actor, receipt_number: str, code: str, network: str | None, now: datetime
    ) -> Added:
        """Add the paper case to the actor's account, or raise PaperCaseRefused.

        A malformed receipt number raises InvalidReceiptNumber (saying what one looks
        like); too many attempts raise TooManyAttempts before anything is looked up.
        """
        await self._count(actor, network, now)
        number = parse_receipt_number(receipt_number)
        holder = await self._directory.holder(number)
        matches = code_matches(self._key, holder.case_id if holder else _NOBODY, code)
        if holder is None or not matches or not _may_take(holder, actor):
            log.info("paper_case_refused", actor_role=actor.role.value)
            raise PaperCaseRefused(REFUSED)
        if holder.applicant_id == actor.user_id:
            return Added(holder.case_id, Written(0, 0))  # in their account already

        async def attempt() -> Written:
            return await self._cases.update(
                holder.case_id, None, lambda case: case.link_to_account(actor)
            )

        written = await retrying(attempt)
        log.info("paper_case_added", case_id=str(holder.case_id))
        return Added(holder.case_id, written)

    async def _count(self, actor: Actor, network: str | None, now: datetime) -> None:
        subjects = [(self._account_limits, f"account:{actor.user_id}")]
        if network:
            subjects.append((self._network_limits, f"network:{network}"))
        for limits, subject in subjects:
            allowance = await limits.record(subject, now)
            if not allowance.allowed:
                log.warning("paper_case_attempts_exhausted", kind=subject.split(":", 1)[0])
                raise TooManyAttempts(allowance.retry_after_seconds)


def _may_take(holder: ReceiptHolder, actor: Actor) -> bool:
    return holder.applicant_id in (PAPER_APPLICANT, actor.user_id)


__all__ = ["REFUSED", "InvalidReceiptNumber", "PaperCaseRefused", "PaperCaseService"]

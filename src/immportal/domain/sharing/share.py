"""The StatusShare aggregate: one share code, from creation to revocation, with its checks."""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from immportal.domain.actor import Actor, Role
from immportal.domain.documents.codes import new_code
from immportal.domain.errors import DomainError, InvalidArgument, NotPermitted
from immportal.domain.sharing.choices import FACT_ORDER, Fact, Purpose

SHARE_CODE_LENGTH = 9
"""45 random bits, `XXX-XXX-XXX`: with the date of birth and the limits, never guessed."""
LIFETIME = timedelta(days=90)
MAX_FAILED_CHECKS = 5
"""Wrong dates of birth a code takes before it stops working for good."""
SHARING_NAMESPACE = UUID("5b0f6c1e-9d3a-4e27-8f41-7a2c9e0d3b58")
"""Namespace of share ids; never change it (ids are stored)."""


class Refusal(StrEnum):
    """Why a check showed nothing; the checker is never told which."""

    UNKNOWN_CODE = "unknown_code"
    WRONG_DATE_OF_BIRTH = "wrong_date_of_birth"
    REVOKED = "revoked"
    EXPIRED = "expired"
    LOCKED = "locked"
    STATUS_ENDED = "status_ended"


class CheckRefused(DomainError):
    """The check showed nothing; `refusal` says why, for the holder and the logs only."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.value)
        self.refusal = refusal


def share_id(code: str) -> UUID:
    """The share's id, found from its code alone: nothing else needs to be stored to look it up."""
    return uuid5(SHARING_NAMESPACE, hashlib.sha256(code.encode()).hexdigest())


def new_share_code() -> str:
    """A fresh random share code."""
    return new_code(SHARE_CODE_LENGTH)


def check_facts(facts: Collection[str]) -> list[str]:
    """The chosen facts in their usual order; at least one, all known."""
    try:
        chosen = {Fact(fact) for fact in facts}
    except ValueError:
        raise InvalidArgument("Choose what the code shows from the list.") from None
    if not chosen:
        raise InvalidArgument("Choose at least one thing the code shows.")
    return [fact.value for fact in FACT_ORDER if fact in chosen]


class StatusShare(Aggregate):
    """A share code: who made it for which case, what it shows, and each check of it."""

    @staticmethod
    def create_id(code: str, **_: Any) -> UUID:
        """Derived from the code, so a check finds the share by the code typed."""
        return share_id(code)

    @classmethod
    def create(
        cls,
        holder: Actor,
        *,
        case_id: UUID,
        purpose: str,
        facts: Collection[str],
        now: datetime,
    ) -> StatusShare:
        """A new code for the holder's own approved case (the service checks the case)."""
        if holder.role is not Role.APPLICANT:
            raise NotPermitted("Only the person whose status it is can share it.")
        try:
            chosen_purpose = Purpose(purpose).value
        except ValueError:
            raise InvalidArgument("Choose what you need to prove your status for.") from None
        return cls(
            code=new_share_code(),
            holder_id=holder.user_id,
            case_id=str(case_id),
            purpose=chosen_purpose,
            facts=check_facts(facts),
            expires_at=now + LIFETIME,
        )

    @event("Created")
    def __init__(
        self,
        code: str,
        holder_id: str,
        case_id: str,
        purpose: str,
        facts: list[str],
        expires_at: datetime,
    ) -> None:
        self.code, self.holder_id, self.case_id = code, holder_id, case_id
        self.purpose, self.facts, self.expires_at = purpose, facts, expires_at
        self.revoked = False
        self.failed_checks = 0

    def check_holder(self, actor: Actor) -> None:
        """Raise NotPermitted unless the actor made this code."""
        if actor.role is not Role.APPLICANT or actor.user_id != self.holder_id:
            raise NotPermitted("Only the person who made this code can change it.")

    def revoke(self, actor: Actor) -> bool:
        """Stop the code working; False (nothing recorded) if it was revoked already."""
        self.check_holder(actor)
        if self.revoked:
            return False
        self._revoke(actor_id=actor.user_id)
        return True

    @event("Revoked")
    def _revoke(self, actor_id: str) -> None:
        self.revoked = True

    def refusal(self, now: datetime) -> Refusal | None:
        """Why the code would show nothing now, before the date of birth is even compared."""
        if self.revoked:
            return Refusal.REVOKED
        if now >= self.expires_at:
            return Refusal.EXPIRED
        if self.failed_checks >= MAX_FAILED_CHECKS:
            return Refusal.LOCKED
        return None

    def record_check(self, *, born_on_matches: bool, statement: bool, now: datetime) -> None:
        """Record a check of a working code: shown, or failed on the date of birth.

        Checks of a dead code (revoked, expired, locked) are refused without a record:
        there is nothing left to protect, and nobody may grow the history at will.
        """
        refusal = self.refusal(now)
        if refusal is not None:
            raise CheckRefused(refusal)
        if not born_on_matches:
            self._fail_check()
            raise CheckRefused(Refusal.WRONG_DATE_OF_BIRTH)
        self._check(statement=statement)

    @event("CheckFailed")
    def _fail_check(self) -> None:
        self.failed_checks += 1

    @event("Checked")
    def _check(self, statement: bool) -> None:
        pass

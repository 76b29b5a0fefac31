"""The AccountRecovery aggregate: one attempt to get back in after losing the second factor.

Requested (someone used the recovery link emailed to the account's address) → Proven (a
receipt number and date of birth matched one of their cases) → a 24-hour wait → Completed.
Someone without a receipt number asks for an administrator instead (HelpRequested); then
only an administrator's approval completes it. An administrator may approve instead of the
proof and the wait, and may open an attempt for a person barred by a lockout
(OpenedByAdmin) to approve it. Cancelled ends it: "this wasn't me", a normal sign-in with
the second factor, too many wrong proofs, or an administrator refusing it.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, event

from immportal.domain.actor import Actor, Role
from immportal.domain.errors import InvalidArgument, NotPermitted, ReasonRequired
from immportal.domain.identity import recovery_errors as errors

WAIT = timedelta(hours=24)
"""How long after the proof the account's email has to say "this wasn't me"."""
MAX_WRONG_PROOFS = 5
"""Wrong receipt numbers or dates of birth before the attempt is cancelled."""
LOCKOUT = timedelta(hours=24)
"""How long after too many wrong proofs no new attempt may start: 5 guesses a day at most."""
_DIGEST = re.compile(r"[0-9a-f]{64}")


class Stage(StrEnum):
    """Where an attempt stands."""

    AWAITING_PROOF = "awaiting_proof"
    WAITING = "waiting"
    """Proven; the wait has not necessarily ended (see `ready(now)`)."""
    WITH_ADMIN = "waiting_for_admin"
    """Only an administrator can complete it: help was asked for, or an administrator opened it."""
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class CancelReason(StrEnum):
    """Why an attempt was cancelled."""

    NOT_ME = "not_me"
    SIGNED_IN = "signed_in_with_second_factor"
    REFUSED = "refused_by_admin"
    TOO_MANY_WRONG_PROOFS = "too_many_wrong_proofs"


def _aware(at: datetime) -> datetime:
    if at.tzinfo is None:
        raise InvalidArgument("Times must carry a time zone.")
    return at


def _digest(value: str) -> str:
    if not _DIGEST.fullmatch(value):
        raise InvalidArgument("A link is named by the SHA-256 hex digest of its token.")
    return value


class RecoveryProgress:
    """Where an attempt stands, from what its events recorded.

    The aggregate and the `account_recoveries` read model's rows share it, so the
    administrators' pages judge an attempt by the same rules as the attempt itself.
    """

    wrong_proofs: int
    proven_at: datetime | None
    cancel_reason: CancelReason | None
    cancelled_at: datetime | None
    completed_at: datetime | None
    help_requested_at: datetime | None
    opened_by: str | None

    @property
    def stage(self) -> Stage:
        """Where the attempt stands."""
        if self.cancel_reason is not None:
            return Stage.CANCELLED
        if self.completed_at is not None:
            return Stage.COMPLETED
        if self.proven_at is not None:
            return Stage.WAITING
        if self.help_requested_at is not None or self.opened_by is not None:
            return Stage.WITH_ADMIN
        return Stage.AWAITING_PROOF

    @property
    def is_open(self) -> bool:
        """Whether the attempt can still be proven, cancelled, approved or completed."""
        return self.stage in (Stage.AWAITING_PROOF, Stage.WAITING, Stage.WITH_ADMIN)

    @property
    def ready_at(self) -> datetime | None:
        """When the wait after the proof ends, if proven."""
        return None if self.proven_at is None else self.proven_at + WAIT

    @property
    def bars_new_attempts(self) -> bool:
        """Whether its ending keeps wrong proofs counted for a day, barring new attempts.

        Too many wrong proofs do; so does "this wasn't me" after wrong proofs and no match:
        otherwise asking for help, then cancelling, would give a fresh five guesses.
        """
        if self.cancel_reason is CancelReason.TOO_MANY_WRONG_PROOFS:
            return True
        stopped = self.cancel_reason is CancelReason.NOT_ME
        return stopped and self.wrong_proofs > 0 and self.proven_at is None

    def locked_until(self, now: datetime) -> datetime | None:
        """Until when this attempt, ended after wrong proofs, bars a new one; else None."""
        at = self.cancelled_at
        if at is None or not self.bars_new_attempts:
            return None
        return at + LOCKOUT if _aware(now) < at + LOCKOUT else None


class AccountRecovery(RecoveryProgress, Aggregate):
    """One recovery attempt of one account; every step records who and when."""

    @staticmethod
    def create_id(recovery_id: str, **_: Any) -> UUID:
        """The id chosen in request()."""
        return UUID(recovery_id)

    @classmethod
    def request(
        cls, *, account_id: UUID, link_digest: str, actor: Actor, at: datetime
    ) -> AccountRecovery:
        """Open an attempt for the account, started from the emailed link with this digest."""
        # A plain UUID: drivers hand out their own subclasses, which events cannot store.
        return cls(
            str(uuid4()),
            UUID(str(account_id)),
            _digest(link_digest),
            actor.user_id,
            actor.role.value,
            _aware(at),
        )

    @classmethod
    def open_for_person(
        cls,
        *,
        recovery_id: UUID,
        account_id: UUID,
        replaces: UUID,
        actor: Actor,
        note: str,
        at: datetime,
    ) -> AccountRecovery:
        """An administrator opens an attempt for someone whose attempt `replaces` locked them out.

        It has no link: it is opened to be approved by an administrator, nothing else.
        """
        recovery = cls(
            str(UUID(str(recovery_id))),
            UUID(str(account_id)),
            "",
            actor.user_id,
            actor.role.value,
            _aware(at),
        )
        recovery._check_admin(actor)
        recovery._open_for_person(
            actor.user_id, actor.role.value, UUID(str(replaces)), cls._required_note(note), at
        )
        return recovery

    @event("Requested")
    def __init__(
        self,
        recovery_id: str,
        account_id: UUID,
        link_digest: str,
        actor_id: str,
        actor_role: str,
        at: datetime,
    ) -> None:
        self.account_id, self.link_digest, self.requested_at = account_id, link_digest, at
        self.wrong_proofs = 0
        self.case_id: UUID | None = None
        self.proven_at: datetime | None = None
        self.finish_digest: str | None = None
        self.cancel_digest: str | None = None
        self.approved_by: str | None = None
        self.cancel_reason: CancelReason | None = None
        self.cancelled_at: datetime | None = None
        self.completed_at: datetime | None = None
        self.help_requested_at: datetime | None = None
        self.opened_by: str | None = None
        self.replaces: UUID | None = None

    def check_not_locking(self, now: datetime) -> None:
        """Raise RecoveryLocked while this attempt's ending bars new attempts."""
        until = self.locked_until(now)
        if until is None:
            return
        if self.cancel_reason is CancelReason.TOO_MANY_WRONG_PROOFS:
            raise errors.RecoveryLocked(errors.RECOVERY_LOCKED, until=until)
        raise errors.RecoveryLocked(errors.RECOVERY_LOCKED_AFTER_STOP, until=until)

    def check_open(self) -> None:
        """Raise RecoveryClosed once the attempt was cancelled or completed."""
        if not self.is_open:
            raise errors.RecoveryClosed(errors.RECOVERY_CLOSED)

    def check_ready(self, now: datetime) -> None:
        """Raise unless the attempt is proven and its wait is over."""
        self.check_open()
        ready_at = self.ready_at
        if self.stage is Stage.WITH_ADMIN:
            raise errors.RecoveryNotReady(errors.RECOVERY_WITH_ADMIN, until=None)
        if ready_at is None:
            raise errors.RecoveryNotReady(errors.RECOVERY_NOT_PROVEN, until=None)
        if _aware(now) < ready_at:
            raise errors.RecoveryNotReady(errors.RECOVERY_WAITING, until=ready_at)

    def refuse_proof(self, actor: Actor, at: datetime) -> None:
        """Count a wrong receipt number or date of birth; the fifth cancels the attempt."""
        self._check_awaiting_proof()
        self._refuse_proof(actor.user_id, actor.role.value, _aware(at), self.wrong_proofs + 1)
        if self.wrong_proofs >= MAX_WRONG_PROOFS:
            self.cancel(actor, CancelReason.TOO_MANY_WRONG_PROOFS, at)

    @event("ProofRefused")
    def _refuse_proof(self, actor_id: str, actor_role: str, at: datetime, count: int) -> None:
        self.wrong_proofs = count

    def prove(
        self,
        actor: Actor,
        *,
        case_id: UUID,
        at: datetime,
        finish_digest: str,
        cancel_digest: str,
    ) -> None:
        """Record that a case of the account matched; the wait starts; name the new links."""
        self._check_awaiting_proof()
        self._prove(
            actor.user_id,
            actor.role.value,
            UUID(str(case_id)),
            _aware(at),
            _digest(finish_digest),
            _digest(cancel_digest),
        )

    @event("Proven")
    def _prove(
        self,
        actor_id: str,
        actor_role: str,
        case_id: UUID,
        at: datetime,
        finish_digest: str,
        cancel_digest: str,
    ) -> None:
        self.case_id, self.proven_at = case_id, at
        self.finish_digest, self.cancel_digest = finish_digest, cancel_digest

    def ask_for_admin(self, actor: Actor, *, at: datetime, cancel_digest: str) -> None:
        """Without a receipt number: an administrator must check identity; name the cancel link.

        Wrong proofs given before stay counted; no proof is taken after.
        """
        self._check_awaiting_proof()
        self._ask_for_admin(
            actor.user_id, actor.role.value, _aware(at), _digest(cancel_digest), self.wrong_proofs
        )

    @event("HelpRequested")
    def _ask_for_admin(
        self, actor_id: str, actor_role: str, at: datetime, cancel_digest: str, wrong_proofs: int
    ) -> None:
        self.help_requested_at, self.cancel_digest = at, cancel_digest

    @event("OpenedByAdmin")
    def _open_for_person(
        self, actor_id: str, actor_role: str, replaces: UUID, note: str, at: datetime
    ) -> None:
        self.opened_by, self.replaces = actor_id, replaces

    def cancel(self, actor: Actor, reason: CancelReason, at: datetime, note: str = "") -> None:
        """End the attempt for good; an administrator refusing it says why."""
        self.check_open()
        if reason is CancelReason.REFUSED:
            self._check_admin(actor)
            note = self._required_note(note)
        self._cancel(actor.user_id, actor.role.value, CancelReason(reason).value, _aware(at), note)

    @event("Cancelled")
    def _cancel(self, actor_id: str, actor_role: str, reason: str, at: datetime, note: str) -> None:
        self.cancel_reason, self.cancelled_at = CancelReason(reason), at

    def approve(self, actor: Actor, note: str, at: datetime) -> None:
        """An administrator vouches for the person, with how they checked; no proof or wait."""
        self.check_open()
        self._check_admin(actor)
        self._approve(actor.user_id, actor.role.value, self._required_note(note), _aware(at))

    @event("ApprovedByAdmin")
    def _approve(self, actor_id: str, actor_role: str, note: str, at: datetime) -> None:
        self.approved_by = actor_id

    def complete(self, actor: Actor, at: datetime) -> None:
        """Close the attempt as done: approved, or proven with the wait over."""
        if self.approved_by is None:
            self.check_ready(at)
        else:
            self.check_open()
        self._complete(actor.user_id, actor.role.value, _aware(at))

    @event("Completed")
    def _complete(self, actor_id: str, actor_role: str, at: datetime) -> None:
        self.completed_at = at

    def _check_awaiting_proof(self) -> None:
        self.check_open()
        if self.stage is Stage.WITH_ADMIN:
            raise errors.RecoveryClosed(errors.RECOVERY_WITH_ADMIN)
        if self.stage is not Stage.AWAITING_PROOF:
            raise errors.RecoveryClosed(errors.RECOVERY_PROVEN)

    def _check_admin(self, actor: Actor) -> None:
        if actor.role is not Role.ADMIN:
            raise NotPermitted("Only an administrator can approve or refuse a recovery.")
        if actor.user_id == str(self.account_id):
            raise NotPermitted("An administrator cannot decide on a recovery of their own account.")

    @staticmethod
    def _required_note(note: str) -> str:
        if not note.strip():
            raise ReasonRequired("Say how you checked the person's identity, or why you refused.")
        return note.strip()

"""Tests for the AccountRecovery aggregate in immportal.domain.identity.recovery."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from uuid import UUID, uuid4

import pytest
from eventsourcing.domain import Aggregate

from immportal.domain.actor import Actor, Role
from immportal.domain.errors import InvalidArgument, NotPermitted, ReasonRequired
from immportal.domain.identity.recovery import (
    LOCKOUT,
    MAX_WRONG_PROOFS,
    WAIT,
    AccountRecovery,
    CancelReason,
    Stage,
)
from immportal.domain.identity.recovery_errors import (
    RecoveryClosed,
    RecoveryLocked,
    RecoveryNotReady,
)
from testkit.identity_fakes import NOW

ACCOUNT = UUID("5a1c3a56-4d49-4a44-9d8e-2f1a3b4c5d6e")
PERSON = Actor(str(ACCOUNT), Role.APPLICANT)
ADMIN = Actor("admin-7", Role.ADMIN)
CASE = UUID("0b7e6b1e-1d3c-4f0a-9a55-1234567890ab")


def digest(name: str) -> str:
    """A SHA-256 hex digest standing in for a link token's."""
    return hashlib.sha256(name.encode()).hexdigest()


def requested() -> AccountRecovery:
    """An attempt just opened from the first emailed link."""
    return AccountRecovery.request(
        account_id=ACCOUNT, link_digest=digest("start"), actor=PERSON, at=NOW
    )


def proven() -> AccountRecovery:
    """An attempt whose proof matched at NOW."""
    recovery = requested()
    recovery.prove(
        PERSON, case_id=CASE, at=NOW, finish_digest=digest("finish"), cancel_digest=digest("no")
    )
    return recovery


def replay(recovery: AccountRecovery) -> AccountRecovery:
    """Rebuild the attempt from its collected events, as the repository does."""
    aggregate: Aggregate | None = None
    for domain_event in recovery.collect_events():
        aggregate = domain_event.mutate(aggregate)
    assert isinstance(aggregate, AccountRecovery)
    return aggregate


def names(recovery: AccountRecovery) -> list[str]:
    """The names of the events recorded so far."""
    return [type(e).__name__ for e in recovery.collect_events()]


class TestRequest:
    """An attempt opens for one account, awaiting its proof."""

    def test_opens_awaiting_proof(self) -> None:
        """The new attempt names the account and link, and waits for the proof."""
        recovery = replay(requested())
        assert (ACCOUNT, digest("start"), NOW) == (
            recovery.account_id,
            recovery.link_digest,
            recovery.requested_at,
        )
        assert (Stage.AWAITING_PROOF, True, None) == (
            recovery.stage,
            recovery.is_open,
            recovery.ready_at,
        )

    def test_naive_time_is_refused(self) -> None:
        """Times without a zone are ambiguous and refused."""
        with pytest.raises(InvalidArgument):
            AccountRecovery.request(
                account_id=ACCOUNT,
                link_digest=digest("x"),
                actor=PERSON,
                at=NOW.replace(tzinfo=None),
            )

    def test_link_must_be_a_digest(self) -> None:
        """A token itself never lands in an event, only its digest."""
        with pytest.raises(InvalidArgument):
            AccountRecovery.request(account_id=ACCOUNT, link_digest="token", actor=PERSON, at=NOW)


class TestProof:
    """Wrong proofs are counted; the fifth cancels; a right one starts the wait."""

    def test_wrong_proofs_are_counted(self) -> None:
        """Each wrong proof is an event, and the attempt stays open below the limit."""
        recovery = requested()
        for _ in range(MAX_WRONG_PROOFS - 1):
            recovery.refuse_proof(PERSON, NOW)
        assert (MAX_WRONG_PROOFS - 1, True) == (recovery.wrong_proofs, recovery.is_open)

    def test_fifth_wrong_proof_cancels(self) -> None:
        """The fifth wrong proof cancels the attempt, recorded with its reason."""
        recovery = requested()
        for _ in range(MAX_WRONG_PROOFS):
            recovery.refuse_proof(PERSON, NOW)
        again = replay(recovery)
        assert (Stage.CANCELLED, CancelReason.TOO_MANY_WRONG_PROOFS) == (
            again.stage,
            again.cancel_reason,
        )
        with pytest.raises(RecoveryClosed):
            again.refuse_proof(PERSON, NOW)

    def test_too_many_wrong_proofs_bar_a_day(self) -> None:
        """An attempt ended by wrong proofs bars new ones for 24 hours; other endings do not."""
        recovery = requested()
        for _ in range(MAX_WRONG_PROOFS):
            recovery.refuse_proof(PERSON, NOW)
        assert NOW + LOCKOUT == recovery.locked_until(NOW + LOCKOUT - timedelta(seconds=1))
        assert recovery.locked_until(NOW + LOCKOUT) is None
        mine = requested()
        mine.cancel(PERSON, CancelReason.NOT_ME, NOW)
        assert mine.locked_until(NOW) is None

    def test_right_proof_starts_the_wait(self) -> None:
        """A proof records the case and the new links; the wait ends 24 hours later."""
        recovery = replay(proven())
        assert (Stage.WAITING, CASE, NOW + WAIT) == (
            recovery.stage,
            recovery.case_id,
            recovery.ready_at,
        )
        assert (digest("finish"), digest("no")) == (
            recovery.finish_digest,
            recovery.cancel_digest,
        )

    def test_proven_twice_is_refused(self) -> None:
        """Once proven, no second proof (nor wrong one) is taken."""
        recovery = proven()
        with pytest.raises(RecoveryClosed):
            recovery.refuse_proof(PERSON, NOW)


class TestComplete:
    """Completing needs the proof and the whole wait, or an administrator's approval."""

    def test_not_before_proof(self) -> None:
        """An unproven attempt cannot complete."""
        with pytest.raises(RecoveryNotReady) as refused:
            requested().complete(PERSON, NOW + timedelta(days=2))
        assert refused.value.until is None

    def test_not_during_the_wait(self) -> None:
        """A minute before the wait ends is too early, and says until when."""
        with pytest.raises(RecoveryNotReady) as refused:
            proven().complete(PERSON, NOW + WAIT - timedelta(minutes=1))
        assert NOW + WAIT == refused.value.until

    def test_after_the_wait(self) -> None:
        """After the wait the attempt completes, once."""
        recovery = proven()
        recovery.complete(PERSON, NOW + WAIT)
        assert Stage.COMPLETED == replay(recovery).stage
        with pytest.raises(RecoveryClosed):
            recovery.complete(PERSON, NOW + WAIT)

    def test_cancelled_cannot_complete(self) -> None:
        """ "This wasn't me" ends the attempt for good."""
        recovery = proven()
        recovery.cancel(PERSON, CancelReason.NOT_ME, NOW + timedelta(hours=1))
        with pytest.raises(RecoveryClosed):
            recovery.complete(PERSON, NOW + WAIT)


class TestAdmin:
    """An administrator approves or refuses, saying how or why."""

    def test_approval_skips_proof_and_wait(self) -> None:
        """Approved at once, the attempt completes without proof or wait."""
        recovery = requested()
        recovery.approve(ADMIN, "Video call; passport matched", NOW)
        recovery.complete(ADMIN, NOW)
        assert ["Requested", "ApprovedByAdmin", "Completed"] == names(recovery)

    def test_approval_needs_a_note(self) -> None:
        """Without a word on how identity was checked, nothing is approved."""
        with pytest.raises(ReasonRequired):
            requested().approve(ADMIN, "  ", NOW)

    def test_only_admins(self) -> None:
        """Another role cannot approve or refuse."""
        officer = Actor("officer-1", Role.OFFICER)
        with pytest.raises(NotPermitted):
            requested().approve(officer, "looked fine", NOW)
        with pytest.raises(NotPermitted):
            requested().cancel(officer, CancelReason.REFUSED, NOW, "no")

    def test_not_their_own_account(self) -> None:
        """An administrator cannot approve the recovery of their own account."""
        recovery = AccountRecovery.request(
            account_id=ACCOUNT,
            link_digest=digest("s"),
            actor=Actor(str(ACCOUNT), Role.ADMIN),
            at=NOW,
        )
        with pytest.raises(NotPermitted):
            recovery.approve(Actor(str(ACCOUNT), Role.ADMIN), "it is me", NOW)

    def test_refusal_records_why(self) -> None:
        """A refusal cancels with the administrator and their reason on the event."""
        recovery = proven()
        recovery.cancel(ADMIN, CancelReason.REFUSED, NOW, "Caller could not answer questions")
        (cancelled,) = [e for e in recovery.collect_events() if type(e).__name__ == "Cancelled"]
        assert ("admin-7", "refused_by_admin", "Caller could not answer questions") == (
            cancelled.actor_id,  # type: ignore[attr-defined]
            cancelled.reason,  # type: ignore[attr-defined]
            cancelled.note,  # type: ignore[attr-defined]
        )


class TestEverythingRecorded:
    """Every step is an event with its actor and time."""

    def test_whole_path_events(self) -> None:
        """Request, a wrong proof, the proof and completion are all in the history."""
        recovery = requested()
        recovery.refuse_proof(PERSON, NOW)
        recovery.prove(
            PERSON, case_id=CASE, at=NOW, finish_digest=digest("f"), cancel_digest=digest("c")
        )
        recovery.complete(PERSON, NOW + WAIT)
        events = recovery.collect_events()
        assert ["Requested", "ProofRefused", "Proven", "Completed"] == [
            type(e).__name__ for e in events
        ]
        assert all(getattr(e, "actor_id", None) == str(ACCOUNT) for e in events)
        assert all(getattr(e, "at", None) is not None for e in events)

    def test_ids_differ(self) -> None:
        """Each attempt gets its own id."""
        assert requested().id != requested().id != uuid4()


def asked(wrong_proofs: int = 0) -> AccountRecovery:
    """An attempt whose person gave `wrong_proofs` wrong proofs, then asked for an admin."""
    recovery = requested()
    for _ in range(wrong_proofs):
        recovery.refuse_proof(PERSON, NOW)
    recovery.ask_for_admin(PERSON, at=NOW, cancel_digest=digest("no"))
    return recovery


class TestHelpRequested:
    """Without a receipt number the person asks for an administrator; only one can complete it."""

    def test_waits_for_an_admin(self) -> None:
        """Asking records who and when, names the cancel link, and waits for an administrator."""
        recovery = replay(asked())
        assert (Stage.WITH_ADMIN, True, digest("no"), NOW) == (
            recovery.stage,
            recovery.is_open,
            recovery.cancel_digest,
            recovery.help_requested_at,
        )
        (helped,) = [e for e in asked().collect_events() if type(e).__name__ == "HelpRequested"]
        assert (str(ACCOUNT), "applicant", NOW) == (
            helped.actor_id,  # type: ignore[attr-defined]
            helped.actor_role,  # type: ignore[attr-defined]
            helped.at,  # type: ignore[attr-defined]
        )

    def test_person_cannot_complete(self) -> None:
        """However long the wait, the person alone cannot complete it."""
        with pytest.raises(RecoveryNotReady):
            asked().complete(PERSON, NOW + timedelta(days=30))

    def test_admin_approval_completes(self) -> None:
        """An administrator's approval completes it, each step an event."""
        recovery = asked(wrong_proofs=2)
        recovery.approve(ADMIN, "Called the number on the staff record", NOW)
        recovery.complete(ADMIN, NOW)
        assert ["Requested", "ProofRefused", "ProofRefused", "HelpRequested"] == names(asked(2))
        assert Stage.COMPLETED == recovery.stage

    def test_no_proof_after_asking(self) -> None:
        """No proof, right or wrong, is taken after asking; nor a second request."""
        recovery = asked()
        with pytest.raises(RecoveryClosed):
            recovery.refuse_proof(PERSON, NOW)
        with pytest.raises(RecoveryClosed):
            recovery.prove(
                PERSON, case_id=CASE, at=NOW, finish_digest=digest("f"), cancel_digest=digest("c")
            )
        with pytest.raises(RecoveryClosed):
            recovery.ask_for_admin(PERSON, at=NOW, cancel_digest=digest("n2"))

    def test_not_after_a_proof(self) -> None:
        """A proven attempt does not turn into a request for help."""
        with pytest.raises(RecoveryClosed):
            proven().ask_for_admin(PERSON, at=NOW, cancel_digest=digest("n2"))

    def test_cancel_by_the_person(self) -> None:
        """ "This wasn't me" ends it; with no wrong proofs it bars nothing."""
        recovery = asked()
        recovery.cancel(PERSON, CancelReason.NOT_ME, NOW)
        assert (Stage.CANCELLED, None) == (recovery.stage, recovery.locked_until(NOW))

    def test_wrong_proofs_stay_counted(self) -> None:
        """Wrong proofs before asking stay counted; cancelling then bars new attempts a day."""
        recovery = asked(wrong_proofs=MAX_WRONG_PROOFS - 1)
        assert MAX_WRONG_PROOFS - 1 == replay(recovery).wrong_proofs
        recovery.cancel(PERSON, CancelReason.NOT_ME, NOW)
        assert NOW + LOCKOUT == recovery.locked_until(NOW)
        with pytest.raises(RecoveryLocked):
            recovery.check_not_locking(NOW + LOCKOUT - timedelta(seconds=1))
        recovery.check_not_locking(NOW + LOCKOUT)

    def test_not_after_the_lockout_began(self) -> None:
        """An attempt ended by too many wrong proofs cannot ask for help."""
        recovery = requested()
        for _ in range(MAX_WRONG_PROOFS):
            recovery.refuse_proof(PERSON, NOW)
        with pytest.raises(RecoveryClosed):
            recovery.ask_for_admin(PERSON, at=NOW, cancel_digest=digest("no"))


def locked_out() -> AccountRecovery:
    """An attempt ended by too many wrong proofs at NOW."""
    recovery = requested()
    for _ in range(MAX_WRONG_PROOFS):
        recovery.refuse_proof(PERSON, NOW)
    return recovery


class TestOpenedByAdmin:
    """An administrator opens a new attempt for someone locked out, then approves it."""

    def test_open_approve_complete(self) -> None:
        """The new attempt names who opened it, why, and the attempt it replaces."""
        locked, new_id = locked_out(), uuid4()
        recovery = AccountRecovery.open_for_person(
            recovery_id=new_id,
            account_id=ACCOUNT,
            replaces=locked.id,
            actor=ADMIN,
            note="Video call; passport matched",
            at=NOW,
        )
        assert (new_id, Stage.WITH_ADMIN, locked.id) == (
            recovery.id,
            recovery.stage,
            recovery.replaces,
        )
        recovery.approve(ADMIN, "Video call; passport matched", NOW)
        recovery.complete(ADMIN, NOW)
        events = recovery.collect_events()
        assert ["Requested", "OpenedByAdmin", "ApprovedByAdmin", "Completed"] == [
            type(e).__name__ for e in events
        ]
        assert all(getattr(e, "actor_id", None) == "admin-7" for e in events)
        assert "Video call; passport matched" == events[1].note  # type: ignore[attr-defined]

    def test_only_admins_with_a_note(self) -> None:
        """Nobody else opens one, an administrator not for themselves, and never without a note."""
        kwargs = {"recovery_id": uuid4(), "replaces": uuid4(), "at": NOW}
        with pytest.raises(NotPermitted):
            AccountRecovery.open_for_person(
                account_id=ACCOUNT, actor=Actor("officer-1", Role.OFFICER), note="ok", **kwargs
            )
        with pytest.raises(NotPermitted):
            AccountRecovery.open_for_person(
                account_id=ACCOUNT, actor=Actor(str(ACCOUNT), Role.ADMIN), note="me", **kwargs
            )
        with pytest.raises(ReasonRequired):
            AccountRecovery.open_for_person(account_id=ACCOUNT, actor=ADMIN, note=" ", **kwargs)

    def test_takes_no_proof(self) -> None:
        """An attempt an administrator opened takes no proof and no person's completion."""
        recovery = AccountRecovery.open_for_person(
            recovery_id=uuid4(),
            account_id=ACCOUNT,
            replaces=uuid4(),
            actor=ADMIN,
            note="ok",
            at=NOW,
        )
        with pytest.raises(RecoveryClosed):
            recovery.refuse_proof(PERSON, NOW)
        with pytest.raises(RecoveryNotReady):
            recovery.complete(PERSON, NOW + WAIT)

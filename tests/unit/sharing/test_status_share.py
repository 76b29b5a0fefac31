"""The StatusShare aggregate: who makes and revokes a code, and how checks are recorded."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from immportal.domain.actor import Actor, Role
from immportal.domain.errors import InvalidArgument, NotPermitted
from immportal.domain.sharing.share import (
    LIFETIME,
    MAX_FAILED_CHECKS,
    CheckRefused,
    Refusal,
    StatusShare,
    share_id,
)

HOLDER = Actor("holder-1", Role.APPLICANT)
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def made(**overrides: object) -> StatusShare:
    """A code for work showing the name and status, made NOW."""
    values: dict[str, object] = {
        "case_id": uuid4(),
        "purpose": "work",
        "facts": ["status", "name"],
        "now": NOW,
    }
    values.update(overrides)
    return StatusShare.create(HOLDER, **values)  # type: ignore[arg-type]


def names(share: StatusShare) -> list[str]:
    """The names of the events the share recorded and has not saved yet."""
    return [type(event).__name__ for event in share.collect_events()]


class TestCreate:
    """Only the holder makes a code, for a known purpose, showing chosen facts."""

    def test_made(self) -> None:
        """Id from the code, facts in their usual order, 90 days of life."""
        share = made()
        assert share.id == share_id(share.code)
        assert (["name", "status"], NOW + LIFETIME) == (share.facts, share.expires_at)
        assert timedelta(days=90) == LIFETIME
        assert ["Created"] == names(share)

    @pytest.mark.parametrize("role", [Role.REPRESENTATIVE, Role.OFFICER, Role.ADMIN])
    def test_only_the_holder(self, role: Role) -> None:
        """Nobody shares someone else's status, not even their representative."""
        with pytest.raises(NotPermitted):
            StatusShare.create(
                Actor("someone", role), case_id=uuid4(), purpose="work", facts=["name"], now=NOW
            )

    @pytest.mark.parametrize(
        ("purpose", "facts"), [("holiday", ["name"]), ("work", []), ("work", ["address"])]
    )
    def test_choices_checked(self, purpose: str, facts: list[str]) -> None:
        """An unknown purpose, no fact, or an unknown fact is refused."""
        with pytest.raises(InvalidArgument):
            made(purpose=purpose, facts=facts)


class TestRevoke:
    """The holder stops a code; a second stop records nothing."""

    def test_revoke_once(self) -> None:
        """Revoked, then refused at once."""
        share = made()
        share.collect_events()
        assert (True, False) == (share.revoke(HOLDER), share.revoke(HOLDER))
        assert ["Revoked"] == names(share)
        assert Refusal.REVOKED is share.refusal(NOW)

    def test_not_someone_else(self) -> None:
        """Another applicant cannot stop it."""
        with pytest.raises(NotPermitted):
            made().revoke(Actor("holder-2", Role.APPLICANT))


class TestChecks:
    """A working code records each check; a dead one refuses without a record."""

    def test_shown_and_downloaded(self) -> None:
        """The right date of birth records a check, and whether a statement was taken."""
        share = made()
        share.collect_events()
        share.record_check(born_on_matches=True, statement=False, now=NOW)
        share.record_check(born_on_matches=True, statement=True, now=NOW)
        events = share.collect_events()
        assert [("Checked", False), ("Checked", True)] == [
            (type(e).__name__, e.statement)  # type: ignore[attr-defined]
            for e in events
        ]

    def test_wrong_dates_lock_the_code(self) -> None:
        """Each wrong date of birth is recorded; past the limit even the right one fails."""
        share = made()
        share.collect_events()
        for _ in range(MAX_FAILED_CHECKS):
            with pytest.raises(CheckRefused) as refused:
                share.record_check(born_on_matches=False, statement=False, now=NOW)
            assert Refusal.WRONG_DATE_OF_BIRTH is refused.value.refusal
        with pytest.raises(CheckRefused) as locked:
            share.record_check(born_on_matches=True, statement=False, now=NOW)
        assert Refusal.LOCKED is locked.value.refusal
        assert ["CheckFailed"] * MAX_FAILED_CHECKS == names(share)

    @pytest.mark.parametrize(
        ("revoked", "at", "refusal"),
        [(True, NOW, Refusal.REVOKED), (False, NOW + LIFETIME, Refusal.EXPIRED)],
    )
    def test_dead_code(self, revoked: bool, at: datetime, refusal: Refusal) -> None:
        """Revoked or expired: refused, and nothing recorded."""
        share = made()
        if revoked:
            share.revoke(HOLDER)
        share.collect_events()
        with pytest.raises(CheckRefused) as refused:
            share.record_check(born_on_matches=True, statement=False, now=at)
        assert (refusal, []) == (refused.value.refusal, names(share))

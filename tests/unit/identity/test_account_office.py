"""Tests for placing staff in an office: Account.assign_office."""

from __future__ import annotations

import pytest

from immportal.domain.actor import Actor, Role
from immportal.domain.errors import InvalidArgument
from immportal.domain.identity.account import Account
from testkit.identity_fakes import EMAIL, NAMES

ADMIN = Actor("admin-1", Role.ADMIN)


def staff(role: Role) -> Account:
    """A freshly opened account in a role."""
    return Account.register(
        email=EMAIL, password_hash="$argon2id$fake", names=NAMES, actor=ADMIN, role=role
    )


class TestAssignOffice:
    """Admins place officers and supervisors in an office, recorded as OfficeAssigned."""

    def test_admin_places_an_officer(self) -> None:
        """The code is kept in capitals and the event names the admin."""
        account = staff(Role.OFFICER)
        account.assign_office(ADMIN, " nbc ")
        event = account.collect_events()[-1]

        assert "NBC" == account.office
        assert ("OfficeAssigned", "admin-1", "admin") == (
            type(event).__name__,
            event.actor_id,  # type: ignore[attr-defined]
            event.actor_role,  # type: ignore[attr-defined]
        )

    def test_the_same_office_twice_records_nothing(self) -> None:
        """Placing someone where they already are adds no event."""
        account = staff(Role.SUPERVISOR)
        account.assign_office(ADMIN, "CSC")
        count = len(account.pending_events)
        account.assign_office(ADMIN, "csc")
        assert count == len(account.pending_events)

    @pytest.mark.parametrize(
        ("actor", "role", "office"),
        [
            (Actor("officer-1", Role.OFFICER), Role.OFFICER, "NBC"),
            (ADMIN, Role.APPLICANT, "NBC"),
            (ADMIN, Role.AUDITOR, "NBC"),
            (ADMIN, Role.OFFICER, "N"),
            (ADMIN, Role.OFFICER, "NB C"),
        ],
    )
    def test_refused(self, actor: Actor, role: Role, office: str) -> None:
        """Not an admin, not an office role, or not an office code: InvalidArgument."""
        account = staff(role)
        with pytest.raises(InvalidArgument):
            account.assign_office(actor, office)
        assert account.office is None

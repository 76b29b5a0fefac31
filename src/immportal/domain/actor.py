"""Who acts on a case: a user id and the role they act in."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """The roles a person (or the system itself) can act in."""

    APPLICANT = "applicant"
    REPRESENTATIVE = "representative"
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    AUDITOR = "auditor"
    ANALYST = "analyst"
    ADMIN = "admin"
    SYSTEM = "system"


@dataclass(frozen=True)
class Actor:
    """A user acting in one role; every event records both."""

    user_id: str
    role: Role

    @classmethod
    def system(cls) -> Actor:
        """Return the actor used for automated steps such as acceptance."""
        return cls("system", Role.SYSTEM)

"""What a share code is for and what it shows: the holder's choices, in plain words."""

from __future__ import annotations

from enum import StrEnum


class Purpose(StrEnum):
    """Why the holder proves their status; shown to the holder beside each check."""

    WORK = "work"
    RENTING = "renting"
    STUDY = "study"

    @property
    def label(self) -> str:
        """The purpose in words."""
        return _PURPOSES[self]


class Fact(StrEnum):
    """A fact a share code may reveal: the holder chooses which."""

    NAME = "name"
    STATUS = "status"
    VALID_UNTIL = "valid_until"

    @property
    def label(self) -> str:
        """The fact's name in words."""
        return _FACTS[self]


_PURPOSES = {
    Purpose.WORK: "A job (right to work)",
    Purpose.RENTING: "Renting a home",
    Purpose.STUDY: "Study",
}
_FACTS = {
    Fact.NAME: "Your name",
    Fact.STATUS: "Your immigration status",
    Fact.VALID_UNTIL: "The date your status is valid until",
}
FACT_ORDER = (Fact.NAME, Fact.STATUS, Fact.VALID_UNTIL)
"""The order facts are listed in, wherever they are shown."""

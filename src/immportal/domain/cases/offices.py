"""The offices cases are filed at and worked in: their codes and the names people read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Office:
    """A service center or field office that holds cases."""

    code: str
    name: str
    city: str

    @property
    def label(self) -> str:
        """How pages name it: 'Potomac Service Center (PSC)'."""
        return f"{self.name} ({self.code})"


OFFICES: tuple[Office, ...] = (
    Office("NBC", "National Benefits Center", "Lee's Summit, Missouri"),
    Office("PSC", "Potomac Service Center", "Arlington, Virginia"),
    Office("CSC", "California Service Center", "Laguna Niguel, California"),
    Office("NSC", "Nebraska Service Center", "Lincoln, Nebraska"),
    Office("TSC", "Texas Service Center", "Dallas, Texas"),
    Office("VSC", "Vermont Service Center", "St. Albans, Vermont"),
    Office("NYC", "New York City Field Office", "New York, New York"),
)
"""Every office a case can be at; codes are unique."""

ONLINE_INTAKE = "ONLINE"
"""Where a draft filled in online waits: it is sent to an office when filed (routing.py)."""
_INTAKE = Office(ONLINE_INTAKE, "Online filing, not yet sent to an office", "")
_BY_CODE = {office.code: office for office in (*OFFICES, _INTAKE)}


def office_by_code(code: str | None) -> Office | None:
    """The office with this code, or None."""
    return _BY_CODE.get((code or "").strip().upper())


def office_label(code: str | None) -> str:
    """The office's name and code; a code we do not know is shown as it is."""
    office = office_by_code(code)
    if office is not None:
        return office.label
    return (code or "").strip() or "No office yet"

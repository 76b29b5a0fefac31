"""Which approved applications prove a status, what the status is called, and until when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from immportal.domain.cases.forms import FormType


@dataclass(frozen=True)
class ProvenStatus:
    """A status as a share code states it."""

    status: str
    valid_until: date | None
    """None: the status does not expire."""

    def valid_on(self, day: date) -> bool:
        """Whether the status still holds on that day (its last day included)."""
        return self.valid_until is None or day <= self.valid_until


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February, in a year that has none
        return day.replace(year=day.year + years, day=28)


def proven_status(
    form_type: str, answers: dict[str, Any], approved_on: date
) -> ProvenStatus | None:
    """The status an approved application gives, or None if it gives none to prove.

    An approved I-130 petition is a step towards a status, not a status, so it proves
    nothing. The card periods are those of the documents issued on approval: a replaced
    green card runs 10 years (2 for a conditional resident); an employment authorization
    document 2 years here, as the categories with other periods are not modelled yet.
    """
    match FormType(form_type):
        case FormType.I90:
            card = answers.get("card", {}).get("status")
            if card == "conditional_resident":
                return ProvenStatus("Conditional permanent resident", _years_after(approved_on, 2))
            return ProvenStatus("Lawful permanent resident", _years_after(approved_on, 10))
        case FormType.I765:
            return ProvenStatus(
                "Permitted to work in the United States (employment authorization)",
                _years_after(approved_on, 2),
            )
        case FormType.N400:
            return ProvenStatus("Approved for naturalization as a United States citizen", None)
        case _:
            return None

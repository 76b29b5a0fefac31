"""A status statement: exactly the facts the holder chose to show, as of one check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from immportal.domain.sharing.choices import Fact, Purpose
from immportal.formatting import long_date
from immportal.i18n import babel_locale

CREDENTIAL_TYPE = "immportal.status-statement.v1"


@dataclass(frozen=True)
class StatusStatement:
    """What a checker sees: the purpose, the chosen facts, and when it was checked."""

    purpose: Purpose
    shown: tuple[Fact, ...]
    name: str | None
    status: str | None
    valid_until: date | None
    checked_at: datetime

    def rows(self) -> list[tuple[str, str]]:
        """Label and value of each chosen fact, in the usual order."""
        values = {
            Fact.NAME: self.name or "",
            Fact.STATUS: self.status or "",
            Fact.VALID_UNTIL: (
                long_date(self.valid_until, babel_locale())
                if self.valid_until
                else "Does not expire"
            ),
        }
        labels = {Fact.NAME: "Name", Fact.STATUS: "Status", Fact.VALID_UNTIL: "Valid until"}
        return [(labels[fact], values[fact]) for fact in self.shown]

    def claims(self, issuer: str) -> dict[str, Any]:
        """The statement as a credential's claims: only the chosen facts appear at all."""
        claims: dict[str, Any] = {
            "iss": issuer,
            "type": CREDENTIAL_TYPE,
            "iat": int(self.checked_at.timestamp()),
            "purpose": self.purpose.value,
        }
        if Fact.NAME in self.shown:
            claims["name"] = self.name
        if Fact.STATUS in self.shown:
            claims["status"] = self.status
        if Fact.VALID_UNTIL in self.shown:
            claims["valid_until"] = self.valid_until.isoformat() if self.valid_until else None
        return claims

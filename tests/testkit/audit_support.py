"""What the auditor page tests share: a decided case, an auditor, reading result tables."""

import csv
import io
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import Any
from uuid import UUID

import pytest

from immportal.domain.actor import Actor, Role
from immportal.services.cases.service import CaseService
from testkit.e2e_support import Portal, accepted_case, new_applicant
from testkit.signed_in_support import Person, SignIn, people

OFFICER = Actor("officer-audit-test", Role.OFFICER)
SUPERVISOR = Actor("supervisor-audit-test", Role.SUPERVISOR)
DENIAL_REASON = "The applicant did not show continuous residence."


async def decided_case(cases: CaseService, applicant: Actor) -> UUID:
    """An accepted case taken to a reviewed denial: versions 1-4 accepted, 10 denied."""
    case_id = await accepted_case(cases, applicant)
    soon = datetime.now(UTC) + timedelta(days=10)
    steps = [
        lambda c: c.schedule_biometrics(Actor.system(), soon, "ASC Newark"),  # 5
        lambda c: c.record_biometrics_attended(OFFICER),  # 6
        lambda c: c.assign(SUPERVISOR, OFFICER.user_id),  # 7
        lambda c: c.propose_decision(OFFICER, "deny", DENIAL_REASON, "INA 316(a)", True),  # 8
        lambda c: c.approve_proposal(SUPERVISOR, "Reasons checked against the file."),  # 9
        lambda c: c.issue_decision(OFFICER),  # 10
    ]
    for step in steps:
        await cases.update(case_id, None, step)
    return case_id


@dataclass(frozen=True)
class AuditScene:
    """A decided case, an auditor signed in, and a way to sign in others."""

    portal: Portal
    case_id: UUID
    applicant: Actor
    auditor: Person
    sign_in: SignIn


@pytest.fixture
async def scene(portal: Portal) -> AsyncIterator[AuditScene]:
    """One decided case and a signed-in auditor."""
    async with people(portal) as sign_in:
        applicant = new_applicant()
        case_id = await decided_case(portal.runtime.cases, applicant)
        auditor = await sign_in(Role.AUDITOR)
        yield AuditScene(portal, case_id, applicant, auditor, sign_in)


class _Rows(HTMLParser):
    """The body rows of tables whose <tr> has a given class, as lists of cell texts."""

    def __init__(self, row_class: str) -> None:
        super().__init__(convert_charrefs=True)
        self.row_class, self.rows = row_class, []  # type: list[list[str]]
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "tr" and self.row_class in classes:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def table_rows(html: str, row_class: str) -> list[list[str]]:
    """The cells of each row with the class, in page order."""
    parser = _Rows(row_class)
    parser.feed(html)
    return parser.rows


def read_jsonl(text: str) -> list[dict[str, Any]]:
    """Parse a JSON Lines download."""
    return [json.loads(line) for line in text.splitlines() if line]


def read_csv(text: str) -> list[dict[str, str]]:
    """Parse a CSV download with the csv module."""
    return list(csv.DictReader(io.StringIO(text)))

"""Filling in an application: start a draft once, save its pages, sign it, delete it."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid5

from immportal.domain.actor import Actor
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.offices import ONLINE_INTAKE
from immportal.domain.catalogue import form_for, is_complete
from immportal.errors import ConcurrencyConflict
from immportal.services.cases.files import CaseFile
from immportal.services.cases.service import CaseService
from immportal.services.ports import Written
from immportal.services.repository import Repository

SIGNATURE_SECTION = "declaration"
"""Where the signature is kept in the answers: no form has a section of this name."""
UNSIGNED: dict[str, Any] = {"full_name": None, "signed_at": None}

# Starting ids are derived from (person, form key) inside this namespace.
START_NAMESPACE = UUID("0b7c4f0e-4a57-4f3e-9d55-5f2f8a8f1c61")
ATTEMPTS = 5
"""Saves retried after a conflict (another tab saved first) before giving up."""


def start_id(actor: Actor, key: str) -> UUID:
    """The case id a start form with this key opens for this person (same key, same id)."""
    return uuid5(START_NAMESPACE, f"{actor.user_id}\n{key}")


def is_signed(case: Case | CaseFile) -> bool:
    """Whether the draft carries a signature given since its answers last changed."""
    return bool(case.answers.get(SIGNATURE_SECTION, {}).get("signed_at"))


def ready_to_file(case: Case | CaseFile) -> bool:
    """Whether the draft is complete and signed, so its fee may be paid and it be filed."""
    return is_signed(case) and is_complete(form_for(case.form_type), case.answers)


@dataclass(frozen=True)
class Opened:
    """The draft a start form opened, and the log position of its opening event.

    Position 0 says an earlier send of the same form opened it (a double click).
    """

    case_id: UUID
    position: int


class ApplicationService:
    """Use cases of the filling journey, on top of the case service."""

    def __init__(self, repository: Repository, cases: CaseService) -> None:
        self._repository = repository
        self._cases = cases

    async def start(
        self,
        *,
        actor: Actor,
        form_type: FormType,
        key: str,
        prefill: Mapping[str, dict[str, Any]] | None = None,
    ) -> Opened:
        """Open the person's draft on a form, starting with the `prefill` answers (by
        section) the person gave before; the same key again finds the same draft."""
        case_id = start_id(actor, key)
        case = Case.start(
            applicant_id=actor.user_id,
            form_type=form_type,
            # Routed to an office with staff when filed (CaseService, domain/cases/routing.py).
            office=ONLINE_INTAKE,
            actor=actor,
            case_id=case_id,
        )
        # Saved with the opening, so a second send of the start form adds nothing.
        for section, answers in (prefill or {}).items():
            if answers:
                case.save_answers(actor, section, answers)
        # A conflict means the first of two posts opened it: both lead to the one draft.
        try:
            positions = await self._repository.save(case)
        except ConcurrencyConflict:
            positions = []
        return Opened(case_id, max(positions, default=0))

    async def save_page(
        self, case_id: UUID, *, actor: Actor, section: str, answers: dict[str, Any]
    ) -> Written:
        """Save one page's answers into its section; a change voids an earlier signature."""

        def command(case: Case) -> None:
            saved = case.answers.get(section, {})
            if all(saved.get(name) == value for name, value in answers.items()):
                return  # nothing new: no event for a page saved as it was
            case.save_answers(actor, section, answers)
            if is_signed(case):
                case.save_answers(actor, SIGNATURE_SECTION, UNSIGNED)

        return await self.retrying(case_id, command)

    async def sign(self, case_id: UUID, *, actor: Actor, full_name: str) -> Written:
        """Record the applicant's typed signature and when they gave it."""
        signature = {"full_name": full_name, "signed_at": datetime.now(UTC).isoformat()}
        return await self.retrying(
            case_id, lambda case: case.save_answers(actor, SIGNATURE_SECTION, signature)
        )

    async def delete_draft(self, case_id: UUID, *, actor: Actor) -> Written:
        """Delete the draft; its events stay in the log."""
        return await self.retrying(case_id, lambda case: case.delete_draft(actor))

    async def retrying(self, case_id: UUID, command: Callable[[Case], None]) -> Written:
        """Run the command on the case as it is now, again on a fresh copy after a conflict.

        Two tabs saving at the same moment both succeed: the second reloads the case with
        the first one's answers and adds its own (sections merge field by field).
        """
        for _ in range(ATTEMPTS - 1):
            try:
                return await self._cases.update(case_id, None, command)
            except ConcurrencyConflict:
                continue
        return await self._cases.update(case_id, None, command)

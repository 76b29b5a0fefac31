"""Case commands and queries used by the web layer, the CLI and the demo."""

from collections.abc import Callable
from datetime import UTC, datetime
from uuid import UUID

import structlog

from immportal.domain.actor import Actor
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.offices import ONLINE_INTAKE
from immportal.domain.cases.routing import Reach, choose_office, filing_area
from immportal.domain.cases.status import PENDING_STATUSES, CaseStatus
from immportal.errors import ConcurrencyConflict
from immportal.services.cases.ports import OfficeStaffing, ReceiptNumberIssuer
from immportal.services.ports import Written
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)

# Receipt numbers of online filings start with this system code, as at USCIS.
ONLINE_FILING_CODE = "IOE"


class CaseService:
    """Thin use cases: load, command, save, return ids."""

    def __init__(
        self,
        repository: Repository,
        receipts: ReceiptNumberIssuer,
        staffing: OfficeStaffing | None = None,
    ) -> None:
        self._repository = repository
        self._receipts = receipts
        # Without it (unit tests, tools) filings are routed as if no office had staff.
        self._staffing = staffing

    async def start(
        self, *, actor: Actor, applicant_id: str, form_type: FormType, office: str
    ) -> UUID:
        """Open a draft application; return the new case id."""
        case = Case.start(
            applicant_id=applicant_id, form_type=form_type, office=office, actor=actor
        )
        await self._repository.save(case)
        return case.id

    async def get(self, case_id: UUID, *, up_to_version: int | None = None) -> Case:
        """The case as it stands (or stood at a version)."""
        return await self._repository.get(Case, case_id, up_to_version=up_to_version)

    async def update(
        self, case_id: UUID, expected_version: int | None, command: Callable[[Case], None]
    ) -> Written:
        """Run one command on a case the person last saw at `expected_version`.

        Returns the case's new version and where its events went in the log. A case
        that moved on since it was shown raises ConcurrencyConflict, so nobody
        overwrites what they have not seen.
        """
        case = await self.get(case_id)
        if expected_version is not None and case.version != expected_version:
            raise ConcurrencyConflict(f"case {case_id} is at version {case.version}")
        was_draft = case.status is CaseStatus.DRAFT
        command(case)
        # Every way of filing (a payment, a $0 filing, a fee waiver request) passes here; a
        # case opened at a chosen office (the demo, tools, tests) stays at it.
        if was_draft and case.status in PENDING_STATUSES and case.office == ONLINE_INTAKE:
            await self._route(case)
        return Written.of(case.version, await self._repository.save(case))

    async def _route(self, case: Case) -> None:
        area = filing_area(case.answers, case.address)
        staffing = {} if self._staffing is None else await self._staffing.staffing()
        routing = choose_office(FormType(case.form_type), area, staffing)
        if routing.reach is Reach.NOBODY:
            log.warning("case_routed_to_unstaffed_office", case_id=str(case.id))
        case.route(Actor.system(), routing.office, routing.reason)
        log.info("case_routed", case_id=str(case.id), office=routing.office, reach=routing.reach)

    async def change_address(
        self, case_id: UUID, *, actor: Actor, expected_version: int, address: dict[str, str]
    ) -> Written:
        """Record a new mailing address."""
        return await self.update(
            case_id, expected_version, lambda case: case.change_address(actor, address)
        )

    async def authorize_representative(
        self, case_id: UUID, *, actor: Actor, expected_version: int, representative_id: str
    ) -> Written:
        """Let a representative act on the case for its applicant."""
        return await self.update(
            case_id,
            expected_version,
            lambda case: case.authorize_representative(actor, representative_id),
        )

    async def revoke_representative(
        self, case_id: UUID, *, actor: Actor, expected_version: int, representative_id: str
    ) -> Written:
        """End a representative's authorization on the case."""
        return await self.update(
            case_id,
            expected_version,
            lambda case: case.revoke_representative(actor, representative_id),
        )

    async def accept(self, case_id: UUID, *, actor: Actor) -> str:
        """Accept a submitted case with a fresh receipt number; return it."""
        number = await self._receipts.issue(ONLINE_FILING_CODE, datetime.now(UTC).date())
        await self.update(case_id, None, lambda case: case.accept(actor, number))
        return number

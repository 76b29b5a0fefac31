"""One change of address for the whole profile: the account, then every active case.

The account keeps the address (MailingAddressChanged); each active case of the holder
records it too (AddressChanged), because each case's letters go to the address on that
case. Cases are changed one by one, each retried when another change raced it; a case
that was closed meanwhile is reported as not changed rather than failing the rest. The
address the account or a case already has records nothing there (and so sends no notice).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

import structlog

from immportal.domain.actor import Actor
from immportal.domain.cases.filed_contact import same_address
from immportal.domain.cases.status import ACTIVE_STATUSES
from immportal.domain.errors import DomainError
from immportal.domain.identity.account import Account
from immportal.services.cases.service import CaseService
from immportal.services.identity.retry import retrying
from immportal.services.ports import Written
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class AddressChangeReport:
    """Which cases now carry the new address, which refused it, and the last log position."""

    updated: tuple[UUID, ...]
    refused: tuple[UUID, ...]
    position: int = 0
    """The log position of the last event recorded (0 if nothing was)."""
    account_changed: bool = True
    """False when the account already had this address."""
    unchanged: tuple[UUID, ...] = ()
    """The cases that already had this address (nothing recorded on them)."""

    @property
    def nothing_changed(self) -> bool:
        """Whether the address was already the account's and every case's."""
        return not self.account_changed and not self.updated


class ProfileAddressService:
    """Change the holder's mailing address on their account and their active cases."""

    def __init__(self, repository: Repository, cases: CaseService) -> None:
        self._repository, self._cases = repository, cases

    async def change(
        self, account_id: UUID, address: dict[str, str], case_ids: Iterable[UUID]
    ) -> AddressChangeReport:
        """Record the address on the account, then on each of `case_ids` that is active."""

        async def on_account() -> tuple[Actor, list[int]]:
            account = await self._repository.get(Account, account_id)
            if same_address(account.mailing_address, address):
                return account.holder, []
            account.change_mailing_address(account.holder, address)
            return account.holder, await self._repository.save(account)

        holder, positions = await retrying(on_account)
        account_changed = bool(positions)
        updated: list[UUID] = []
        refused: list[UUID] = []
        unchanged: list[UUID] = []
        for case_id in case_ids:
            try:
                written = await self._change_case(case_id, holder, address)
            except DomainError as exc:
                log.info("profile_address_refused", case_id=str(case_id), error=type(exc).__name__)
                refused.append(case_id)
                continue
            if written is not None and written.position:
                updated.append(case_id)
                positions.append(written.position)
            elif written is not None:
                unchanged.append(case_id)
        log.info(
            "profile_address_changed",
            account=account_changed,
            cases=len(updated),
            refused=len(refused),
            unchanged=len(unchanged),
        )
        return AddressChangeReport(
            tuple(updated),
            tuple(refused),
            max(positions, default=0),
            account_changed=account_changed,
            unchanged=tuple(unchanged),
        )

    async def _change_case(
        self, case_id: UUID, holder: Actor, address: dict[str, str]
    ) -> Written | None:
        # The case's own events, not the read model, say whether it is the holder's and active.
        case = await self._cases.get(case_id)
        if case.applicant_id != holder.user_id or case.status not in ACTIVE_STATUSES:
            return None

        async def attempt() -> Written:
            return await self._cases.update(
                case_id, None, lambda c: c.change_address(holder, address)
            )

        return await retrying(attempt)

"""Who receives an account's security emails: its address as it stood at an event."""

from uuid import UUID

from immportal.domain.identity.account import Account
from immportal.domain.identity.time_zones import person_zone
from immportal.errors import NotFound
from immportal.services.notifications.ports import Recipient
from immportal.services.repository import Repository


class AccountRecipients:
    """Reads the account's own events, so there is no read model to wait for."""

    def __init__(self, repository: Repository) -> None:
        self._repository = repository

    async def at_version(self, account_id: UUID, version: int) -> Recipient | None:
        """The account's address and first name as of `version`; None if there is none."""
        if version < 1:
            return None
        try:
            account = await self._repository.get(Account, account_id, up_to_version=version)
        except NotFound:
            return None
        zone = person_zone(account.time_zone, account.mailing_address)
        # The language chosen as of the event: a mail sent late still speaks as it would have.
        return Recipient(
            email=account.email,
            first_name=account.first_name,
            time_zone=zone,
            language=account.language,
        )

"""Find the account of a representative an applicant names by email address."""

from uuid import UUID

from immportal.domain.actor import Role
from immportal.domain.errors import DomainError
from immportal.domain.identity.emails import email_key
from immportal.errors import NotFound
from immportal.i18n import N_
from immportal.services.identity.accounts import AccountService
from immportal.services.identity.ports import EmailIndex


class NotARepresentative(DomainError):
    """No representative's account signs in with that email address."""


class RepresentativeDirectory:
    """Representatives' accounts, looked up by the address they sign in with."""

    def __init__(self, emails: EmailIndex, accounts: AccountService) -> None:
        self._emails = emails
        self._accounts = accounts

    async def find(self, email: str) -> UUID:
        """The representative's account id; else raise NotARepresentative (or InvalidArgument)."""
        account_id = await self._emails.find(email_key(email))
        if account_id is None or await self._role(account_id) is not Role.REPRESENTATIVE:
            raise NotARepresentative(N_("No representative's account uses that email address."))
        return account_id

    async def _role(self, account_id: UUID) -> Role | None:
        try:
            return (await self._accounts.get(account_id)).role
        except NotFound:
            return None

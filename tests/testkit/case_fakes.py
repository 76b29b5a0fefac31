"""In-memory stand-ins for the case tests: receipt numbers, and staff accounts in an office."""

from datetime import date
from uuid import UUID

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.receipt import format_receipt_number
from immportal.domain.identity.account import Account
from immportal.services.repository import Repository

# Staff accounts are opened by an administrator, as `immportal users create` does.
ADMIN = Actor("admin-1", Role.ADMIN)


class Receipts:
    """Receipt numbers from a counter, never the same twice."""

    def __init__(self) -> None:
        self.issued = 0

    async def issue(self, office_code: str, on: date) -> str:
        """The next number."""
        self.issued += 1
        return format_receipt_number(office_code, on, self.issued)


async def staff_member(repository: Repository, role: Role, office: str | None = None) -> Actor:
    """Open an officer's or supervisor's account, placed in the office if given; act as them."""
    account = Account.register(
        email=f"{role.value}.{office or 'none'}@example.gov",
        password_hash="$argon2id$not-checked-here",
        names=["Staff Member"],
        actor=ADMIN,
        role=role,
    )
    if office is not None:
        account.assign_office(ADMIN, office)
    await repository.save(account)
    return Actor(str(account.id), role)


def account_id(actor: Actor) -> UUID:
    """The account id an actor signed in with."""
    return UUID(actor.user_id)

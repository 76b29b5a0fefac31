"""An account as the `account_profiles` read model shows it: who the person is, never secrets."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from immportal.domain.actor import Role
from immportal.domain.identity.time_zones import person_zone


@dataclass(frozen=True, kw_only=True)
class AccountProfile:
    """One account's names, address, role and office, and how its sign-in is set up."""

    account_id: UUID
    email: str
    email_key: str
    names: tuple[str, ...]
    role: Role
    office: str | None
    email_verified: bool
    totp_active: bool
    recovery_codes_left: int
    mailing_address: dict[str, str] | None
    last_sign_in_at: datetime | None
    language: str | None = None
    """The language the person chose, None until they choose one (the browser's is used)."""
    version: int
    position: int
    time_zone: str | None = None
    """The zone the person chose on their account page, None until they choose one."""

    @property
    def shown_zone(self) -> str:
        """The zone the person's dates are shown in: the chosen one, else their address's."""
        return person_zone(self.time_zone, self.mailing_address)

    @property
    def id(self) -> UUID:
        """The account's id, named as on the aggregate."""
        return self.account_id

    @property
    def display_name(self) -> str:
        """The names as one line, or the email address for an account without names."""
        return " ".join(self.names) or self.email

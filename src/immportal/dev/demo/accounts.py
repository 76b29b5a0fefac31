"""Demonstration accounts, one per role, ready to sign in with (development mode only)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from uuid import UUID

# The TOTP port checks codes but does not make them; a demo must make them, as an
# authenticator app would, so pyotp is used directly here (30-second steps, 6 digits).
import pyotp

from immportal.dev.demo.cases import DemoOwners
from immportal.domain.actor import Actor, Role
from immportal.domain.identity.emails import email_key
from immportal.domain.identity.errors import EmailTaken
from immportal.domain.identity.passwords import check_password
from immportal.errors import NotFound
from immportal.services.identity.accounts import AccountService
from immportal.services.identity.ports import EmailIndex
from immportal.services.identity.staff import StaffAccountService

TOTP_PERIOD = timedelta(seconds=30)
DEMO_DOMAIN = "demo.example.test"
DEMO_PEOPLE = {
    Role.APPLICANT: "Maria Garcia",
    Role.REPRESENTATIVE: "Samuel Osei",
    Role.OFFICER: "Ana Ruiz",
    Role.SUPERVISOR: "Chen Li",
    Role.AUDITOR: "Noor Haddad",
    Role.ANALYST: "Jonas Berg",
    Role.ADMIN: "Priya Raman",
}

DEMO_OFFICES = {Role.OFFICER: "NBC", Role.SUPERVISOR: "NBC"}
"""The office of each demo account that works a case queue (most demo cases are at NBC)."""


class NotADemoAccount(NotFound):
    """The address is not one of the demo accounts, or that account has no authenticator."""


@dataclass(frozen=True)
class DemoCredentials:
    """What a developer needs to sign in to a demo account; printed once, never logged."""

    role: Role
    email: str
    password: str = field(repr=False)
    authenticator_key: str = field(repr=False)


def demo_email(role: Role) -> str:
    """The address of the demo account for a role, such as officer@demo.example.test."""
    return f"{role.value}@{DEMO_DOMAIN}"


def _password(email: str, names: list[str]) -> str:
    # 144 random bits; drawn again in the unlikely case the policy dislikes the draw.
    while True:
        password = secrets.token_urlsafe(18)
        if not check_password(password, email=email, names=names):
            return password


async def seed_demo_accounts(
    staff: StaffAccountService, accounts: AccountService, emails: EmailIndex, now: datetime
) -> list[DemoCredentials]:
    """Create the demo accounts that do not exist yet; return the credentials of the new ones."""
    created = []
    for role, name in DEMO_PEOPLE.items():
        email = demo_email(role)
        if await emails.find(email_key(email)) is not None:
            continue
        password = _password(email, [name])
        try:
            account_id = await staff.open_account(
                email=email,
                names=[name],
                role=role,
                actor=Actor.system(),
                password=password,
                email_verified=True,
                office=DEMO_OFFICES.get(role),
            )
        except EmailTaken:
            continue  # another process seeded it a moment ago
        key = await _activate_authenticator(accounts, account_id, now)
        created.append(DemoCredentials(role, email, password, key))
    return created


async def demo_owners(emails: EmailIndex) -> DemoOwners | None:
    """The demo applicant (and representative) the demo cases belong to, if they exist."""
    applicant_id = await emails.find(email_key(demo_email(Role.APPLICANT)))
    if applicant_id is None:
        return None
    representative_id = await emails.find(email_key(demo_email(Role.REPRESENTATIVE)))
    given_name, family_name = DEMO_PEOPLE[Role.APPLICANT].split(" ", 1)
    return DemoOwners(
        applicant_id=str(applicant_id),
        given_name=given_name,
        family_name=family_name,
        email=demo_email(Role.APPLICANT),
        representative_id=None if representative_id is None else str(representative_id),
    )


async def _activate_authenticator(accounts: AccountService, account_id: UUID, now: datetime) -> str:
    setup = await accounts.begin_totp(account_id)
    # Activating with the previous step's code spends that step only, so the current
    # code still works for a developer signing in straight away.
    code = pyotp.TOTP(setup.secret).at(now - TOTP_PERIOD)
    await accounts.activate_totp(account_id, code, now)
    return setup.secret


async def current_code(
    accounts: AccountService, emails: EmailIndex, email: str, now: datetime
) -> str:
    """The authenticator code of a demo account at `now`; else raise NotADemoAccount."""
    if email.strip().casefold() not in {demo_email(role) for role in DEMO_PEOPLE}:
        raise NotADemoAccount(f"{email} is not a demo account.")
    account_id = await emails.find(email_key(email))
    if account_id is None:
        raise NotADemoAccount(f"{email} does not exist yet; run `immportal demo seed`.")
    secret = (await accounts.get(account_id)).totp_secret
    if secret is None:
        raise NotADemoAccount(f"{email} has no authenticator app set up.")
    return pyotp.TOTP(secret).at(now)


def credential_lines(created: list[DemoCredentials]) -> list[str]:
    """The console text showing how to sign in to each new demo account."""
    if not created:
        return [
            "Demo accounts exist already; their passwords were shown when they were made.",
            "Use \u201cForgot your password?\u201d and the dev mailbox to choose a new one,",
            "and `immportal demo otp EMAIL` for a code.",
        ]
    lines = ["Demo accounts (development only; sign in with the password and a code):"]
    for c in created:
        lines.append(
            f"  {c.role.value:<15} {c.email:<36} password: {c.password}"
            f"  authenticator key: {c.authenticator_key}"
        )
    lines.append("Get a code with `immportal demo otp EMAIL`, or add the key to an app.")
    return lines

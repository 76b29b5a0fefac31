"""Demonstration accounts, one per role and staff at every office (development mode only).

The officer and supervisor of the role accounts work at the National Benefits Center;
every other office has its own officer and supervisor, so a case filed in the demo is
routed to an office where a printed account can work it (domain/cases/routing.py).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from uuid import UUID

# The TOTP port checks codes but does not make them; a demo must make them, as an
# authenticator app would, so pyotp is used directly here (30-second steps, 6 digits).
import pyotp

from immportal.dev.demo.cases import DemoOwners, DemoStaff
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.offices import OFFICES, office_label
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
HOME_OFFICE = "NBC"
OFFICE_STAFF: dict[str, tuple[str, str]] = {
    "PSC": ("Grace Mensah", "Luis Ortega"),
    "CSC": ("Hana Sato", "David Cohen"),
    "NSC": ("Emily Novak", "Omar Farouk"),
    "TSC": ("Rosa Delgado", "James Whitfield"),
    "VSC": ("Claire Dubois", "Marcus Bell"),
    "NYC": ("Aisha Rahman", "Patrick Doyle"),
}
"""The officer and supervisor of every office but the demo officer's own, by office code."""
STAFF_ROLES = (Role.OFFICER, Role.SUPERVISOR)


class NotADemoAccount(NotFound):
    """The address is not one of the demo accounts, or that account has no authenticator."""


@dataclass(frozen=True)
class DemoCredentials:
    """What a developer needs to sign in to a demo account; printed once, never logged."""

    role: Role
    email: str
    password: str = field(repr=False)
    authenticator_key: str = field(repr=False)
    office: str | None = None


@dataclass(frozen=True)
class DemoPerson:
    """One demo account to make: its role, address, name and office."""

    role: Role
    email: str
    name: str
    office: str | None = None


def demo_email(role: Role, office: str | None = None) -> str:
    """A demo account's address: officer@demo.example.test, officer.psc@demo.example.test."""
    if office is None or office == HOME_OFFICE:
        return f"{role.value}@{DEMO_DOMAIN}"
    return f"{role.value}.{office.lower()}@{DEMO_DOMAIN}"


def demo_people() -> list[DemoPerson]:
    """Every demo account: one per role, then an officer and a supervisor per other office."""
    people = [
        DemoPerson(role, demo_email(role), name, DEMO_OFFICES.get(role))
        for role, name in DEMO_PEOPLE.items()
    ]
    for office, names in OFFICE_STAFF.items():
        people.extend(
            DemoPerson(role, demo_email(role, office), name, office)
            for role, name in zip(STAFF_ROLES, names, strict=True)
        )
    return people


def _is_office_staff(person: DemoPerson) -> bool:
    return person.office is not None and person.office != HOME_OFFICE


def _password(email: str, names: list[str]) -> str:
    # 144 random bits; drawn again in the unlikely case the policy dislikes the draw.
    while True:
        password = secrets.token_urlsafe(18)
        if not check_password(password, email=email, names=names):
            return password


async def seed_demo_accounts(
    staff: StaffAccountService, accounts: AccountService, emails: EmailIndex, now: datetime
) -> list[DemoCredentials]:
    """Create the demo accounts that do not exist yet; return the credentials of the new ones.

    The offices' staff share one password, so that fourteen accounts print in a few lines.
    """
    created, people = [], demo_people()
    shared = _password(f"staff@{DEMO_DOMAIN}", [p.name for p in people if _is_office_staff(p)])
    for person in people:
        if await emails.find(email_key(person.email)) is not None:
            continue
        password = shared if _is_office_staff(person) else _password(person.email, [person.name])
        try:
            account_id = await staff.open_account(
                email=person.email,
                names=[person.name],
                role=person.role,
                actor=Actor.system(),
                password=password,
                email_verified=True,
                office=person.office,
            )
        except EmailTaken:
            continue  # another process seeded it a moment ago
        key = await _activate_authenticator(accounts, account_id, now)
        created.append(DemoCredentials(person.role, person.email, password, key, person.office))
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
        staff=await demo_staff(emails),
    )


async def demo_staff(emails: EmailIndex) -> dict[str, DemoStaff]:
    """The demo officer and supervisor of each office whose two accounts exist."""
    found = {}
    for office in OFFICES:
        officer = await emails.find(email_key(demo_email(Role.OFFICER, office.code)))
        supervisor = await emails.find(email_key(demo_email(Role.SUPERVISOR, office.code)))
        if officer is not None and supervisor is not None:
            found[office.code] = DemoStaff(str(officer), str(supervisor))
    return found


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
    if email.strip().casefold() not in {person.email for person in demo_people()}:
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
        if c.office not in OFFICE_STAFF:
            at = f" at {c.office}" if c.office else ""
            lines.append(
                f"  {c.role.value + at:<18} {c.email:<36} password: {c.password}"
                f"  authenticator key: {c.authenticator_key}"
            )
    staff = [c for c in created if c.office in OFFICE_STAFF]
    if staff:
        lines.append(f"Staff of the other offices (password for each: {staff[0].password}):")
        for office in OFFICE_STAFF:
            emails = ", ".join(c.email for c in staff if c.office == office)
            if emails:
                lines.append(f"  {office_label(office):<38} {emails}")
    lines.append("Get a code with `immportal demo otp EMAIL`, or add the key to an app.")
    return lines

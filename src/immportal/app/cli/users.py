"""`immportal users create`: a staff account, whose holder sets a password from an emailed link."""

import getpass
from datetime import UTC, datetime

import click

from immportal.adapters.identity.argon2_hasher import Argon2Hasher
from immportal.adapters.identity.tokens import RandomTokens
from immportal.adapters.postgres.accounts import PostgresEmailIndex
from immportal.app.cli.context import CommandGroup, pass_settings, run
from immportal.app.container import Runtime, open_runtime
from immportal.domain.actor import Actor, Role
from immportal.domain.errors import InvalidArgument
from immportal.domain.identity.errors import EmailTaken
from immportal.services.identity.staff import CREATABLE_ROLES, StaffAccountService
from immportal.services.notifications.ports import MailUnavailable
from immportal.services.repository import Repository
from immportal.settings import Settings


@click.group(cls=CommandGroup, help="accounts")
def users() -> None:
    """The commands over accounts."""


@users.command(help="create an account and email its one-time enrolment link")
@click.option("--role", required=True, type=click.Choice([r.value for r in CREATABLE_ROLES]))
@click.option("--email", required=True)
@click.option("--name", required=True, help='full name, such as "Ana Ruiz"')
@click.option("--office", help="office code of an officer or supervisor, such as NBC")
@pass_settings
def create(settings: Settings, role: str, email: str, name: str, office: str | None) -> None:
    """Create an account in a role and email its enrolment link."""
    run(create_user(settings, Role(role), email, name, office))


def staff_accounts(runtime: Runtime) -> StaffAccountService:
    """The service that opens staff (and demo) accounts."""
    return StaffAccountService(
        Repository(runtime.store), Argon2Hasher(), RandomTokens(), PostgresEmailIndex(runtime.pool)
    )


async def create_user(
    settings: Settings, role: Role, email: str, name: str, office: str | None
) -> int:
    """Create an account in a role and email its one-time enrolment link."""
    async with open_runtime(settings) as runtime:
        try:
            account_id = await staff_accounts(runtime).open_account(
                email=email, names=[name], role=role, actor=_cli_actor(), office=office
            )
        except (EmailTaken, InvalidArgument) as refused:
            click.echo(f"{str(refused).rstrip('.')}. Nothing was created.")
            return 2
        try:
            await runtime.email_links.send_enrolment(account_id, datetime.now(UTC))
        except MailUnavailable:
            click.echo(
                f"Created {role} account for {email}, but the enrolment email could"
                " not be sent. Check the mail settings; an admin can send a new link later."
            )
            return 1
    click.echo(f"Created {role} account for {email}; an enrolment link was emailed.")
    return 0


def _cli_actor() -> Actor:
    # Events record who ran the command: the operating-system user at the console.
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return Actor(f"cli:{user}", Role.ADMIN)

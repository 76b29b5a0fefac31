"""People signed in to the portal under test, each in their own browser (cookie jar)."""

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import pyotp
from aiohttp.test_utils import TestClient

from immportal.adapters.identity.argon2_hasher import Argon2Hasher
from immportal.adapters.identity.tokens import RandomTokens
from immportal.adapters.postgres.accounts import PostgresEmailIndex
from immportal.domain.actor import Actor, Role
from immportal.services.identity.staff import StaffAccountService
from immportal.services.repository import Repository
from testkit.e2e_support import Portal, form_token, post_form

PASSWORD = "amber kettle drifts past 4812 harbors"


@dataclass(frozen=True)
class Person:
    """Someone with an account, signed in from their own browser."""

    portal: Portal
    account_id: UUID
    email: str
    role: Role

    @property
    def actor(self) -> Actor:
        """The person as case events record them."""
        return Actor(str(self.account_id), self.role)


SignIn = Callable[[Role], Awaitable[Person]]


def staff_service(portal: Portal) -> StaffAccountService:
    """The service that opens accounts in any role (as the CLI and the demo do)."""
    runtime = portal.runtime
    return StaffAccountService(
        Repository(runtime.store), Argon2Hasher(), RandomTokens(), PostgresEmailIndex(runtime.pool)
    )


async def open_account(portal: Portal, role: Role) -> tuple[UUID, str, str]:
    """An account in a role with a confirmed email and an authenticator; (id, email, key)."""
    runtime = portal.runtime
    email = f"{role.value}-{uuid4().hex[:10]}@example.test"
    account_id = await staff_service(portal).open_account(
        email=email,
        names=["Test Person"],
        role=role,
        actor=Actor.system(),
        password=PASSWORD,
        email_verified=True,
    )
    setup = await runtime.accounts.begin_totp(account_id)
    now = datetime.now(UTC)
    # Activate with the previous step's code so the current one is left for signing in.
    code = pyotp.TOTP(setup.secret).at(now - timedelta(seconds=30))
    await runtime.accounts.activate_totp(account_id, code, now)
    return account_id, email, setup.secret


async def sign_in_as(browser: Portal, email: str, password: str, key: str) -> None:
    """Sign in with the password, then the authenticator app's current code."""
    token = await form_token(browser, "/sign-in")
    form = {"email": email, "password": password, "next": ""}
    first = await post_form(browser, "/sign-in", form, token=token)
    assert 303 == first.status, await first.text()
    token = await form_token(browser, "/sign-in/code")
    code = pyotp.TOTP(key).now()
    second = await post_form(browser, "/sign-in/code", {"code": code}, token=token)
    assert 303 == second.status, await second.text()


@asynccontextmanager
async def browsers(portal: Portal) -> AsyncIterator[Callable[[], Portal]]:
    """New browsers on the portal, each with its own cookies; closed afterwards."""
    opened: list[TestClient] = []  # type: ignore[type-arg]

    def open_browser() -> Portal:
        # Another client of the same server: its own cookie jar, so its own session.
        browser = TestClient(portal.client.server)
        opened.append(browser)
        return Portal(browser)

    try:
        yield open_browser
    finally:
        for browser in opened:
            # Only the browser's session: the server belongs to the portal's own client.
            await browser.session.close()


@asynccontextmanager
async def people(portal: Portal) -> AsyncIterator[SignIn]:
    """Sign in new people, each with a new account in their own browser."""
    async with browsers(portal) as open_browser:

        async def sign_in(role: Role) -> Person:
            account_id, email, key = await open_account(portal, role)
            browser = open_browser()
            await sign_in_as(browser, email, PASSWORD, key)
            return Person(browser, account_id, email, role)

        yield sign_in

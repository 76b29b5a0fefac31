"""People signed in to the portal under test, each in their own browser (cookie jar)."""

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import pyotp
from aiohttp.test_utils import TestClient
from e2e_support import Portal, form_token, post_form

from immportal.adapters.identity.argon2_hasher import Argon2Hasher
from immportal.adapters.identity.tokens import RandomTokens
from immportal.adapters.postgres.accounts import PostgresEmailIndex
from immportal.domain.actor import Actor, Role
from immportal.services.identity.staff import StaffAccountService
from immportal.services.repository import Repository

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


async def open_account(portal: Portal, role: Role) -> tuple[UUID, str, str]:
    """An account in a role with a confirmed email and an authenticator; (id, email, key)."""
    runtime = portal.runtime
    email = f"{role.value}-{uuid4().hex[:10]}@example.test"
    staff = StaffAccountService(
        Repository(runtime.store), Argon2Hasher(), RandomTokens(), PostgresEmailIndex(runtime.pool)
    )
    account_id = await staff.open_account(
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


@asynccontextmanager
async def people(portal: Portal) -> AsyncIterator[SignIn]:
    """Sign in new people in their own browsers; close those browsers afterwards."""
    browsers: list[TestClient] = []  # type: ignore[type-arg]

    async def sign_in(role: Role) -> Person:
        account_id, email, key = await open_account(portal, role)
        # Another client of the same server: its own cookies, so its own session.
        browser = TestClient(portal.client.server)
        browsers.append(browser)
        person = Portal(browser)
        token = await form_token(person, "/sign-in")
        form = {"email": email, "password": PASSWORD, "next": ""}
        first = await post_form(person, "/sign-in", form, token=token)
        assert 303 == first.status, await first.text()
        token = await form_token(person, "/sign-in/code")
        code = pyotp.TOTP(key).now()
        second = await post_form(person, "/sign-in/code", {"code": code}, token=token)
        assert 303 == second.status, await second.text()
        return Person(person, account_id, email, role)

    try:
        yield sign_in
    finally:
        for browser in browsers:
            # Only the browser's session: the server belongs to the portal's own client.
            await browser.session.close()

"""Every sign-in path does the same work: one password hash, the rest after the answer.

The security probe told accounts apart by time: a delayed account was refused before any
hashing (6 ms) while an unknown address paid for a decoy hash (130 ms). These tests count
the work each path does rather than timing it.
"""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

import pytest

from immportal.adapters.identity.tokens import RandomTokens
from immportal.adapters.identity.totp import PyotpTotp
from immportal.domain.identity.errors import SignInDelayed, WrongPassword
from immportal.domain.identity.throttle import FREE_ADDRESS_TRIES, FREE_PASSWORD_TRIES
from immportal.services.identity.accounts import AccountService
from immportal.services.identity.after_response import AfterResponse
from immportal.services.repository import Repository
from testkit.guess_fakes import CountingHasher, InMemoryPasswordGuesses
from testkit.identity_fakes import EMAIL, NAMES, NOW, PASSWORD, InMemoryEmailIndex
from testkit.memory_store import MemoryEventStore

HERE, THERE = "192.0.2.10", "198.51.100.20"
UNKNOWN = "nobody.here@example.org"
WRONG = "not the password at all"
KNOWN_BROWSER = "a" * 64


class Scene:
    """An account service with counting hasher, in-memory guesses and work after the answer."""

    def __init__(self) -> None:
        self.hasher = CountingHasher()
        self.guesses = InMemoryPasswordGuesses()
        self.after = AfterResponse()
        self.service = AccountService(
            Repository(MemoryEventStore()),
            self.hasher,
            RandomTokens(),
            PyotpTotp(),
            InMemoryEmailIndex(),
            guesses=self.guesses,
            after_response=self.after,
        )

    async def registered(self) -> UUID:
        """Maria's account, signed in once from KNOWN_BROWSER; the counter starts at zero."""
        account_id = await self.service.register(EMAIL, PASSWORD, NAMES)
        await self.service.record_sign_in(account_id, "ref", "Firefox", NOW, KNOWN_BROWSER)
        self.hasher.computations = 0
        return account_id

    async def attempt(
        self, email: str, password: str, *, client: str = HERE, browser: str = ""
    ) -> tuple[str, int, int]:
        """Try to sign in; what came back, the hashes it cost, the work left after it."""
        before = self.hasher.computations
        try:
            await self.service.sign_in(email, password, NOW, client=client, browser_key=browser)
            outcome = "signed in"
        except SignInDelayed:
            outcome = "delayed"
        except WrongPassword:
            outcome = "wrong"
        return outcome, self.hasher.computations - before, self.after.pending

    async def delay(self, email: str) -> None:
        """Make the address wait on HERE with wrong passwords, and let their follow-ups finish."""
        for _ in range(FREE_PASSWORD_TRIES):
            await self.attempt(email, WRONG)
        await self.after.drain()


class TestOneHashOnEveryPath:
    """Known or unknown, delayed or not, right or wrong: exactly one hash per request."""

    async def test_known_right_password(self) -> None:
        """The right password costs one check, and nothing is left to do after."""
        scene = Scene()
        await scene.registered()
        assert ("signed in", 1, 0) == await scene.attempt(EMAIL, PASSWORD)

    async def test_known_and_unknown_wrong_password(self) -> None:
        """A wrong password and an unknown address each cost one hash and leave one follow-up."""
        scene = Scene()
        await scene.registered()
        known = await scene.attempt(EMAIL, WRONG)
        await scene.after.drain()
        unknown = await scene.attempt(UNKNOWN, WRONG)
        assert [("wrong", 1, 1), ("wrong", 1, 1)] == [known, unknown]

    async def test_delayed_known_and_unknown(self) -> None:
        """While an address waits, known or not, the request still costs exactly one hash."""
        scene = Scene()
        await scene.registered()
        await scene.delay(EMAIL)
        await scene.delay(UNKNOWN)
        known = await scene.attempt(EMAIL, PASSWORD)
        unknown = await scene.attempt(UNKNOWN, PASSWORD)
        assert [("delayed", 1, 0), ("delayed", 1, 0)] == [known, unknown]

    async def test_overlong_password(self) -> None:
        """A password longer than any allowed is refused after one (decoy) hash all the same."""
        scene = Scene()
        await scene.registered()
        assert ("wrong", 1, 1) == await scene.attempt(EMAIL, "x" * 10_000)

    async def test_failure_recorded_on_the_account_after_the_answer(self) -> None:
        """The account's failure event is saved after the answer, not before it."""
        scene = Scene()
        account_id = await scene.registered()
        await scene.attempt(EMAIL, WRONG)
        during = (await scene.service.get(account_id)).failed_password_count
        await scene.after.drain()
        after = (await scene.service.get(account_id)).failed_password_count
        assert (0, 1) == (during, after)


class TestOwnerKeepsSigningIn:
    """Guessing delays strangers' browsers and networks, never the owner's browser."""

    async def test_known_browser_is_not_delayed(self) -> None:
        """A browser that completed a sign-in before signs in while the address waits."""
        scene = Scene()
        await scene.registered()
        await scene.delay(EMAIL)
        new_browser = await scene.attempt(EMAIL, PASSWORD)
        own_browser = await scene.attempt(EMAIL, PASSWORD, browser=KNOWN_BROWSER)
        assert [("delayed", 1, 0), ("signed in", 1, 0)] == [new_browser, own_browser]

    async def test_another_network_is_not_delayed(self) -> None:
        """Wrong passwords from one network leave the address free on another."""
        scene = Scene()
        await scene.registered()
        await scene.delay(EMAIL)
        assert ("signed in", 1, 0) == await scene.attempt(EMAIL, PASSWORD, client=THERE)

    async def test_many_networks_together_delay_everywhere(self) -> None:
        """Enough wrong passwords from many networks make a new browser wait anywhere."""
        scene = Scene()
        await scene.registered()
        for n in range(FREE_ADDRESS_TRIES):
            await scene.attempt(EMAIL, WRONG, client=f"203.0.{n}.1")
        await scene.after.drain()
        assert ("delayed", 1, 0) == await scene.attempt(EMAIL, PASSWORD, client=THERE)

    async def test_right_password_starts_the_address_afresh(self) -> None:
        """After the right password, earlier wrong ones no longer count."""
        scene = Scene()
        await scene.registered()
        for _ in range(FREE_PASSWORD_TRIES - 1):
            await scene.attempt(EMAIL, WRONG)
        await scene.attempt(EMAIL, PASSWORD)
        await scene.attempt(EMAIL, WRONG)
        await scene.after.drain()
        assert ("signed in", 1, 0) == await scene.attempt(EMAIL, PASSWORD)


class TestDelayEnds:
    """A delay ends on its own: 30 seconds after the fifth wrong password."""

    async def test_until(self) -> None:
        """The delay says until when; a try after that goes through."""
        scene = Scene()
        account_id = await scene.registered()
        await scene.delay(EMAIL)
        service, later = scene.service, NOW + timedelta(seconds=29)
        with pytest.raises(SignInDelayed) as delayed:
            await service.sign_in(EMAIL, PASSWORD, later, client=HERE)
        account = await service.sign_in(EMAIL, PASSWORD, NOW + timedelta(seconds=30), client=HERE)
        assert (NOW + timedelta(seconds=30), account_id) == (delayed.value.until, account.id)

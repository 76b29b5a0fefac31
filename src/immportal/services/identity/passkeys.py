"""Passkeys and security keys (WebAuthn): register, sign in with one, remove.

Each ceremony's challenge is random, bound to the browser's session and purpose, used
once and valid for five minutes. Every use checks the signature counter: one that goes
backwards means the key was copied, and the use is refused. A passkey sign-in requires
user verification (a PIN or biometric on the device), so it counts as both factors.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol
from uuid import UUID

import structlog
import webauthn
from webauthn.helpers import options_to_json
from webauthn.helpers.exceptions import InvalidAuthenticationResponse, InvalidRegistrationResponse
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from immportal.domain.errors import InvalidArgument
from immportal.domain.identity.account import Account
from immportal.i18n import N_
from immportal.services.identity.retry import retrying
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)

CHALLENGE_LIFETIME = timedelta(minutes=5)
NAME_LENGTH = 100
REGISTER, SIGN_IN, SECOND_FACTOR = "register", "sign_in", "second_factor"
NOT_ACCEPTED = N_("That passkey was not accepted. Try again, or sign in another way.")


class PasskeyRefused(Exception):
    """A ceremony failed: wrong challenge, signature, origin, counter or unknown key."""


@dataclass(frozen=True, kw_only=True)
class Passkey:
    """A registered credential as the account page shows it and sign-in checks it."""

    credential_id: bytes
    account_id: UUID
    public_key: bytes
    sign_count: int
    transports: tuple[str, ...]
    aaguid: str
    name: str
    created_at: datetime
    last_used_at: datetime | None = None


class PasskeyStore(Protocol):
    """Where credentials and ceremony challenges are kept."""

    async def add(self, passkey: Passkey) -> None:
        """Store a new credential."""
        ...

    async def of_account(self, account_id: UUID) -> Sequence[Passkey]:
        """The account's credentials, oldest first."""
        ...

    async def find(self, credential_id: bytes) -> Passkey | None:
        """The credential with this id."""
        ...

    async def used(self, credential_id: bytes, sign_count: int, now: datetime) -> bool:
        """Record a use; False if the counter went backwards meanwhile."""
        ...

    async def rename(self, account_id: UUID, credential_id: bytes, name: str) -> bool:
        """Rename one of the account's credentials."""
        ...

    async def remove(self, account_id: UUID, credential_id: bytes) -> bool:
        """Remove one of the account's credentials."""
        ...

    async def put_challenge(
        self,
        session: bytes,
        purpose: str,
        challenge: bytes,
        account_id: UUID | None,
        until: datetime,
    ) -> None:
        """Keep the ceremony's challenge (replacing the session's earlier one)."""
        ...

    async def take_challenge(
        self, session: bytes, purpose: str, now: datetime
    ) -> tuple[bytes, UUID | None] | None:
        """The session's live challenge for the purpose, deleted as it is read."""
        ...


def clean_name(name: str) -> str:
    """The name with spaces collapsed; refused if empty, too long or with control characters."""
    name = " ".join(name.split())
    if not name or len(name) > NAME_LENGTH or not name.isprintable():
        raise InvalidArgument(N_("Give the passkey a name of up to 100 characters."))
    return name


class PasskeyService:
    """The WebAuthn ceremonies for one relying party (the portal's host and origin)."""

    def __init__(
        self, repository: Repository, store: PasskeyStore, *, rp_id: str, origin: str
    ) -> None:
        self._repository = repository
        self._store = store
        self._rp_id = rp_id
        self._origin = origin

    async def of_account(self, account_id: UUID) -> Sequence[Passkey]:
        """The account's passkeys."""
        return await self._store.of_account(account_id)

    async def registration_options(self, session: bytes, account: Account, now: datetime) -> str:
        """The options for navigator.credentials.create, as JSON."""
        existing = await self._store.of_account(account.id)
        options = webauthn.generate_registration_options(
            rp_id=self._rp_id,
            rp_name="immportal",
            user_name=account.email,
            user_id=account.id.bytes,
            user_display_name=account.first_name or account.email,
            challenge=secrets.token_bytes(32),
            authenticator_selection=AuthenticatorSelectionCriteria(
                resident_key=ResidentKeyRequirement.REQUIRED,
                user_verification=UserVerificationRequirement.REQUIRED,
            ),
            exclude_credentials=[
                PublicKeyCredentialDescriptor(id=key.credential_id) for key in existing
            ],
        )
        until = now + CHALLENGE_LIFETIME
        await self._store.put_challenge(session, REGISTER, options.challenge, account.id, until)
        return options_to_json(options)

    async def register(
        self, session: bytes, account_id: UUID, credential: dict[str, Any], name: str, now: datetime
    ) -> Passkey:
        """Check the new credential against the session's challenge and keep it."""
        name = clean_name(name)
        taken = await self._store.take_challenge(session, REGISTER, now)
        if taken is None or taken[1] != account_id:
            raise PasskeyRefused("no registration under way")
        try:
            verified = webauthn.verify_registration_response(
                credential=credential,
                expected_challenge=taken[0],
                expected_rp_id=self._rp_id,
                expected_origin=self._origin,
                require_user_verification=True,
            )
        except (InvalidRegistrationResponse, ValueError, KeyError, TypeError) as exc:
            raise PasskeyRefused(str(exc)) from exc
        transports = credential.get("response", {}).get("transports", [])
        known = {transport.value for transport in AuthenticatorTransport}
        passkey = Passkey(
            credential_id=verified.credential_id,
            account_id=account_id,
            public_key=verified.credential_public_key,
            sign_count=verified.sign_count,
            transports=tuple(t for t in transports if isinstance(t, str) and t in known),
            aaguid=verified.aaguid,
            name=name,
            created_at=now,
        )
        await self._store.add(passkey)
        await self._note(account_id, "added", name)
        return passkey

    async def authentication_options(
        self, session: bytes, purpose: str, account_id: UUID | None, now: datetime
    ) -> str:
        """Options for navigator.credentials.get: any passkey, or the account's own."""
        allowed = []
        if account_id is not None:
            allowed = [
                PublicKeyCredentialDescriptor(
                    id=key.credential_id,
                    transports=[AuthenticatorTransport(t) for t in key.transports],
                )
                for key in await self._store.of_account(account_id)
            ]
        options = webauthn.generate_authentication_options(
            rp_id=self._rp_id,
            challenge=secrets.token_bytes(32),
            allow_credentials=allowed,
            user_verification=UserVerificationRequirement.REQUIRED
            if purpose == SIGN_IN
            else UserVerificationRequirement.PREFERRED,
        )
        until = now + CHALLENGE_LIFETIME
        await self._store.put_challenge(session, purpose, options.challenge, account_id, until)
        return options_to_json(options)

    async def authenticate(
        self, session: bytes, purpose: str, credential: dict[str, Any], now: datetime
    ) -> Passkey:
        """The passkey that answered the session's challenge; PasskeyRefused otherwise."""
        taken = await self._store.take_challenge(session, purpose, now)
        if taken is None:
            raise PasskeyRefused("no sign-in under way")
        challenge, account_id = taken
        try:
            credential_id = webauthn.base64url_to_bytes(str(credential.get("rawId", "")))
        except ValueError as exc:
            raise PasskeyRefused("unreadable credential id") from exc
        passkey = await self._store.find(credential_id)
        if passkey is None or (account_id is not None and passkey.account_id != account_id):
            raise PasskeyRefused("unknown credential")
        try:
            verified = webauthn.verify_authentication_response(
                credential=credential,
                expected_challenge=challenge,
                expected_rp_id=self._rp_id,
                expected_origin=self._origin,
                credential_public_key=passkey.public_key,
                credential_current_sign_count=passkey.sign_count,
                require_user_verification=purpose == SIGN_IN,
            )
        except (InvalidAuthenticationResponse, ValueError, KeyError, TypeError) as exc:
            raise PasskeyRefused(str(exc)) from exc
        if not await self._store.used(credential_id, verified.new_sign_count, now):
            log.warning("passkey_counter_regressed", account_id=str(passkey.account_id))
            raise PasskeyRefused("signature counter went backwards")
        return passkey

    async def rename(self, account_id: UUID, credential_id: bytes, name: str) -> bool:
        """Give one of the account's passkeys a new name."""
        name = clean_name(name)
        if not await self._store.rename(account_id, credential_id, name):
            return False
        await self._note(account_id, "renamed", name)
        return True

    async def remove(self, account_id: UUID, credential_id: bytes) -> bool:
        """Remove a passkey, unless it is the account's last way to prove it is them."""
        keys = {key.credential_id: key for key in await self._store.of_account(account_id)}
        if credential_id not in keys:
            return False
        account = await self._repository.get(Account, account_id)
        if len(keys) == 1 and not account.totp_active:
            raise InvalidArgument(
                N_("This is your only second factor. Set up another one before removing it.")
            )
        if not await self._store.remove(account_id, credential_id):
            return False
        await self._note(account_id, "removed", keys[credential_id].name)
        return True

    async def _note(self, account_id: UUID, change: str, name: str) -> None:
        async def attempt() -> list[int]:
            account = await self._repository.get(Account, account_id)
            account.note_passkey(account.holder, change, name)
            return await self._repository.save(account)

        await retrying(attempt)
        log.info("passkey_" + change, account_id=str(account_id))

"""Integration events about accounts: what security systems and the account holder's
notices need — ids, roles and yes/no facts, never addresses, names or browser details."""

from typing import Any

from immportal.integration.base import IntegrationEvent


class AccountEvent(IntegrationEvent):
    """Something happened to an account."""


class AccountRegistered(AccountEvent):
    """An account was opened, by its holder or by an administrator."""

    role: str


class AuthenticatorActivated(AccountEvent):
    """An authenticator app was activated; `replaced` when it took over from another one."""

    replaced: bool


class RecoveryCodesIssued(AccountEvent):
    """A set of recovery codes was issued; `replaced` when it voids an earlier set."""

    replaced: bool


class AccountSignedIn(AccountEvent):
    """Someone completed both sign-in steps; `new_browser` from a browser not seen before."""

    new_browser: bool


# Published account events -> (contract, the extra fields taken from the domain event).
# Not published: enrolment steps, spent codes, rehashes and failed sign-ins, which are
# frequent, internal and of no use outside.
ACCOUNT_CONTRACTS: dict[str, tuple[type[AccountEvent], Any]] = {
    "Registered": (AccountRegistered, lambda e: {"role": e.role}),
    "EmailVerified": (AccountEvent, lambda _e: {}),
    "EmailChanged": (AccountEvent, lambda _e: {}),
    "PasswordChanged": (AccountEvent, lambda _e: {}),
    "TotpActivated": (AuthenticatorActivated, lambda e: {"replaced": e.replaced}),
    "RecoveryCodesSet": (RecoveryCodesIssued, lambda e: {"replaced": e.replaced}),
    "RecoveryCodeUsed": (AccountEvent, lambda _e: {}),
    "SecondFactorReset": (AccountEvent, lambda _e: {}),
    "SignedIn": (AccountSignedIn, lambda e: {"new_browser": e.new_browser}),
    "AccessTokenCreated": (AccountEvent, lambda _e: {}),
    "AccessTokenRevoked": (AccountEvent, lambda _e: {}),
    "AccessTokenUsedFromNewNetwork": (AccountEvent, lambda _e: {}),
    "PasskeyAdded": (AccountEvent, lambda _e: {}),
    "PasskeyRenamed": (AccountEvent, lambda _e: {}),
    "PasskeyRemoved": (AccountEvent, lambda _e: {}),
}

"""The Account aggregate: one person's sign-in details and every change to them, as events."""

# The TOTP secret and the password hash live in the events. That is only safe because
# the event store encrypts event state with AES-GCM when a cipher key is configured,
# so a cipher key is mandatory in production (see the report on issue 3).

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any, TypedDict
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, event

from immportal.domain.actor import Actor, Role
from immportal.domain.errors import InvalidArgument
from immportal.domain.identity import errors
from immportal.domain.identity.emails import email_key, normalise_email
from immportal.domain.identity.throttle import code_pause, password_delay
from immportal.domain.identity.time_zones import CHOOSABLE
from immportal.i18n import N_

RECOVERY_CODE_COUNT = 10
KNOWN_BROWSER_LIMIT = 20
"""How many browsers an account remembers, most recent first, to notice a new one."""
WRONG_PASSWORD_REASON = "wrong_password"  # noqa: S105 - an event reason code, not a secret
WRONG_CODE_REASON = "wrong_code"
FAILURE_REASONS = frozenset({WRONG_PASSWORD_REASON, WRONG_CODE_REASON})
_SECRET = re.compile(r"[A-Z2-7]{32,}")
_DIGEST = re.compile(r"[0-9a-f]{64}")
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:_[A-Z]{2})?")
"""A language as the portal names its catalogs: "es", "en_XA"."""
_OFFICE = re.compile(r"[A-Z0-9]{2,8}")
OFFICE_ROLES = frozenset({Role.OFFICER, Role.SUPERVISOR})
"""The staff who work a case queue of one office."""


class _Who(TypedDict):
    actor_id: str
    actor_role: str


def _who(actor: Actor) -> _Who:
    return _Who(actor_id=actor.user_id, actor_role=actor.role.value)


def _aware(at: datetime) -> datetime:
    if at.tzinfo is None:
        raise InvalidArgument("Times must carry a time zone.")
    return at


def _until(last: datetime | None, wait: timedelta) -> datetime | None:
    return last + wait if last is not None and wait else None


class Account(Aggregate):
    """A person's account; public verbs check the rules, private methods record events."""

    @staticmethod
    def create_id(account_id: str, **_: Any) -> UUID:
        """The id chosen in register(), so a person registering can be the actor."""
        return UUID(account_id)

    @classmethod
    def register(
        cls,
        *,
        email: str,
        password_hash: str,
        names: list[str],
        actor: Actor | None = None,
        role: Role = Role.APPLICANT,
    ) -> Account:
        """Open an account; without an actor the person registers themself."""
        account_id = str(uuid4())
        who = _who(actor or Actor(account_id, role))
        address = normalise_email(email)
        if not password_hash:
            raise InvalidArgument("An account needs a password hash.")
        clean = [name.strip() for name in names if name.strip()]
        return cls(account_id, address, email_key(address), password_hash, clean, role.value, **who)

    @event("Registered")
    def __init__(
        self,
        account_id: str,
        email: str,
        email_key: str,
        password_hash: str,
        names: list[str],
        role: str,
        actor_id: str,
        actor_role: str,
    ) -> None:
        self.email, self.email_key, self.names = email, email_key, list(names)
        self.role = Role(role)
        self.email_verified = False
        self.password_hash, self.password_version = password_hash, 1
        self.pending_totp_secret: str | None = None
        self.totp_secret: str | None = None
        self.last_totp_step: int | None = None
        self.recovery_digests: list[str] = []
        self.failed_password_count, self.failed_code_count = 0, 0
        self.last_password_failure_at: datetime | None = None
        self.last_code_failure_at: datetime | None = None
        self.last_sign_in_at: datetime | None = None
        self.known_browsers: list[str] = []
        self.recovery_codes_issued = False
        self.office: str | None = None
        self.mailing_address: dict[str, str] | None = None
        self.language: str | None = None
        self.time_zone: str | None = None

    @property
    def holder(self) -> Actor:
        """The account's owner as an actor, for what they do themself."""
        return Actor(str(self.id), self.role)

    @property
    def first_name(self) -> str:
        """The first word of the first name given, for greetings; "" if none was."""
        words = self.names[0].split() if self.names else []
        return words[0] if words else ""

    @property
    def totp_active(self) -> bool:
        """Whether an authenticator app has been set up and activated."""
        return self.totp_secret is not None

    @property
    def locked_until(self) -> datetime | None:
        """Until when passwords are refused after repeated wrong ones, if at all."""
        return _until(self.last_password_failure_at, password_delay(self.failed_password_count))

    @property
    def code_paused_until(self) -> datetime | None:
        """Until when codes are refused after repeated wrong ones, if at all."""
        return _until(self.last_code_failure_at, code_pause(self.failed_code_count))

    def check_password_allowed(self, now: datetime) -> None:
        """Raise SignInDelayed while wrong passwords make sign-in wait."""
        until = self.locked_until
        if until is not None and _aware(now) < until:
            raise errors.SignInDelayed(errors.WRONG_PASSWORD, until=until)

    def check_code_allowed(self, now: datetime) -> None:
        """Raise CodePaused while wrong codes pause the code step."""
        until = self.code_paused_until
        if until is not None and _aware(now) < until:
            raise errors.CodePaused(errors.CODE_PAUSED, until=until)

    def verify_email(self, actor: Actor) -> None:
        """Record that the person opened the link sent to their address; twice is harmless."""
        if not self.email_verified:
            self._verify_email(**_who(actor))

    @event("EmailVerified")
    def _verify_email(self, actor_id: str, actor_role: str) -> None:
        self.email_verified = True

    def change_password(self, actor: Actor, password_hash: str) -> None:
        """Replace the password; links sent for the old one stop working."""
        if not password_hash:
            raise InvalidArgument("A new password hash is required.")
        self._change_password(**_who(actor), password_hash=password_hash)

    @event("PasswordChanged")
    def _change_password(self, actor_id: str, actor_role: str, password_hash: str) -> None:
        self.password_hash = password_hash
        self.password_version += 1
        self.failed_password_count, self.last_password_failure_at = 0, None

    def rehash_password(self, actor: Actor, password_hash: str) -> None:
        """Store the same password hashed with today's parameters; reset links stay valid."""
        if not password_hash:
            raise InvalidArgument("A new password hash is required.")
        self._rehash_password(**_who(actor), password_hash=password_hash)

    @event("PasswordRehashed")
    def _rehash_password(self, actor_id: str, actor_role: str, password_hash: str) -> None:
        self.password_hash = password_hash

    def start_totp_enrolment(self, actor: Actor, secret: str) -> None:
        """Hold a new authenticator secret until a code from it proves the app has it."""
        if not _SECRET.fullmatch(secret):
            raise InvalidArgument("An authenticator secret is base32 of at least 160 bits.")
        self._start_totp_enrolment(**_who(actor), secret=secret)

    @event("TotpEnrolmentStarted")
    def _start_totp_enrolment(self, actor_id: str, actor_role: str, secret: str) -> None:
        self.pending_totp_secret = secret

    def activate_totp(self, actor: Actor, step: int) -> None:
        """Switch to the new authenticator, whose code for `step` the service has checked."""
        if self.pending_totp_secret is None:
            raise errors.TotpNotSetUp("Start setting up an authenticator app first.")
        self._activate_totp(**_who(actor), step=step, replaced=self.totp_active)

    @event("TotpActivated")
    def _activate_totp(
        self, actor_id: str, actor_role: str, step: int, replaced: bool = False
    ) -> None:
        self.totp_secret, self.pending_totp_secret = self.pending_totp_secret, None
        # The activating code is spent too; time steps only grow, whichever secret made them.
        last = self.last_totp_step
        self.last_totp_step = step if last is None else max(step, last)
        self.failed_code_count, self.last_code_failure_at = 0, None

    def use_totp_step(self, actor: Actor, step: int) -> None:
        """Spend the authenticator code of a time step; a step at or before the last is refused."""
        if self.totp_secret is None:
            raise errors.TotpNotSetUp("This account has no authenticator app.")
        if self.last_totp_step is not None and step <= self.last_totp_step:
            raise errors.CodeAlreadyUsed(errors.CODE_ALREADY_USED)
        self._use_totp_step(**_who(actor), step=step)

    @event("TotpStepUsed")
    def _use_totp_step(self, actor_id: str, actor_role: str, step: int) -> None:
        self.last_totp_step = step
        self.failed_code_count, self.last_code_failure_at = 0, None

    def set_recovery_codes(self, actor: Actor, digests: list[str]) -> None:
        """Replace the recovery codes with new ones, given as digests only."""
        fresh = list(dict.fromkeys(digests))
        if len(fresh) != RECOVERY_CODE_COUNT or not all(map(_DIGEST.fullmatch, fresh)):
            raise InvalidArgument(f"Give {RECOVERY_CODE_COUNT} distinct SHA-256 hex digests.")
        self._set_recovery_codes(**_who(actor), digests=fresh, replaced=self.recovery_codes_issued)

    @event("RecoveryCodesSet")
    def _set_recovery_codes(
        self, actor_id: str, actor_role: str, digests: list[str], replaced: bool = False
    ) -> None:
        self.recovery_codes_issued = True
        self.recovery_digests = list(digests)

    def use_recovery_code(self, actor: Actor, digest: str) -> None:
        """Spend one recovery code, given by its digest; unknown or used codes are refused."""
        # Comparing digests of 80-bit random codes leaks nothing worth timing.
        if digest not in self.recovery_digests:
            raise errors.WrongCode(errors.WRONG_CODE)
        self._use_recovery_code(**_who(actor), digest=digest)

    @event("RecoveryCodeUsed")
    def _use_recovery_code(self, actor_id: str, actor_role: str, digest: str) -> None:
        self.recovery_digests = [kept for kept in self.recovery_digests if kept != digest]
        self.failed_code_count, self.last_code_failure_at = 0, None

    def record_sign_in(
        self, actor: Actor, session_ref: str, browser: str, at: datetime, browser_key: str = ""
    ) -> None:
        """Record a completed sign-in (password and code) for the security page.

        `browser_key` is a digest of the long-lived browser cookie; a sign-in from a
        browser the account has not used before is marked new, except the very first.
        """
        if browser_key and not _DIGEST.fullmatch(browser_key):
            raise InvalidArgument("A browser key is a SHA-256 hex digest.")
        new_browser = bool(browser_key) and bool(self.known_browsers)
        new_browser = new_browser and browser_key not in self.known_browsers
        self._record_sign_in(
            **_who(actor),
            session_ref=session_ref,
            browser=browser,
            at=_aware(at),
            browser_key=browser_key,
            new_browser=new_browser,
        )

    @event("SignedIn")
    def _record_sign_in(
        self,
        actor_id: str,
        actor_role: str,
        session_ref: str,
        browser: str,
        at: datetime,
        browser_key: str = "",
        new_browser: bool = False,
    ) -> None:
        self.last_sign_in_at = at
        self.failed_password_count, self.last_password_failure_at = 0, None
        self.failed_code_count, self.last_code_failure_at = 0, None
        if browser_key:
            others = [key for key in self.known_browsers if key != browser_key]
            self.known_browsers = [browser_key, *others][:KNOWN_BROWSER_LIMIT]

    def change_email(self, actor: Actor, email: str) -> None:
        """Move the account to a new address, which the person has proven they receive."""
        address = normalise_email(email)
        if email_key(address) == self.email_key:
            raise InvalidArgument("The new email address is the one the account already has.")
        self._change_email(**_who(actor), email=address, email_key=email_key(address))

    @event("EmailChanged")
    def _change_email(self, actor_id: str, actor_role: str, email: str, email_key: str) -> None:
        self.email, self.email_key, self.email_verified = email, email_key, True

    def reset_second_factor(self, actor: Actor, reason: str) -> None:
        """Remove the authenticator app and recovery codes, so a new app must be set up.

        Only a completed account recovery or an administrator does this, with a reason.
        """
        if not reason.strip():
            raise InvalidArgument("Resetting the second factor needs a reason.")
        self._reset_second_factor(**_who(actor), reason=reason.strip())

    @event("SecondFactorReset")
    def _reset_second_factor(self, actor_id: str, actor_role: str, reason: str) -> None:
        self.totp_secret = self.pending_totp_secret = None
        self.recovery_digests, self.recovery_codes_issued = [], False
        self.failed_code_count, self.last_code_failure_at = 0, None

    def assign_office(self, actor: Actor, office: str) -> None:
        """Place a staff member in an office (its code, such as NBC); only admins do this."""
        if actor.role not in (Role.ADMIN, Role.SYSTEM):
            raise InvalidArgument("Only an administrator places staff in an office.")
        if self.role not in OFFICE_ROLES:
            raise InvalidArgument("Only officers and supervisors work in an office.")
        code = office.strip().upper()
        if not _OFFICE.fullmatch(code):
            raise InvalidArgument("An office code is 2 to 8 letters or digits, such as NBC.")
        if code != self.office:
            self._assign_office(**_who(actor), office=code)

    @event("OfficeAssigned")
    def _assign_office(self, actor_id: str, actor_role: str, office: str) -> None:
        self.office = office

    def change_mailing_address(self, actor: Actor, address: dict[str, str]) -> None:
        """Keep the holder's mailing address on their profile; only they change it here."""
        if actor != self.holder:
            raise InvalidArgument("Only the account holder changes their mailing address.")
        lines = {key: value.strip() for key, value in address.items() if value.strip()}
        if not lines:
            raise InvalidArgument("Please give the new address.")
        self._change_mailing_address(**_who(actor), address=lines)

    @event("MailingAddressChanged")
    def _change_mailing_address(
        self, actor_id: str, actor_role: str, address: dict[str, str]
    ) -> None:
        self.mailing_address = dict(address)

    def choose_time_zone(self, actor: Actor, zone: str) -> None:
        """Show the holder's dates in `zone`, one the account page offers; only they choose."""
        if actor != self.holder:
            raise InvalidArgument("Only the account holder chooses their time zone.")
        if zone not in CHOOSABLE:
            raise InvalidArgument("Choose a time zone from the list.")
        if zone != self.time_zone:
            self._choose_time_zone(**_who(actor), zone=zone)

    @event("TimeZoneChosen")
    def _choose_time_zone(self, actor_id: str, actor_role: str, zone: str) -> None:
        self.time_zone = zone

    def choose_language(self, actor: Actor, language: str) -> None:
        """Speak and write to the holder in `language` (one the portal offers); only they choose."""
        if actor != self.holder:
            raise InvalidArgument(N_("Only the account holder chooses their language."))
        if not LANGUAGE_CODE.fullmatch(language):
            raise InvalidArgument(N_("Choose a language from the list."))
        if language != self.language:
            self._choose_language(**_who(actor), language=language)

    @event("LanguageChosen")
    def _choose_language(self, actor_id: str, actor_role: str, language: str) -> None:
        self.language = language

    def record_failed_sign_in(self, actor: Actor, reason_code: str, at: datetime) -> None:
        """Record a wrong password or code; the count decides how long sign-in then waits."""
        if reason_code not in FAILURE_REASONS:
            raise InvalidArgument(f"Unknown sign-in failure {reason_code!r}.")
        self._record_failed_sign_in(**_who(actor), reason_code=reason_code, at=_aware(at))

    @event("SignInFailed")
    def _record_failed_sign_in(
        self, actor_id: str, actor_role: str, reason_code: str, at: datetime
    ) -> None:
        if reason_code == WRONG_PASSWORD_REASON:
            self.failed_password_count += 1
            self.last_password_failure_at = at
        else:
            self.failed_code_count += 1
            self.last_code_failure_at = at

    def note_access_token(self, actor: Actor, change: str, token_id: UUID, name: str) -> None:
        """Record a personal access token made, revoked or used from a new network.

        The tokens themselves live in their own store; the account keeps the history its
        holder reads on the security page, and the holder is told by email.
        """
        if actor != self.holder:
            raise InvalidArgument("Only the account holder manages their tokens.")
        if change not in ACCESS_TOKEN_CHANGES:
            raise InvalidArgument(f"Unknown token change {change!r}.")
        record = getattr(self, ACCESS_TOKEN_CHANGES[change])
        record(**_who(actor), token_id=str(token_id), name=name)

    @event("AccessTokenCreated")
    def _access_token_created(
        self, actor_id: str, actor_role: str, token_id: str, name: str
    ) -> None:
        pass

    @event("AccessTokenRevoked")
    def _access_token_revoked(
        self, actor_id: str, actor_role: str, token_id: str, name: str
    ) -> None:
        pass

    @event("AccessTokenUsedFromNewNetwork")
    def _access_token_new_network(
        self, actor_id: str, actor_role: str, token_id: str, name: str
    ) -> None:
        pass

    def note_passkey(self, actor: Actor, change: str, name: str) -> None:
        """Record a passkey added, renamed or removed (the keys live in their own store)."""
        if actor != self.holder:
            raise InvalidArgument("Only the account holder manages their passkeys.")
        if change not in PASSKEY_CHANGES:
            raise InvalidArgument(f"Unknown passkey change {change!r}.")
        record = getattr(self, "_passkey_" + change)
        record(**_who(actor), name=name)

    @event("PasskeyAdded")
    def _passkey_added(self, actor_id: str, actor_role: str, name: str) -> None:
        pass

    @event("PasskeyRenamed")
    def _passkey_renamed(self, actor_id: str, actor_role: str, name: str) -> None:
        pass

    @event("PasskeyRemoved")
    def _passkey_removed(self, actor_id: str, actor_role: str, name: str) -> None:
        pass


ACCESS_TOKEN_CHANGES = {
    "created": "_access_token_created",
    "revoked": "_access_token_revoked",
    "new_network": "_access_token_new_network",
}
"""Each change to a personal access token, by the event that records it."""


PASSKEY_CHANGES = {
    "added": "PasskeyAdded",
    "renamed": "PasskeyRenamed",
    "removed": "PasskeyRemoved",
}
"""Each change to the account's passkeys, by the event that records it."""

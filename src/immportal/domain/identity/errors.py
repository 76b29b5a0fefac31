"""The exceptions the identity domain raises, each with a message a person can act on."""

from __future__ import annotations

from datetime import datetime

from immportal.domain.errors import DomainError
from immportal.i18n import N_


class IdentityError(DomainError):
    """A sign-in or account command was refused."""


class PasswordRejected(IdentityError, ValueError):
    """The chosen password breaks the password policy; `reasons` says how, in plain words."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = list(reasons)


class EmailTaken(IdentityError):
    """Another account already uses this email address."""


class WrongPassword(IdentityError):
    """The email address or password is not right."""


class SignInDelayed(WrongPassword):
    """Too many wrong passwords for the address typed: sign-in waits until `until`.

    It subclasses WrongPassword so that a page that does not say more refuses it alike.
    The sign-in page says plainly that sign-in waits, and until when: addresses no
    account uses are counted and delayed the same way, so this reveals no account.
    """

    def __init__(self, message: str, *, until: datetime) -> None:
        super().__init__(message)
        self.until = until


class WrongCode(IdentityError):
    """The security code or recovery code is not right."""


class CodeAlreadyUsed(WrongCode):
    """The code was right but has been used already; each code works once."""


class CodePaused(IdentityError):
    """Too many wrong codes: the code step is paused until `until`."""

    def __init__(self, message: str, *, until: datetime) -> None:
        super().__init__(message)
        self.until = until


class TotpNotSetUp(IdentityError):
    """The account has no authenticator app being set up or active."""


class LinkInvalid(IdentityError):
    """An emailed link is unknown, expired, used, or outdated by a password change."""


WRONG_PASSWORD = N_("The email address or password is not right")
WRONG_CODE = N_("That code is not right. Check the code and try again")
CODE_ALREADY_USED = N_("That code has been used already. Wait for your app to show a new code")
CODE_PAUSED = N_("You entered too many wrong codes. Wait 10 minutes, then try again")
LINK_INVALID = N_("This link has expired or has already been used. Ask for a new one.")

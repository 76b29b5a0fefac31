"""The exceptions of account recovery, each with a message a person can act on."""

from __future__ import annotations

from datetime import datetime

from immportal.domain.identity.errors import IdentityError
from immportal.i18n import N_


class RecoveryError(IdentityError):
    """A step of an account recovery was refused."""


class RecoveryClosed(RecoveryError):
    """The attempt was cancelled or finished, or is past the step asked for."""


class RecoveryNotReady(RecoveryError):
    """The attempt is not proven yet, or its wait ends at `until`."""

    def __init__(self, message: str, *, until: datetime | None) -> None:
        super().__init__(message)
        self.until = until


class ProofMismatch(RecoveryError):
    """The receipt number and date of birth do not match a case of the account."""


class RecoveryUnderWay(RecoveryError):
    """Another attempt for the account is still open."""


class RecoveryLocked(RecoveryError):
    """Too many wrong proofs: no new attempt may start until `until`."""

    def __init__(self, message: str, *, until: datetime) -> None:
        super().__init__(message)
        self.until = until


RECOVERY_CLOSED = N_("This recovery has been cancelled or finished already")
RECOVERY_PROVEN = N_("You have already given your receipt number and date of birth")
RECOVERY_WITH_ADMIN = N_(
    "You asked an administrator to check who you are. Only they can finish this recovery"
)
RECOVERY_NOT_PROVEN = N_("Give your receipt number and date of birth first")
RECOVERY_WAITING = N_("You cannot finish yet. For your safety, we wait 24 hours")
PROOF_MISMATCH = N_("The receipt number and date of birth do not match our records")
RECOVERY_UNDER_WAY = N_(
    "A recovery of this account is already under way. Use the links in the emails we sent"
)
RECOVERY_LOCKED = N_(
    "The details given did not match our records too many times. For your safety, you can"
    " try again 24 hours after the last try"
)
RECOVERY_LOCKED_AFTER_STOP = N_(
    "A recovery of this account was stopped after details that did not match our records."
    " For your safety, you can try again 24 hours after it was stopped"
)

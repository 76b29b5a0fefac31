"""The exceptions the case domain raises when a command breaks a rule."""

from __future__ import annotations


class DomainError(Exception):
    """A command was refused because it breaks a rule of the domain."""


class TransitionNotAllowed(DomainError):
    """The command is not allowed while the case is in its current status."""

    def __init__(self, message: str, *, command: str, status: str) -> None:
        super().__init__(message)
        self.command = command
        self.status = status


class CaseClosed(TransitionNotAllowed):
    """The case is closed or withdrawn, so the command can no longer be applied."""


class NotPermitted(DomainError):
    """The actor's role is not allowed to perform this command."""


class ReasonRequired(DomainError):
    """A person decided something, so they must say why."""


class LegalBasisRequired(ReasonRequired):
    """A denial must cite the legal basis it rests on."""


class SecondOfficerRequired(DomainError):
    """A denial must be reviewed by a supervisor other than the proposing officer."""


class FeeRequired(DomainError):
    """An application can only be submitted with a fee paid or a fee waiver."""


class InvalidArgument(DomainError, ValueError):
    """A command was given a value the domain cannot accept."""


class InvalidReceiptNumber(DomainError, ValueError):
    """The text is not a receipt number of three letters followed by ten digits."""

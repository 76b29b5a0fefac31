"""What the account recovery emails say: plain language, the first name only, one link each."""

from __future__ import annotations

from datetime import datetime

from immportal.formatting import moment
from immportal.i18n import babel_locale
from immportal.services.notifications.ports import Email

START_PATH = "/lost-authenticator/proof"
FINISH_PATH = "/lost-authenticator/finish"
CANCEL_PATH = "/lost-authenticator/cancel"

_FOOTER = ["", "Please do not reply to this email."]


def first_name(names: list[str]) -> str:
    """The first word of the first name given: all of a person an email may name."""
    words = names[0].split() if names else []
    return words[0] if words else ""


def _greeting(name: str) -> str:
    return f"Hello {name}," if name else "Hello,"


def _when(at: datetime) -> str:
    # The recovering person may have lost access to everything we know them by, so the
    # agency's zone, named in the text, rather than a guess at theirs.
    return moment(at, None, babel_locale())


def _email(kind: str, digest: str, to: str, subject: str, lines: list[str]) -> Email:
    text = "\n".join([*lines, *_FOOTER]) + "\n"
    return Email(message_id=f"{kind}-{digest[:40]}", to=to, subject=subject, text=text)


def start_email(to: str, name: str, url: str, digest: str) -> Email:
    """The link, valid 1 hour, to begin recovering an account without its second factor."""
    lines = [
        _greeting(name),
        "",
        "Someone said they lost the authenticator app and the recovery codes of the immportal"
        " account that uses this email address. If it was you, continue here:",
        "",
        url,
        "",
        "You will need the receipt number of one of your applications and your date of birth."
        " The link works once, for 1 hour.",
        "",
        "If you did not ask for this, you can ignore this email. Nothing has changed.",
    ]
    return _email("recover", digest, to, "Get back into your account", lines)


def notice_email(to: str, name: str, cancel_url: str, digest: str, ready_at: datetime) -> Email:
    """The warning that a recovery was proven, with the "this wasn't me" link that stops it."""
    lines = [
        _greeting(name),
        "",
        "Someone gave a receipt number and date of birth to remove the authenticator app"
        " from your immportal account. After that, they could sign in with only the password.",
        "",
        f"For your safety, nothing changes before {_when(ready_at)}.",
        "",
        "If this was you, you do not need to do anything now.",
        "",
        "If this was not you, stop it straight away by opening this link:",
        "",
        cancel_url,
        "",
        "Then change the password of your email account and of your immportal account.",
    ]
    return _email("recover-notice", digest, to, "Someone asked to remove your authenticator", lines)


def help_notice_email(to: str, name: str, cancel_url: str, digest: str) -> Email:
    """The warning that someone asked an administrator to recover the account, with "stop it"."""
    lines = [
        _greeting(name),
        "",
        "Someone asked an administrator to remove the authenticator app from your immportal"
        " account, without a receipt number. After that, they could sign in with only the"
        " password.",
        "",
        "Nothing changes until an administrator has checked who they are. The administrator"
        " will contact the account's owner through a contact we have already verified.",
        "",
        "If this was you, you do not need to do anything now.",
        "",
        "If this was not you, stop it straight away by opening this link:",
        "",
        cancel_url,
        "",
        "Then change the password of your email account and of your immportal account.",
    ]
    return _email("recover-help", digest, to, "Someone asked to remove your authenticator", lines)


def finish_email(to: str, name: str, url: str, digest: str, ready_at: datetime) -> Email:
    """The link that finishes the recovery once the 24-hour wait is over."""
    lines = [
        _greeting(name),
        "",
        "Your receipt number and date of birth matched our records.",
        "",
        f"You can finish after {_when(ready_at)}. Then open this link:",
        "",
        url,
        "",
        "After that, sign in with your password and set up your authenticator app again."
        " The link works once, for 7 days after the wait.",
    ]
    return _email("recover-finish", digest, to, "Finish getting back into your account", lines)

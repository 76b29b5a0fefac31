"""What the account emails say: plain language, the first name only, one link each."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode
from uuid import uuid4

from immportal.services.notifications.ports import Email

VERIFY_PATH = "/account/verify"
RESET_PATH = "/account/reset"
CHANGE_EMAIL_PATH = "/account/email/confirm"

_FOOTER = ["", "Please do not reply to this email."]


def link(public_url: str, path: str, token: str) -> str:
    """The link to a page of the portal carrying a token, under the configured public URL."""
    # Never built from a request's Host header: a forged header would mail out a link
    # to someone else's server carrying a live token.
    return f"{public_url.rstrip('/')}{path}?{urlencode({'token': token})}"


def _greeting(first_name: str) -> str:
    return f"Hello {first_name}," if first_name else "Hello,"


def _duration(valid: timedelta) -> str:
    """A validity in everyday words: "1 hour", "24 hours", "30 minutes"."""
    minutes = int(valid.total_seconds()) // 60
    count, unit = (minutes // 60, "hour") if minutes % 60 == 0 else (minutes, "minute")
    return f"{count} {unit}" + ("" if count == 1 else "s")


def verification_email(to: str, first_name: str, url: str, digest: str, valid: timedelta) -> Email:
    """The email asking a person to confirm their address."""
    lines = [
        _greeting(first_name),
        "",
        "To finish setting up your immportal account, confirm your email address by opening"
        " this link:",
        "",
        url,
        "",
        f"The link works once, for {_duration(valid)}. If it has stopped working, sign in"
        " and ask for a new one.",
        "",
        "If you did not create an account, you can ignore this email.",
        *_FOOTER,
    ]
    return Email(
        message_id=f"verify-{digest[:40]}",
        to=to,
        subject="Confirm your email address",
        text="\n".join(lines) + "\n",
    )


def reset_email(to: str, first_name: str, url: str, digest: str, valid: timedelta) -> Email:
    """The email with a link to choose a new password."""
    lines = [
        _greeting(first_name),
        "",
        "Someone asked to reset the password of the immportal account that uses this email"
        " address. If it was you, choose a new password here:",
        "",
        url,
        "",
        f"The link works once, for {_duration(valid)}. After that, ask for a new one.",
        "",
        "If you did not ask for this, you can ignore this email. Your password has not changed.",
        *_FOOTER,
    ]
    return Email(
        message_id=f"reset-{digest[:40]}",
        to=to,
        subject="Reset your password",
        text="\n".join(lines) + "\n",
    )


def enrolment_email(to: str, first_name: str, url: str, digest: str, valid: timedelta) -> Email:
    """The email inviting a new staff member to choose a password for their account."""
    lines = [
        _greeting(first_name),
        "",
        "An administrator created an immportal staff account for you. To set it up,"
        " choose your password here:",
        "",
        url,
        "",
        "After that, sign in and set up an authenticator app before anything else.",
        "",
        f"The link works once, for {_duration(valid)}. If it has stopped working, ask the"
        " administrator who created your account to send a new one.",
        "",
        "If you were not expecting this, tell your administrator and do not open the link.",
        *_FOOTER,
    ]
    return Email(
        message_id=f"enrol-{digest[:40]}",
        to=to,
        subject="Set up your immportal staff account",
        text="\n".join(lines) + "\n",
    )


def change_email_email(to: str, first_name: str, url: str, digest: str, valid: timedelta) -> Email:
    """The email, sent to the new address, whose link moves the account to that address."""
    lines = [
        _greeting(first_name),
        "",
        "You asked to use this email address for your immportal account. To make the change,"
        " open this link:",
        "",
        url,
        "",
        f"The link works once, for {_duration(valid)}. Until you open it, your account keeps"
        " its current email address.",
        "",
        "If you did not ask for this, you can ignore this email: nothing changes.",
        *_FOOTER,
    ]
    return Email(
        message_id=f"change-email-{digest[:40]}",
        to=to,
        subject="Confirm your new email address",
        text="\n".join(lines) + "\n",
    )


def account_exists_email(to: str, public_url: str) -> Email:
    """The email telling an address's holder that someone tried to register it again."""
    base = public_url.rstrip("/")
    lines = [
        "Hello,",
        "",
        "Someone tried to create an immportal account with this email address. You"
        " already have an account, so nothing was changed.",
        "",
        f"If it was you, sign in at {base}/sign-in. If you forgot your password,"
        " choose \u201cForgot your password?\u201d on that page.",
        "",
        "If it was not you, you do not need to do anything.",
        *_FOOTER,
    ]
    return Email(
        message_id=f"account-exists-{uuid4().hex}",
        to=to,
        subject="Someone tried to create an account with your email",
        text="\n".join(lines) + "\n",
    )

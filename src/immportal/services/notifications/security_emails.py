"""What the security emails to account holders say: what changed, when, and what to do.

Plain language, the first name only, and never a link carrying a token: the sign-in
link is the portal's own address.
"""

from collections.abc import Callable
from dataclasses import dataclass

from immportal.formatting import moment
from immportal.i18n import babel_locale
from immportal.integration.account_contracts import (
    AccountSignedIn,
    AuthenticatorActivated,
    RecoveryCodesIssued,
)
from immportal.integration.base import IntegrationEvent

_IF_NOT_YOU = (
    "If you did not, choose \u201cForgot your password?\u201d on the sign-in page to choose a"
    " new password straight away, and check that your email account is secure."
)


def _always(_event: IntegrationEvent) -> bool:
    return True


def _replaced(event: IntegrationEvent) -> bool:
    return isinstance(event, AuthenticatorActivated | RecoveryCodesIssued) and event.replaced


def _new_browser(event: IntegrationEvent) -> bool:
    return isinstance(event, AccountSignedIn) and event.new_browser


@dataclass(frozen=True)
class SecurityNotice:
    """One kind of security email."""

    subject: str
    what: str
    """What happened; `{when}` stands for the date and time."""
    if_not_you: str
    applies: Callable[[IntegrationEvent], bool] = _always
    """Whether this event deserves the email at all."""
    to_previous_address: bool = False
    """Write to the address the account had before the event (a changed address)."""


SECURITY_NOTICES = {
    "account.password_changed": SecurityNotice(
        "Your password was changed",
        "The password of your immportal account was changed on {when}. For your safety,"
        " we signed you out on your other devices.",
        _IF_NOT_YOU,
    ),
    "account.email_changed": SecurityNotice(
        "Your email address was changed",
        "The email address of your immportal account was changed on {when}. From now on,"
        " we will write to the new address, not to this one.",
        "If you did not, someone may be using your account: sign in, change your password"
        " and change the email address back straight away.",
        to_previous_address=True,
    ),
    "account.totp_activated": SecurityNotice(
        "Your authenticator app was changed",
        "A new authenticator app was set up for your immportal account on {when}."
        " Codes from the old app no longer work.",
        _IF_NOT_YOU,
        applies=_replaced,
    ),
    "account.recovery_codes_set": SecurityNotice(
        "You have new recovery codes",
        "New recovery codes were made for your immportal account on {when}."
        " The old codes no longer work.",
        _IF_NOT_YOU,
        applies=_replaced,
    ),
    "account.recovery_code_used": SecurityNotice(
        "A recovery code was used to sign in",
        "Someone signed in to your immportal account with one of your recovery codes on"
        " {when}. Each code works only once.",
        _IF_NOT_YOU,
    ),
    "account.second_factor_reset": SecurityNotice(
        "Your sign-in security was reset",
        "The authenticator app and recovery codes of your immportal account were removed on"
        " {when}. A new authenticator app must be set up at the next sign-in.",
        _IF_NOT_YOU,
    ),
    "account.signed_in": SecurityNotice(
        "New sign-in to your account",
        "Your immportal account was signed in to on {when} from a browser or device it has"
        " not used before.",
        "If it was not you, change your password straight away and sign out of your other"
        " sessions on the Sessions page of your account.",
        applies=_new_browser,
    ),
    "account.access_token_created": SecurityNotice(
        "A token for programs was made",
        "A personal access token for programs was made for your immportal account on {when}."
        " A program holding it can use your account through the API.",
        "If you did not, revoke it on the Tokens for programs page of your account, and"
        " change your password straight away.",
    ),
    "account.access_token_revoked": SecurityNotice(
        "A token for programs was revoked",
        "A personal access token for programs of your immportal account was revoked on"
        " {when}. Programs using it can no longer reach your account.",
        _IF_NOT_YOU,
    ),
    "account.access_token_used_from_new_network": SecurityNotice(
        "A token for programs was used from a new network",
        "A personal access token of your immportal account was used on {when} from a"
        " network it had not been used from before.",
        "If you do not recognise this, revoke the token on the Tokens for programs page of"
        " your account.",
    ),
    "account.passkey_added": SecurityNotice(
        "A passkey was added to your account",
        "A passkey or security key was added to your immportal account on {when}. It can"
        " now be used to sign in.",
        "If you did not, remove it on the Passkeys page of your account and change your"
        " password straight away.",
    ),
    "account.passkey_renamed": SecurityNotice(
        "A passkey was renamed",
        "A passkey or security key of your immportal account was renamed on {when}.",
        _IF_NOT_YOU,
    ),
    "account.passkey_removed": SecurityNotice(
        "A passkey was removed from your account",
        "A passkey or security key was removed from your immportal account on {when}. It"
        " can no longer be used to sign in.",
        _IF_NOT_YOU,
    ),
}


def compose_security_text(
    notice: SecurityNotice,
    event: IntegrationEvent,
    first_name: str,
    sign_in_url: str,
    zone: str | None = None,
) -> str:
    """The body of a security email; its moment in `zone` (the person's; the agency's if None)."""
    when = moment(event.occurred_at, zone, babel_locale())
    lines = [
        f"Hello {first_name}," if first_name else "Hello,",
        "",
        notice.what.format(when=when),
        "",
        "If this was you, you do not need to do anything.",
        "",
        notice.if_not_you,
        "",
        f"Sign in to check your account: {sign_in_url}",
        "",
        "Please do not reply to this email.",
    ]
    return "\n".join(lines)

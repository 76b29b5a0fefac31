"""Event types in plain words, for auditors (the case titles are the timeline's own)."""

import re

from immportal.services.cases.timeline_titles import TITLES as CASE_TITLES

ACCOUNT_TITLES = {
    "Registered": "Account opened",
    "EmailVerified": "Email address confirmed",
    "PasswordChanged": "Password changed",
    "PasswordRehashed": "Password re-protected with current settings",
    "TotpEnrolmentStarted": "Authenticator app set-up started",
    "TotpActivated": "Authenticator app set up",
    "TotpStepUsed": "Authenticator code used",
    "RecoveryCodesSet": "Recovery codes issued",
    "RecoveryCodeUsed": "Recovery code used",
    "SignedIn": "Signed in",
    "EmailChanged": "Email address changed",
    "SecondFactorReset": "Second factor reset",
    "SignInFailed": "Sign-in attempt failed",
}
_WORD_START = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def title_of(kind: str, name: str) -> str:
    """'Application submitted and fee received' for ('Case', 'Submitted'), and so on."""
    titles = {"Case": CASE_TITLES, "Account": ACCOUNT_TITLES}.get(kind, {})
    if name in titles:
        return titles[name]
    words = _WORD_START.sub(" ", name).lower()
    return words[:1].upper() + words[1:]


def kind_phrase(kind: str) -> str:
    """What an aggregate kind is called on the pages."""
    return {"Case": "Case", "Account": "Account", "AccountRecovery": "Account recovery"}.get(
        kind, kind
    )

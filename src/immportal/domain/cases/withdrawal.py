"""Why an applicant withdraws an application: the grounds people choose from."""

from __future__ import annotations

from collections.abc import Mapping

from immportal.domain.errors import InvalidArgument
from immportal.i18n import N_

WITHDRAWAL_GROUNDS: Mapping[str, str] = {
    "no_longer_needed": N_("I no longer need this benefit"),
    "filed_in_error": N_("I filed this application by mistake"),
    "filed_again": N_("I filed a new application instead"),
    "circumstances_changed": N_("My circumstances have changed"),
    "other": N_("Another reason"),
}
"""Each ground's stable code and the words shown for it."""


def check_ground(ground: str) -> str:
    """Return the ground's code, or raise InvalidArgument for one we do not offer."""
    code = ground.strip()
    if code not in WITHDRAWAL_GROUNDS:
        msg = "Please choose why you are withdrawing the application."
        raise InvalidArgument(msg)
    return code


def ground_label(ground: str) -> str:
    """The words for a ground's code; an unknown or empty code gives empty words."""
    return WITHDRAWAL_GROUNDS.get(ground, "")

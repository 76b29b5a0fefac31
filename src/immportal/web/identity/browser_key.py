"""A long-lived, random browser cookie, so a sign-in from a new browser can be noticed.

The cookie says nothing about the person; the account keeps only its SHA-256 digest.
The sessions middleware hands a new cookie out with the response.
"""

import hashlib
import re
import secrets

from aiohttp import web

from immportal.web.keys import SETTINGS
from immportal.web.sessions import BROWSER_COOKIE_NAMES, SESSION_STATE, over_https

_VALUE = re.compile(r"[A-Za-z0-9_-]{43}")  # token_urlsafe(32)


def browser_key(request: web.Request) -> str:
    """The digest of this browser's cookie; a browser without one is given one now."""
    name = BROWSER_COOKIE_NAMES[over_https(request.app[SETTINGS])]
    value = request.cookies.get(name, "")
    if not _VALUE.fullmatch(value):
        value = secrets.token_urlsafe(32)
        request[SESSION_STATE].browser_cookie = value
    return hashlib.sha256(value.encode()).hexdigest()

"""Authenticator codes (RFC 6238) with pyotp, and their set-up QR codes with segno."""

from __future__ import annotations

import hmac
from datetime import datetime

import pyotp
import segno

ISSUER = "immportal"
SECRET_LENGTH = 32
"""Base32 characters: 160 bits, the HMAC-SHA1 block RFC 4226 recommends."""
PERIOD = 30
WINDOW = 1
"""Steps accepted either side of now, for clocks that drift and people who type slowly."""


class PyotpTotp:
    """The TotpService port on pyotp and segno."""

    def new_secret(self) -> str:
        """A random base32 secret of 160 bits."""
        return pyotp.random_base32(length=SECRET_LENGTH)

    def provisioning_uri(self, secret: str, account_name: str) -> str:
        """The otpauth:// URI naming the account and immportal as the issuer."""
        return pyotp.TOTP(secret, interval=PERIOD).provisioning_uri(
            name=account_name, issuer_name=ISSUER
        )

    def qr_svg(self, uri: str) -> str:
        """An inline SVG QR code of the URI, titled for screen readers."""
        qr = segno.make(uri, error="m", micro=False)
        return qr.svg_inline(scale=5, title="QR code to scan with your authenticator app")

    def verify(self, secret: str, code: str, at: datetime) -> int | None:
        """The time step within one of `at` whose code equals `code`, else None."""
        if at.tzinfo is None:
            raise ValueError("at must carry a time zone")
        if not (code.isascii() and code.isdigit()):
            return None
        totp = pyotp.TOTP(secret, interval=PERIOD)
        now = int(at.timestamp()) // PERIOD
        matched = None
        # Compare every candidate in constant time and do not stop early: timing says nothing.
        for step in range(now - WINDOW, now + WINDOW + 1):
            if hmac.compare_digest(totp.generate_otp(step), code):
                matched = step
        return matched

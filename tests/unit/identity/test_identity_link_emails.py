"""Tests for the account emails in immportal.services.identity.link_emails."""

from __future__ import annotations

from datetime import timedelta

import pytest

from immportal.services.identity.link_emails import (
    RESET_PATH,
    VERIFY_PATH,
    link,
    reset_email,
    verification_email,
)

DIGEST = "ab" * 32
URL = "https://portal.example.gov/account/verify?token=t"


class TestLink:
    """Links are built from the configured public URL only."""

    @pytest.mark.parametrize(
        "public_url", ["https://portal.example.gov", "https://portal.example.gov/"]
    )
    def test_public_url(self, public_url: str) -> None:
        """With or without a trailing slash, the path follows the public URL once."""
        assert "https://portal.example.gov/account/reset?token=abc" == link(
            public_url, RESET_PATH, "abc"
        )

    def test_token_is_quoted(self) -> None:
        """A token with characters special in URLs is percent-encoded."""
        assert "https://p.example/account/verify?token=a%2Bb%26c%3Dd" == link(
            "https://p.example", VERIFY_PATH, "a+b&c=d"
        )


class TestEmails:
    """Each email greets by first name, says how long its link works, and is named by digest."""

    def test_verification(self) -> None:
        """The verification email says the link works for 24 hours."""
        email = verification_email("a@example.org", "Ana", URL, DIGEST, timedelta(hours=24))
        assert (f"verify-{DIGEST[:40]}", True, True) == (
            email.message_id,
            email.text.startswith("Hello Ana,\n"),
            "works once, for 24 hours" in email.text,
        )

    def test_reset_without_a_name(self) -> None:
        """Without a name the reset email says just hello, and the hour in words."""
        email = reset_email("a@example.org", "", URL, DIGEST, timedelta(hours=1))
        assert (f"reset-{DIGEST[:40]}", True, True) == (
            email.message_id,
            email.text.startswith("Hello,\n"),
            "works once, for 1 hour." in email.text,
        )

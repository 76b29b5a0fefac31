"""Logs carry context and never the value of a secret."""

import io
import json
from contextlib import redirect_stderr

import structlog

from immportal.app.logging_setup import REDACTED, configure_logging, redact_secrets


class TestRedaction:
    """Secret-looking keys are replaced before rendering."""

    def test_secret_keys_are_redacted(self) -> None:
        """Passwords, tokens, codes and keys never reach the output."""
        event = {
            "event": "x",
            "password": "hunter2hunter2",
            "reset_token": "t0k",
            "otp_code": "123456",
            "cipher_key": "k",
            "session_id": "s",
            "user": "ana",
        }
        redacted = redact_secrets(None, "info", dict(event))
        assert {
            "event": "x",
            "password": REDACTED,
            "reset_token": REDACTED,
            "otp_code": REDACTED,
            "cipher_key": REDACTED,
            "session_id": REDACTED,
            "user": "ana",
        } == redacted

    def test_status_code_is_not_a_secret(self) -> None:
        """Ordinary fields that merely contain 'code' stay readable."""
        assert {"status_code": 404} == redact_secrets(None, "info", {"status_code": 404})


class TestJsonOutput:
    """configure_logging writes one JSON object per line with bound context."""

    def test_context_is_merged_and_secrets_hidden(self) -> None:
        """A bound request id appears; a password does not."""
        buffer = io.StringIO()
        try:
            with redirect_stderr(buffer):
                configure_logging("info", json=True)
                structlog.contextvars.bind_contextvars(request_id="abc123")
                structlog.get_logger("t").info("signed_in", password="correct horse battery")
        finally:
            structlog.contextvars.clear_contextvars()
            structlog.reset_defaults()
        line = json.loads(buffer.getvalue().strip().splitlines()[-1])
        assert ("signed_in", "abc123", REDACTED) == (
            line["event"],
            line["request_id"],
            line["password"],
        )
        assert "correct horse" not in buffer.getvalue()

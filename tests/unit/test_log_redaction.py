"""Secrets are hidden by the key they are logged under and by their shape in text."""

import logging

import pytest

from immportal.app.log_redaction import REDACTED, redact_secrets, scrub_text


class TestByKey:
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

    def test_nested_values(self) -> None:
        """Secret keys inside a logged dict or list are hidden; the caller's dict is untouched."""
        headers = {"Authorization": "Bearer abc", "Accept": "text/html"}
        event = {"event": "x", "sent": [headers], "count": 2}
        assert {
            "event": "x",
            "sent": [{"Authorization": REDACTED, "Accept": "text/html"}],
            "count": 2,
        } == redact_secrets(None, "info", event)
        assert "Bearer abc" == headers["Authorization"]

    def test_exception_values(self) -> None:
        """An exception logged as a value is shown by its repr, without the DSN it quotes."""
        error = OSError("no route to postgresql://app:pw-77@db/portal")
        redacted = redact_secrets(None, "error", {"event": "x", "error": error})
        assert f"OSError('no route to postgresql://app:{REDACTED}@db/portal')" == redacted["error"]


class TestInText:
    """Credentials are found by their shape in free text."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("postgresql://u:secret@h/db", f"postgresql://u:{REDACTED}@h/db"),
            ("amqp://guest:guest@127.0.0.1:5672/", f"amqp://guest:{REDACTED}@127.0.0.1:5672/"),
            ("redis://:pw@cache", f"redis://:{REDACTED}@cache"),
            ("/reset?token=abc&lang=es", f"/reset?token={REDACTED}&lang=es"),
            ("host=db password=pw user=app", f"host=db password={REDACTED} user=app"),
            ("Authorization: Basic dXNlcjpwdw==", f"Authorization: {REDACTED}"),
            ("Cookie: a=1; b=2\nnext line", f"Cookie: {REDACTED}\nnext line"),
            ("sent Bearer eyJhbGciOi.x.y", f"sent Bearer {REDACTED}"),
            ('{"client_secret": "cs-1", "id": 3}', f'{{"client_secret": "{REDACTED}", "id": 3}}'),
            ("{'otp': 123456}", f"{{'otp': {REDACTED}}}"),
        ],
    )
    def test_hidden(self, text: str, expected: str) -> None:
        """URLs' passwords, query and DSN pairs, headers and quoted keys lose their values."""
        assert expected == scrub_text(text)

    @pytest.mark.parametrize(
        "text",
        [
            "GET /cases/IOE0912345678 status_code=200",
            "https://portal.example/sign-in?next=/account",
            "    token = issue_token(account)",
            "KeyError: 'password'",
            "2026-05-09T07:35:25.123456+00:00 form_code=I-130",
        ],
    )
    def test_left_alone(self, text: str) -> None:
        """Ordinary text, safe keys and a traceback's source lines stay readable."""
        assert text == scrub_text(text)


class TestRecordArguments:
    """A library record's message is formatted again from arguments with their secrets hidden."""

    def record(self, msg: str, *args: object) -> logging.LogRecord:
        """A record as a library's logger.info(msg, *args) makes it."""
        return logging.LogRecord("lib", logging.INFO, __file__, 1, msg, args, None)

    def test_mapping_argument_by_key(self) -> None:
        """A %(password)s placeholder shows the marker, not the value."""
        record = self.record("as %(user)s with %(password)s", {"user": "ana", "password": "pw"})
        event = {"event": record.getMessage(), "_record": record, "positional_args": record.args}
        assert {"event": f"as ana with {REDACTED}", "_record": record} == redact_secrets(
            None, "info", event
        )

    def test_numeric_placeholder_falls_back_to_the_template(self) -> None:
        """When the marker cannot fill %d, the template alone is shown."""
        record = self.record("code %(code)d", {"code": 123456})
        event = {"event": record.getMessage(), "_record": record, "positional_args": record.args}
        assert "code %(code)d" == redact_secrets(None, "info", event)["event"]

"""build_message turns an Email into a standard RFC 5322 message."""

from email import policy
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

import pytest

from immportal.adapters.mail.message import DEFAULT_SENDER, build_message
from immportal.services.notifications.ports import Email

EMAIL = Email(
    message_id="case-42.receipt",
    to="Ana Pérez <ana@example.org>",
    subject="Recibimos su solicitud — Ihre Bestätigung",
    text="Hola Ana,\nsu número de recibo es IOE0912345678.\n",
)


class TestHeaders:
    """The headers say who, to whom, what, when, and which mail this is."""

    def test_message_id_uses_the_sender_domain(self) -> None:
        """The Message-ID is the email's id at the sender's domain."""
        message = build_message(EMAIL, "Portal <no-reply@portal.example.gov>")

        assert "<case-42.receipt@portal.example.gov>" == message["Message-ID"]

    def test_from_to_subject_and_date(self) -> None:
        """From is the configured sender; To, Subject survive UTF-8 encoding; Date is set."""
        message = BytesParser(policy=policy.default).parsebytes(
            build_message(EMAIL).as_bytes(policy=policy.SMTP)
        )

        expected = (DEFAULT_SENDER, EMAIL.to, EMAIL.subject, True)
        actual = (
            str(message["From"]),
            str(message["To"]),
            str(message["Subject"]),
            parsedate_to_datetime(str(message["Date"])).tzinfo is not None,
        )
        assert expected == actual

    @pytest.mark.parametrize("bad", ["", "a b", "a@b", "a>b", "a\r\nBcc: x@example.org"])
    def test_refuses_an_id_that_would_break_the_header(self, bad: str) -> None:
        """An id with spaces, `@`, `>` or line breaks is a programming error, not a mail."""
        with pytest.raises(ValueError, match="message id"):
            build_message(Email(bad, "ana@example.org", "s", "t"))


class TestBody:
    """The body is UTF-8 text, with an HTML alternative only when given."""

    def test_text_only(self) -> None:
        """Without html the message is a single text/plain part in UTF-8."""
        message = build_message(EMAIL)

        expected = ("text/plain", "utf-8", EMAIL.text)
        assert expected == (
            message.get_content_type(),
            message.get_content_charset(),
            message.get_content(),
        )

    def test_html_alternative(self) -> None:
        """With html the message is multipart/alternative: the text first, then the HTML."""
        html = "<p>Hola Ana, su número de recibo es <b>IOE0912345678</b>.</p>"
        message = build_message(Email("id-1", "ana@example.org", "Recibo", "Hola Ana", html))

        parts = [(p.get_content_type(), p.get_content().strip()) for p in message.iter_parts()]
        expected = [("text/plain", "Hola Ana"), ("text/html", html)]
        assert ("multipart/alternative", expected) == (message.get_content_type(), parts)

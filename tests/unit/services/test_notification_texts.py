"""What the email about a new notice says (immportal.services.notifications.case_emails)."""

from datetime import UTC, datetime
from uuid import uuid4

from immportal.adapters.mail.texts import JinjaMailTexts
from immportal.integration.contracts import CaseAccepted
from immportal.services.notifications.case_emails import compose_text

RECEIPT = "IOE2700000042"


class TestNewNoticeEmail:
    """The email says a notice is waiting, links to the inbox, and gives no case details."""

    def test_points_to_the_inbox_without_details(self) -> None:
        """First name, 'waiting in your inbox', the inbox link; no receipt number."""
        event = CaseAccepted(
            event_id=uuid4(),
            aggregate_id=uuid4(),
            version=4,
            occurred_at=datetime(2026, 11, 26, tzinfo=UTC),
            status="accepted",
            receipt_number=RECEIPT,
        )
        text = compose_text(
            JinjaMailTexts(), event, "case.accepted", "Maria", "https://portal.example/"
        )
        assert text.startswith("Hello Maria,")
        assert "A new notice is waiting for you in your inbox." in text
        assert "https://portal.example/inbox" in text
        assert RECEIPT not in text

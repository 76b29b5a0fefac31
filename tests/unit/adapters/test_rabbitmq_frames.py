"""The hand-packed publish frames are byte for byte what pamqp (aiormq's codec) produces."""

from datetime import UTC, datetime

import pamqp.frame
import pytest
from pamqp import commands
from pamqp.body import ContentBody
from pamqp.header import ContentHeader

from immportal.adapters.rabbitmq.frames import publish_frames
from immportal.integration.ports import OutgoingMessage

EXCHANGE = "immportal.events"
STAMP = 1_795_000_000


def pamqp_frames(channel: int, message: OutgoingMessage, max_body: int) -> bytes:
    """The same publish through pamqp, as aiormq's basic_publish frames it."""
    properties = commands.Basic.Properties(
        content_type="application/json",
        headers=dict(message.headers),
        delivery_mode=2,
        message_id=message.message_id,
        timestamp=datetime.fromtimestamp(STAMP, UTC),
    )
    body = message.body
    frames = [
        commands.Basic.Publish(exchange=EXCHANGE, routing_key=message.routing_key),
        ContentHeader(0, len(body), properties),
        *(ContentBody(body[i : i + max_body]) for i in range(0, len(body), max_body)),
    ]
    return b"".join(pamqp.frame.marshal(frame, channel) for frame in frames)


def relay_message(**headers: str | int) -> OutgoingMessage:
    """A message shaped like the relay's, with extra headers."""
    return OutgoingMessage(
        "0b7c9f3e-2a41-5d7e-9c1b-4f0e8a6d2c13",
        "case.submitted",
        b'{"status":"submitted","fee_cents":76000}',
        {
            "position": 70_123,
            "aggregate_id": "7d3f0c1a-9b2e-4c5d-8e6f-1a2b3c4d5e6f",
            "version": 3,
            "occurred_at": "2026-11-26T06:58:00.123456+00:00",
            "schema_version": 1,
            **headers,
        },
    )


class TestPublishFrames:
    """Method, content header and body frames."""

    def test_a_relay_message_matches_pamqp(self) -> None:
        """The relay's message, headers and all, encodes exactly as pamqp encodes it."""
        message = relay_message()

        actual = b"".join(publish_frames(5, EXCHANGE, message, STAMP, 131_064))

        assert pamqp_frames(5, message, 131_064) == actual

    def test_every_integer_size_and_other_header_types_match_pamqp(self) -> None:
        """Small, short, unsigned, long and 64-bit integers, booleans and non-ASCII text."""
        message = relay_message(
            tiny=-5, short=-300, ushort=65_000, long=-70_000, ulong=4_000_000_000,
            huge=2**40, flag=True, note="é ü 日本",
        )  # fmt: skip

        actual = b"".join(publish_frames(1, EXCHANGE, message, STAMP, 131_064))

        assert pamqp_frames(1, message, 131_064) == actual

    def test_a_long_body_spans_several_frames(self) -> None:
        """A body longer than the frame allows is split as aiormq splits it."""
        message = OutgoingMessage("id-1", "case.big", bytes(range(256)) * 40, {})

        frames = publish_frames(2, EXCHANGE, message, STAMP, 1000)

        assert (2 + 11, pamqp_frames(2, message, 1000)) == (len(frames), b"".join(frames))

    def test_an_empty_body_has_no_body_frame(self) -> None:
        """No body, no body frame: only the method and the content header."""
        message = OutgoingMessage("id-2", "case.empty", b"", {"position": 1})

        frames = publish_frames(3, EXCHANGE, message, STAMP, 1000)

        assert (2, pamqp_frames(3, message, 1000)) == (len(frames), b"".join(frames))

    def test_a_message_id_over_255_bytes_is_refused(self) -> None:
        """AMQP short strings hold 255 bytes; a longer id is an error, not a truncation."""
        message = OutgoingMessage("x" * 256, "case.x", b"{}", {})

        with pytest.raises(ValueError, match="255"):
            publish_frames(1, EXCHANGE, message, STAMP, 1000)

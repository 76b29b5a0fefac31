"""The AMQP 0-9-1 wire frames of a persistent JSON publish, encoded without a client library.

A publish is three frames or more: the Basic.Publish method, a content header with
the message's properties, and the body (split to fit the connection's frame size).
The method frame only depends on the channel, exchange and routing key, so it is
cached; the content header is packed directly from the port's message. The bytes are
those pamqp produces for the same frames (a unit test compares them).
"""

import struct
from collections.abc import Mapping
from functools import lru_cache

from pamqp.encode import encode_table_value, table_integer

from immportal.integration.ports import OutgoingMessage

FRAME_METHOD, FRAME_HEADER, FRAME_BODY = 1, 2, 3
FRAME_END = b"\xce"
BASIC_CLASS, PUBLISH_METHOD = 60, 40
PERSISTENT = 2
CONTENT_TYPE = "application/json"

# Property flags of Basic's content header, high bit first, in the order AMQP lists them.
_CONTENT_TYPE, _HEADERS, _DELIVERY_MODE = 1 << 15, 1 << 13, 1 << 12
_MESSAGE_ID, _TIMESTAMP = 1 << 7, 1 << 6
_FLAGS = _CONTENT_TYPE | _HEADERS | _DELIVERY_MODE | _MESSAGE_ID | _TIMESTAMP

_FRAME = struct.Struct(">BHI")
_HEADER_START = struct.Struct(">HHQH")
_U32 = struct.Struct(">I")
_U64 = struct.Struct(">Q")
# Frame envelope around a payload: type, channel, size before it, the end octet after.
FRAME_OVERHEAD = _FRAME.size + len(FRAME_END)


def _short_string(value: str) -> bytes:
    encoded = value.encode()
    if len(encoded) > 255:
        raise ValueError(f"longer than 255 bytes: {value[:40]!r}...")
    return bytes((len(encoded),)) + encoded


def _frame(kind: int, channel: int, payload: bytes) -> bytes:
    return _FRAME.pack(kind, channel, len(payload)) + payload + FRAME_END


_CONTENT_TYPE_FIELD = _short_string(CONTENT_TYPE)
_PERSISTENT_FIELD = bytes((PERSISTENT,))


@lru_cache(maxsize=1024)
def method_frame(channel: int, exchange: str, routing_key: str) -> bytes:
    """The Basic.Publish frame (not mandatory, not immediate) for one address."""
    payload = (
        struct.pack(">HHH", BASIC_CLASS, PUBLISH_METHOD, 0)
        + _short_string(exchange)
        + _short_string(routing_key)
        + b"\x00"
    )
    return _frame(FRAME_METHOD, channel, payload)


def field_table(headers: Mapping[str, object]) -> bytes:
    """A field table: keys sorted, strings as long strings, integers in the smallest type."""
    parts = []
    for key, value in sorted(headers.items()):
        parts.append(_short_string(key))
        if type(value) is str:
            encoded = value.encode()
            parts.append(b"S" + _U32.pack(len(encoded)) + encoded)
        elif type(value) is int:
            parts.append(table_integer(value))
        else:
            parts.append(encode_table_value(value))  # type: ignore[arg-type]  # pamqp checks
    table = b"".join(parts)
    return _U32.pack(len(table)) + table


def content_header(message: OutgoingMessage, timestamp: int) -> bytes:
    """The content header payload: body size, then content type, headers, delivery mode 2,
    message id and `timestamp` (seconds since the epoch)."""
    return (
        _HEADER_START.pack(BASIC_CLASS, 0, len(message.body), _FLAGS)
        + _CONTENT_TYPE_FIELD
        + field_table(message.headers)
        + _PERSISTENT_FIELD
        + _short_string(message.message_id)
        + _U64.pack(timestamp)
    )


def publish_frames(
    channel: int, exchange: str, message: OutgoingMessage, timestamp: int, max_body: int
) -> list[bytes]:
    """Every frame of one publish; bodies longer than `max_body` bytes span several frames."""
    frames = [
        method_frame(channel, exchange, message.routing_key),
        _frame(FRAME_HEADER, channel, content_header(message, timestamp)),
    ]
    body = message.body
    for start in range(0, len(body), max_body):
        frames.append(_frame(FRAME_BODY, channel, body[start : start + max_body]))
    return frames

"""The eventsourcing library's mapper: JSON transcoding, and AES-GCM when a key is set."""

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.cryptography import AESCipher
from eventsourcing.persistence import (
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    Mapper,
    Transcoding,
    UUIDAsHex,
)
from eventsourcing.utils import Environment


class DateAsISO(Transcoding):
    """Calendar dates (deadlines, dates of birth) as ISO strings."""

    type = date
    name = "date_iso"

    def encode(self, obj: Any) -> str:
        """Write a date as YYYY-MM-DD."""
        assert isinstance(obj, date)
        return obj.isoformat()

    def decode(self, data: Any) -> date:
        """Read a date written by encode()."""
        assert isinstance(data, str)
        return date.fromisoformat(data)


def create_transcoder() -> JSONTranscoder:
    """The transcoder every reader and writer of the log must share."""
    transcoder = JSONTranscoder()
    for transcoding in (UUIDAsHex(), DatetimeAsISO(), DecimalAsStr(), DateAsISO()):
        transcoder.register(transcoding)
    return transcoder


def create_mapper(cipher_key: str | None = None) -> Mapper[UUID]:
    """Build the mapper; with a key, event state is encrypted at rest with AES-GCM."""
    cipher = None
    if cipher_key:
        cipher = AESCipher(Environment(env={AESCipher.CIPHER_KEY: cipher_key}))
    return Mapper(transcoder=create_transcoder(), cipher=cipher)

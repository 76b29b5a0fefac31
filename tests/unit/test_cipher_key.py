"""Unit tests of the cipher key rule (immportal.app.cipher_key)."""

import subprocess
import sys

import pytest
from eventsourcing.cryptography import AESCipher

from immportal.app.cipher_key import MAKE_A_KEY, CipherKeyProblem, cipher_key
from immportal.app.web_app import create_app
from immportal.settings import Settings


def settings(**values: object) -> Settings:
    """Settings with no key from the environment unless given here."""
    return Settings(**{"cipher_key": None, **values})  # type: ignore[arg-type]


class TestRequired:
    """Outside development mode the key must be there and be a real AES key."""

    def test_missing_key_refused(self) -> None:
        """No key and no dev mode: a clear error naming the variable and how to make one."""
        with pytest.raises(CipherKeyProblem) as refused:
            cipher_key(settings())
        assert "IMMPORTAL_CIPHER_KEY is not set" in str(refused.value)
        assert MAKE_A_KEY in str(refused.value)

    @pytest.mark.parametrize("size", [16, 24, 32])
    def test_real_keys_accepted(self, size: int) -> None:
        """Keys as the library makes them (base64 of 16, 24 or 32 bytes) are returned."""
        key = AESCipher.create_key(size)
        assert key == cipher_key(settings(cipher_key=key))

    @pytest.mark.parametrize(
        "key",
        [
            "not base64 at all!",
            "c2hvcnQ=",  # 5 bytes
            # URL-safe base64 of 32 bytes: the library's decoder would drop the - and _.
            "q-8_q-8_q-8_q-8_q-8_q-8_q-8_q-8_q-8_q-8_q-8=",
        ],
    )
    def test_malformed_keys_refused(self, key: str) -> None:
        """A key the cipher would misread is refused, without echoing it."""
        with pytest.raises(CipherKeyProblem) as refused:
            cipher_key(settings(cipher_key=key))
        assert "not a usable key" in str(refused.value)
        assert key not in str(refused.value)

    def test_generated_key_works(self) -> None:
        """The command the message suggests makes a key the check accepts."""
        made = subprocess.run(
            [sys.executable, "-c", MAKE_A_KEY.split('"')[1]],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        assert made == cipher_key(settings(cipher_key=made))


class TestDevelopmentMode:
    """In development mode the portal may run without a key."""

    def test_dev_without_key(self) -> None:
        """No key in dev mode means unencrypted events, not an error."""
        assert cipher_key(settings(dev=True)) is None

    def test_dev_with_a_bad_key(self) -> None:
        """A malformed key is refused even in dev mode: it would fail later, less clearly."""
        with pytest.raises(CipherKeyProblem):
            cipher_key(settings(dev=True, cipher_key="c2hvcnQ="))


class TestAppStart:
    """The web application refuses to be built without a key outside dev mode."""

    def test_create_app_refuses(self) -> None:
        """create_app fails at once, before anything listens or connects."""
        with pytest.raises(CipherKeyProblem):
            create_app(settings(log_level="warning"))

    def test_create_app_in_dev_mode(self) -> None:
        """In dev mode the app is built without a key."""
        assert create_app(settings(dev=True, log_level="warning")) is not None

"""Tests for the identity adapters: Argon2id hashing, random tokens and TOTP."""

from __future__ import annotations

import math
import re
from datetime import timedelta

import pyotp
import pytest
from argon2.profiles import CHEAPEST

from immportal.adapters.identity.argon2_hasher import DEFAULT_PARAMETERS, Argon2Hasher
from immportal.adapters.identity.tokens import RandomTokens
from immportal.adapters.identity.totp import PyotpTotp
from immportal.domain.identity.codes import RECOVERY_ALPHABET, canonical_recovery_code
from testkit.identity_fakes import NOW, STEP


class TestArgon2Hasher:
    """Passwords are hashed with Argon2id and checked without exceptions."""

    def test_production_parameters(self) -> None:
        """The default hash is Argon2id with 64 MiB, three passes and four lanes."""
        hashed = Argon2Hasher().hash("lantern orchard tuesday violin")
        assert hashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")

    def test_verify_right_and_wrong(self) -> None:
        """The right password verifies; a wrong one is False, not an exception."""
        hasher = Argon2Hasher(CHEAPEST)
        hashed = hasher.hash("lantern orchard tuesday violin")
        assert (True, False) == (
            hasher.verify(hashed, "lantern orchard tuesday violin"),
            hasher.verify(hashed, "lantern orchard tuesday viola"),
        )

    def test_corrupt_hash_is_false(self) -> None:
        """A hash that is not a hash never signs anyone in."""
        assert False is Argon2Hasher(CHEAPEST).verify("not-a-hash", "anything at all")

    def test_salted(self) -> None:
        """The same password hashes differently each time."""
        hasher = Argon2Hasher(CHEAPEST)
        assert hasher.hash("same password here") != hasher.hash("same password here")

    def test_needs_rehash_when_parameters_change(self) -> None:
        """A hash made with cheaper parameters needs a rehash under the defaults."""
        cheap = Argon2Hasher(CHEAPEST).hash("lantern orchard tuesday violin")
        assert (True, False) == (
            Argon2Hasher(DEFAULT_PARAMETERS).needs_rehash(cheap),
            Argon2Hasher(CHEAPEST).needs_rehash(cheap),
        )


class TestRandomTokens:
    """Tokens are long, random and stored only as digests."""

    def test_link_tokens_carry_256_bits(self) -> None:
        """Link tokens are 43 URL-safe characters: 256 bits, far above the 128 required."""
        tokens = {RandomTokens().link_token() for _ in range(200)}
        assert 200 == len(tokens)
        assert all(re.fullmatch(r"[A-Za-z0-9_-]{43}", token) for token in tokens)

    def test_recovery_codes_carry_80_bits(self) -> None:
        """Recovery codes are four groups of four Crockford characters: 80 bits each."""
        code = RandomTokens().recovery_code()
        assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}", code)
        assert 80 == 16 * math.log2(len(RECOVERY_ALPHABET))
        assert code.replace("-", "") == canonical_recovery_code(code)

    def test_recovery_codes_use_the_whole_alphabet(self) -> None:
        """Across many codes every character of the alphabet turns up."""
        seen = set("".join(RandomTokens().recovery_code() for _ in range(200)))
        assert set(RECOVERY_ALPHABET) | {"-"} == seen

    def test_digest_is_sha256_hex(self) -> None:
        """The stored digest is the SHA-256 of the token, in hex."""
        expected = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        assert expected == RandomTokens().digest("hello")


class TestPyotpTotp:
    """Authenticator codes are accepted one step either side, reporting the step matched."""

    totp = PyotpTotp()
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

    def code(self, step: int) -> str:
        """The code an authenticator app shows at a time step."""
        return pyotp.TOTP(self.secret).generate_otp(step)

    def test_new_secret_has_160_bits(self) -> None:
        """A new secret is 32 base32 characters (160 bits), different each time."""
        first, second = self.totp.new_secret(), self.totp.new_secret()
        assert re.fullmatch(r"[A-Z2-7]{32}", first)
        assert first != second

    @pytest.mark.parametrize("offset", [-1, 0, 1])
    def test_accepts_one_step_either_side(self, offset: int) -> None:
        """Codes of the previous, current and next step are accepted, returning that step."""
        assert STEP + offset == self.totp.verify(self.secret, self.code(STEP + offset), NOW)

    @pytest.mark.parametrize("offset", [-2, 2, 10])
    def test_refuses_further_steps(self, offset: int) -> None:
        """Codes two or more steps away are refused."""
        assert None is self.totp.verify(self.secret, self.code(STEP + offset), NOW)

    def test_matches_authenticator_apps(self) -> None:
        """The step follows the 30-second clock that authenticator apps use."""
        code = pyotp.TOTP(self.secret).at(NOW + timedelta(seconds=29))
        assert STEP == self.totp.verify(self.secret, code, NOW)

    def test_refuses_non_codes(self) -> None:
        """Text that is not six ASCII digits never matches."""
        assert None is self.totp.verify(self.secret, "\uff11\uff12\uff13\uff14\uff15\uff16", NOW)

    def test_provisioning_uri_names_immportal(self) -> None:
        """The otpauth URI names immportal as issuer and carries the secret."""
        uri = self.totp.provisioning_uri(self.secret, "maria@example.org")
        assert uri.startswith("otpauth://totp/immportal:maria%40example.org?")
        assert f"secret={self.secret}" in uri
        assert "issuer=immportal" in uri

    def test_qr_code_is_inline_svg(self) -> None:
        """The QR code is an SVG string with a title and no outside references."""
        svg = self.totp.qr_svg(self.totp.provisioning_uri(self.secret, "maria@example.org"))
        assert svg.startswith("<svg")
        assert "<title>" in svg
        assert "http" not in svg

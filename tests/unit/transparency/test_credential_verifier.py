"""Status credentials (JWS, EdDSA) checked offline by the copied standalone verifier."""

import base64
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import immportal.transparency_verify as verifier
from immportal.adapters.signing.credentials import JwsCredentialSigner
from immportal.adapters.signing.keyring import Keyring, generate_key

SOURCE = Path(verifier.__file__)
START = datetime(2026, 1, 1, tzinfo=UTC)
NAME = "portal.example/credentials"
CLAIMS = {
    "iss": "https://portal.example",
    "type": "immportal.status-statement.v1",
    "purpose": "work",
    "name": "Maria Garcia",
    "status": "Lawful permanent resident",
}


def signed(keyring: Keyring, at: datetime) -> str:
    """The claims, issued at `at`, signed by the key in use then."""
    claims = CLAIMS | {"iat": int(at.timestamp())}
    return JwsCredentialSigner(keyring).sign(claims, at)


def tampered(token: str) -> str:
    """The same credential with its purpose changed and the signature kept."""
    head, body, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    forged = base64.urlsafe_b64encode(json.dumps(claims | {"purpose": "study"}).encode())
    return f"{head}.{forged.rstrip(b'=').decode()}.{signature}"


class TestCheckCredential:
    """A credential verifies with the published key it names, in that key's period only."""

    def test_verified_claims(self) -> None:
        """The claims come back as signed."""
        keyring = Keyring("credential", [generate_key(NAME, START)])
        at = START + timedelta(days=3)
        claims = verifier.check_credential(signed(keyring, at), keyring.verifiers())
        assert CLAIMS | {"iat": int(at.timestamp())} == claims

    def test_rotation(self) -> None:
        """After a rotation both keys are published; each verifies what it signed, in its time."""
        old, new = generate_key(NAME, START), generate_key(NAME, START + timedelta(days=30))
        keyring = Keyring("credential", [old, new])
        before, after = START + timedelta(days=1), START + timedelta(days=31)
        published = verifier.read_keys(keyring.published())
        kids = [
            json.loads(base64.urlsafe_b64decode(t.split(".")[0] + "=="))["kid"]
            for t in (signed(keyring, before), signed(keyring, after))
        ]
        assert [f"{NAME}+{old.key_id:08x}", f"{NAME}+{new.key_id:08x}"] == kids
        for at in (before, after):
            assert "work" == verifier.check_credential(signed(keyring, at), published)["purpose"]
        # A credential claiming a time outside the signing key's period is refused.
        late = signed(Keyring("credential", [old]), after)
        with pytest.raises(verifier.VerificationFailed, match="did not sign credentials"):
            verifier.check_credential(late, published)

    @pytest.mark.parametrize(
        "change",
        [
            tampered,
            lambda t: t.rsplit(".", 1)[0],
            lambda t: t.replace(t.split(".")[0], "eyJhbGciOiJub25lIn0"),
        ],
        ids=["changed-claims", "no-signature", "alg-none"],
    )
    def test_refused(self, change: object) -> None:
        """Changed claims, a missing signature or another algorithm: not verified."""
        keyring = Keyring("credential", [generate_key(NAME, START)])
        token = signed(keyring, START + timedelta(days=1))
        with pytest.raises(verifier.VerificationFailed):
            verifier.check_credential(change(token), keyring.verifiers())  # type: ignore[operator]

    def test_unknown_key(self) -> None:
        """A credential signed by a key that is not published is refused."""
        mine = Keyring("credential", [generate_key(NAME, START)])
        theirs = Keyring("credential", [generate_key(NAME, START)])
        with pytest.raises(verifier.VerificationFailed, match="unknown key"):
            verifier.check_credential(signed(theirs, START + timedelta(1)), mine.verifiers())


class TestCommandLine:
    """`python transparency_verify.py credential` on a copy of the file, with the keys file."""

    def test_offline_check(self, tmp_path: Path) -> None:
        """Exit 0 and the facts for a genuine statement; exit 1 for a changed one."""
        copy = tmp_path / "transparency_verify.py"
        copy.write_text(SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
        keyring = Keyring("credential", [generate_key(NAME, START)])
        token = signed(keyring, START + timedelta(days=2))
        (tmp_path / "keys.txt").write_text(keyring.published(), encoding="utf-8")
        (tmp_path / "good.jws").write_text(token + "\n", encoding="utf-8")
        (tmp_path / "bad.jws").write_text(tampered(token), encoding="utf-8")
        runs = [
            subprocess.run(
                [sys.executable, str(copy), "credential", "--keys", "keys.txt", name],
                cwd=tmp_path,
                capture_output=True,
                text=True,
            )
            for name in ("good.jws", "bad.jws")
        ]
        assert (0, 1) == (runs[0].returncode, runs[1].returncode)
        assert "checked 2026-01-03T00:00:00Z" in runs[0].stdout
        assert "status: Lawful permanent resident" in runs[0].stdout
        assert "NOT VERIFIED: the signature of" in runs[1].stderr

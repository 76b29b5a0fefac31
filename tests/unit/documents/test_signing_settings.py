"""Document-signing and credential keys from settings: made in development, required elsewhere."""

import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from immportal.adapters.signing.document_certificates import (
    CHAIN_FILE,
    KEY_FILE,
    development_identity,
    write_identity,
)
from immportal.adapters.signing.keyring import generate_key
from immportal.app.checkpoint_keys import SigningKeyProblem
from immportal.app.credential_keys import credential_keyring
from immportal.app.document_signing import DocumentKeyProblem, signing_identity
from immportal.settings import Settings
from testkit.checkpoint_keys import checkpoint_keys_file
from testkit.cli_support import run_cli
from testkit.signing_files import signing_env


@pytest.fixture(autouse=True)
def no_signing_keys_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The session gives every test the tests' keys; these tests start without them."""
    for name in signing_env():
        monkeypatch.delenv(name, raising=False)


def settings(tmp_path: Path, **overrides: object) -> Settings:
    """Settings with their own data folder."""
    return Settings(data_dir=tmp_path, **overrides)  # type: ignore[arg-type]


class TestDevelopmentMode:
    """Development mode makes a CA, a signing certificate and a credential key, once."""

    def test_made_once(self, tmp_path: Path) -> None:
        """The same identity and key at every start; the private key is owner-only."""
        dev = settings(tmp_path, dev=True)
        first, again = signing_identity(dev), signing_identity(dev)
        keys = credential_keyring(dev), credential_keyring(dev)
        folder = tmp_path / "document-signing"
        assert first.certificate == again.certificate
        assert 0o600 == stat.S_IMODE((folder / KEY_FILE).stat().st_mode)
        assert "development document CA" in first.chain[0].subject.rfc4514_string()
        assert first.certificate.issuer == first.chain[0].subject
        assert keys[0].keys[0].key_id == keys[1].keys[0].key_id
        assert "127.0.0.1:8080/credentials" == keys[0].keys[0].name

    def test_second_maker_loses(self, tmp_path: Path) -> None:
        """Two processes starting at once: the second writes nothing, the first's key stands."""
        folder = tmp_path / "document-signing"
        now = datetime.now(UTC)
        assert write_identity(folder, development_identity("a", now))
        assert not write_identity(folder, development_identity("b", now))
        assert ["signing-chain.pem", "signing-key.pem"] == sorted(p.name for p in folder.iterdir())
        assert 1 == len(list(tmp_path.iterdir()))


class TestOutsideDevelopment:
    """Without the files the portal refuses to start, saying what to set."""

    def test_missing(self, tmp_path: Path) -> None:
        """No setting: a clear message, and nothing made."""
        with pytest.raises(DocumentKeyProblem, match="DOCUMENT_SIGNING_KEY_FILE and"):
            signing_identity(settings(tmp_path))
        with pytest.raises(SigningKeyProblem, match="IMMPORTAL_CREDENTIAL_KEY_FILE is not set"):
            credential_keyring(settings(tmp_path))
        assert [] == list(tmp_path.iterdir())

    def test_key_of_another_certificate(self, tmp_path: Path) -> None:
        """A chain whose first certificate is not the key's is refused."""
        now = datetime.now(UTC)
        write_identity(tmp_path / "a", development_identity("a", now))
        write_identity(tmp_path / "b", development_identity("b", now))
        mixed = settings(
            tmp_path,
            document_signing_key_file=tmp_path / "a" / KEY_FILE,
            document_signing_chain_file=tmp_path / "b" / CHAIN_FILE,
        )
        with pytest.raises(DocumentKeyProblem, match="is not the certificate of the key"):
            signing_identity(mixed)

    def test_expired_certificate(self, tmp_path: Path) -> None:
        """A signing certificate past its end is refused before anything is signed."""
        made_in_2010 = development_identity("a", datetime(2010, 1, 1, tzinfo=UTC))
        write_identity(tmp_path / "old", made_in_2010)
        old = settings(
            tmp_path,
            document_signing_key_file=tmp_path / "old" / KEY_FILE,
            document_signing_chain_file=tmp_path / "old" / CHAIN_FILE,
        )
        with pytest.raises(DocumentKeyProblem, match="not now"):
            signing_identity(old)

    def test_encrypted_key(self, tmp_path: Path) -> None:
        """A key behind a passphrase cannot be used unattended: refused, the key not quoted."""
        identity = development_identity("a", datetime.now(UTC))
        write_identity(tmp_path / "id", identity)
        locked = tmp_path / "locked.pem"
        locked.write_bytes(
            identity.key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.BestAvailableEncryption(b"secret"),
            )
        )
        with pytest.raises(DocumentKeyProblem, match="no unencrypted PEM private key"):
            signing_identity(
                settings(
                    tmp_path,
                    document_signing_key_file=locked,
                    document_signing_chain_file=tmp_path / "id" / CHAIN_FILE,
                )
            )

    def test_credential_key_that_cannot_sign(self, tmp_path: Path) -> None:
        """A keys file with only a public key (or one not yet valid) cannot sign statements."""
        later = generate_key("a/credentials", datetime.now(UTC) + timedelta(days=1))
        path = tmp_path / "credential-keys"
        path.write_text(later.line() + "\n", encoding="utf-8")
        with pytest.raises(SigningKeyProblem, match="no credential key is valid"):
            credential_keyring(settings(tmp_path, credential_key_file=path))

    async def test_serve_exits_2(self, tmp_path: Path) -> None:
        """`serve` says what is missing and exits 2, before connecting anywhere."""
        env = {
            "IMMPORTAL_DEV": "false",
            "IMMPORTAL_CHECKPOINT_KEY_FILE": str(checkpoint_keys_file()),
            "IMMPORTAL_DATA_DIR": str(tmp_path),
            "IMMPORTAL_DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none",
        }
        ran = await run_cli("serve", env=env)
        assert (2, "") == (ran.exit_code, ran.stdout)
        assert ran.stderr.startswith("immportal: IMMPORTAL_DOCUMENT_SIGNING_KEY_FILE and")

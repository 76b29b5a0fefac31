"""The checkpoint keys file from settings: made in development mode, required elsewhere."""

import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from immportal.adapters.signing.keyring import generate_key
from immportal.app.checkpoint_keys import (
    SigningKeyProblem,
    checkpoint_keyring,
    checkpoint_origin,
    keys_file,
)
from immportal.settings import Settings
from testkit.cli_support import run_cli


def settings(tmp_path: Path, **overrides: object) -> Settings:
    """Settings with their own data folder."""
    return Settings(data_dir=tmp_path, **overrides)  # type: ignore[arg-type]


class TestDevelopmentMode:
    """Development mode makes a key at first start and keeps using it."""

    def test_made_once_owner_only(self, tmp_path: Path) -> None:
        """The file is made in the data folder, readable by its owner, named after the log."""
        dev = settings(tmp_path, dev=True)
        made = keys_file(dev)
        first = checkpoint_keyring(dev, signing=True)
        again = checkpoint_keyring(dev, signing=True)
        assert tmp_path / "checkpoint-keys" == made
        assert 0o600 == stat.S_IMODE(made.stat().st_mode)
        assert [k.key_id for k in first.keys] == [k.key_id for k in again.keys]
        assert "127.0.0.1:8080/log" == first.keys[0].name == checkpoint_origin(dev)


class TestOutsideDevelopment:
    """Without a keys file the portal refuses to start, saying how to make one."""

    def test_missing(self, tmp_path: Path) -> None:
        """No setting: a clear message, and nothing made."""
        with pytest.raises(SigningKeyProblem, match="IMMPORTAL_CHECKPOINT_KEY_FILE is not set"):
            checkpoint_keyring(settings(tmp_path), signing=False)
        assert [] == list(tmp_path.iterdir())

    def test_unreadable_and_public_only(self, tmp_path: Path) -> None:
        """A file that is not there, or that cannot sign when signing is needed."""
        absent = settings(tmp_path, checkpoint_key_file=tmp_path / "nope")
        with pytest.raises(SigningKeyProblem, match="cannot be read"):
            checkpoint_keyring(absent, signing=False)
        public = tmp_path / "public"
        public.write_text(generate_key("a/log", datetime.now(UTC)).verifier_only().line() + "\n")
        web_only = settings(tmp_path, checkpoint_key_file=public)
        assert 1 == len(checkpoint_keyring(web_only, signing=False).keys)
        with pytest.raises(SigningKeyProblem, match="no private key"):
            checkpoint_keyring(web_only, signing=True)

    @pytest.mark.parametrize("command", [["serve"], ["worker", "transparency"]])
    async def test_commands_exit_2(self, command: list[str]) -> None:
        """`serve` and the tree's worker exit 2 with the message, before connecting anywhere."""
        env = {
            "IMMPORTAL_CHECKPOINT_KEY_FILE": None,
            "IMMPORTAL_DEV": "false",
            "IMMPORTAL_CIPHER_KEY": "dGVzdHMgb25seTogbm90IGEgcmVhbCBBRVMga2V5ISE=",
            "IMMPORTAL_DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none",
        }
        ran = await run_cli(*command, env=env)
        assert (2, "") == (ran.exit_code, ran.stdout)
        assert ran.stderr.startswith("immportal: IMMPORTAL_CHECKPOINT_KEY_FILE is not set")
        assert "immportal audit new-key" in ran.stderr

"""Keys files, key rotation and signed notes, checked by the standalone verifier."""

import base64
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from immportal.adapters.signing.keyring import (
    KeysFileError,
    NoSigningKey,
    SigningKey,
    generate_key,
    read_keyring,
)
from immportal.adapters.signing.note import sign_note
from immportal.domain.transparency.checkpoint import Checkpoint
from immportal.domain.transparency.leaf import event_facts
from immportal.domain.transparency.merkle import leaf_hash
from immportal.transparency_verify import (
    VerificationFailed,
    open_checkpoint,
    open_note,
    read_facts,
    read_keys,
)

# The example key and note of Go's golang.org/x/mod/sumdb/note (its tests and docs).
GO_SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
GO_TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
GO_NOTE = (
    GO_TEXT + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FF"
    "YC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
)
JAN = datetime(2026, 1, 1, tzinfo=UTC)
JUL = datetime(2026, 7, 1, tzinfo=UTC)
ROOT = leaf_hash(b"root")


def keyring_of(*keys: SigningKey) -> str:
    """A keys file's text."""
    return "# test keys\n" + "".join(key.line() + "\n" for key in keys)


def claiming(note: str, key: SigningKey) -> str:
    """The note with its signature line claiming to be by another key (same name)."""
    text, _, line = note.rpartition("\n\n")
    name, encoded = line.removeprefix("\u2014 ").split()
    signature = key.key_id.to_bytes(4, "big") + base64.b64decode(encoded)[4:]
    return f"{text}\n\n\u2014 {name} {base64.b64encode(signature).decode()}\n"


class TestGoCompatibility:
    """Keys and notes are byte for byte those of Go's note package."""

    def test_signing_reproduces_the_go_note(self) -> None:
        """Ed25519 is deterministic: the same key and text give Go's very note."""
        keyring = read_keyring("test", f"{GO_SIGNER} 2020-01-01T00:00:00Z\n")
        key = keyring.signing_key(JAN)
        assert (0xC74F20A3, GO_NOTE) == (key.key_id, sign_note(GO_TEXT, key))
        assert GO_VERIFIER == keyring.verifiers()[0].line()

    def test_verifier_opens_the_go_note(self) -> None:
        """The standalone verifier accepts Go's note and refuses it with one letter changed."""
        keys = read_keys(GO_VERIFIER)
        assert GO_TEXT == open_note(GO_NOTE, keys)[0]
        with pytest.raises(VerificationFailed, match="does not verify"):
            open_note(GO_NOTE.replace("cryptography", "cryptographY"), keys)


class TestSignedCheckpoints:
    """A checkpoint opens only with the key that signed it."""

    def test_round_trip(self) -> None:
        """Origin, size and root come back from the signed note."""
        key = generate_key("portal.example/log", JAN)
        note = sign_note(Checkpoint("portal.example/log", 42, ROOT).text(), key)
        head = open_checkpoint(note, read_keys(keyring_of(key.verifier_only())))
        assert ("portal.example/log", 42, ROOT, key.key_id) == (
            head.origin,
            head.size,
            head.root,
            head.key.key_id,
        )

    def test_unknown_and_wrong_keys(self) -> None:
        """Another key's signature is ignored (so unverified); a forged one for ours rejects."""
        ours, theirs = (
            generate_key("portal.example/log", JAN),
            generate_key("portal.example/log", JAN),
        )
        text = Checkpoint("portal.example/log", 7, ROOT).text()
        keys = read_keys(keyring_of(ours.verifier_only()))
        with pytest.raises(VerificationFailed, match="no signature by a known key"):
            open_checkpoint(sign_note(text, theirs), keys)
        with pytest.raises(VerificationFailed, match="does not verify"):
            open_checkpoint(claiming(sign_note(text, theirs), ours), keys)

    def test_altered_size_is_refused(self) -> None:
        """Changing the signed tree size breaks the signature."""
        key = generate_key("portal.example/log", JAN)
        note = sign_note(Checkpoint("portal.example/log", 42, ROOT).text(), key)
        with pytest.raises(VerificationFailed, match="does not verify"):
            open_checkpoint(
                note.replace("\n42\n", "\n43\n"), read_keys(keyring_of(key.verifier_only()))
            )


class TestRotation:
    """New checkpoints use the current key; old ones still verify with the retired key."""

    def test_current_key_by_time(self) -> None:
        """The key in use is the newest one that has started."""
        old, new = generate_key("portal.example/log", JAN), generate_key("portal.example/log", JUL)
        keyring = read_keyring("checkpoint", keyring_of(old, new))
        assert old.key_id == keyring.signing_key(JUL - timedelta(seconds=1)).key_id
        assert new.key_id == keyring.signing_key(JUL).key_id
        with pytest.raises(NoSigningKey):
            keyring.signing_key(JAN - timedelta(days=1))

    def test_retired_key_still_verifies(self) -> None:
        """A checkpoint signed before the rotation verifies with the published keys after it."""
        old, new = generate_key("portal.example/log", JAN), generate_key("portal.example/log", JUL)
        before = read_keyring("checkpoint", keyring_of(old))
        note = sign_note(Checkpoint("portal.example/log", 10, ROOT).text(), before.signing_key(JAN))
        # After the rotation the operator keeps only the public half of the old key.
        after = read_keyring("checkpoint", keyring_of(old.verifier_only(), new))
        published = read_keys(after.published())
        head = open_checkpoint(note, published)
        assert (old.key_id, JAN, JUL) == (
            head.key.key_id,
            head.key.valid_from,
            head.key.valid_until,
        )
        assert [None, JUL] == [k.valid_until for k in reversed(published)]

    def test_a_public_only_current_key_cannot_sign(self) -> None:
        """A keys file with public keys only serves the web pages, never the signer."""
        key = generate_key("portal.example/log", JAN)
        keyring = read_keyring("checkpoint", keyring_of(key.verifier_only()))
        with pytest.raises(NoSigningKey, match="no private key"):
            keyring.signing_key(JUL)


class TestKeysFiles:
    """Keys files are read strictly, and their errors never show a private key."""

    @pytest.mark.parametrize(
        ("line", "says"),
        [
            pytest.param(
                "PRIVATE+KEY+a+00000000+AAAA 2026-01-01T00:00:00Z", "not an Ed25519", id="short"
            ),
            pytest.param(GO_SIGNER, "start time", id="no-time"),
            pytest.param(f"{GO_SIGNER} yesterday", "ISO 8601", id="bad-time"),
            pytest.param(f"{GO_SIGNER} 2026-01-01T00:00:00", "no time zone", id="naive-time"),
            pytest.param(
                GO_SIGNER.replace("c74f20a3", "c74f20a4") + " 2026-01-01T00:00:00Z",
                "does not match its hash",
                id="wrong-hash",
            ),
            pytest.param(
                f"{GO_SIGNER} 2026-07-01T00:00:00Z 2026-01-01T00:00:00Z", "ends before", id="ends"
            ),
        ],
    )
    def test_refused_lines(self, line: str, says: str) -> None:
        """Each malformed line is named by number, without quoting the key."""
        with pytest.raises(KeysFileError, match=says) as refused:
            read_keyring("checkpoint", f"# keys\n{line}\n")
        assert "line 2 of the checkpoint keys file" in str(refused.value)
        assert "AYEKFALV" not in str(refused.value)

    def test_empty_file(self) -> None:
        """A file with comments only holds no key."""
        with pytest.raises(KeysFileError, match="lists no key"):
            read_keyring("checkpoint", "# nothing yet\n")

    def test_published_keys_hold_no_private_key(self) -> None:
        """The verifier refuses a keys file with a private key in it."""
        with pytest.raises(VerificationFailed, match="private key"):
            read_keys(f"{GO_SIGNER} 2026-01-01T00:00:00Z")


class TestLeaves:
    """A leaf shows its position only; the event's facts are checked against its digest."""

    def test_facts_check_against_the_leaf(self) -> None:
        """The verifier recomputes the digest from the facts an auditor's proof carries."""
        facts = event_facts(
            position=12,
            originator_id=uuid4(),
            originator_version=3,
            topic="immportal.domain.cases.case:Case.Submitted",
            recorded_at=datetime(2026, 3, 4, 5, 6, 7, 890123, tzinfo=UTC),
            state=b"ciphertext",
        )
        read = read_facts(facts.as_json())
        assert (12, facts.originator_id, facts.recorded_at) == (
            read.position,
            read.aggregate_id,
            read.recorded_at,
        )
        assert facts.leaf() == bytes([1]) + (12).to_bytes(8, "big") + read.digest()

    def test_payload_changes_the_leaf(self) -> None:
        """One byte of payload more gives another leaf; the leaf holds no id or type."""
        aggregate = uuid4()
        fields = {
            "position": 1,
            "originator_id": aggregate,
            "originator_version": 1,
            "topic": "immportal.domain.cases.case:Case.Started",
            "recorded_at": JAN,
        }
        one, other = (event_facts(**fields, state=s).leaf() for s in (b"a", b"ab"))  # type: ignore[arg-type]
        assert one != other
        assert aggregate.bytes not in one
        assert b"Case" not in one

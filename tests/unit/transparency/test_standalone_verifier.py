"""The standalone verifier runs as a copied file, with nothing of the portal but its output."""

import ast
import base64
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import uuid4

import pytest

import immportal.transparency_verify as verifier
from immportal.adapters.signing.keyring import Keyring, generate_key
from immportal.adapters.signing.note import sign_note
from immportal.domain.transparency.checkpoint import Checkpoint
from immportal.domain.transparency.leaf import event_facts
from immportal.domain.transparency.merkle import (
    Frontier,
    Node,
    consistency_spans,
    inclusion_spans,
    leaf_hash,
    span_hash,
)

SOURCE = Path(verifier.__file__)
START = datetime(2026, 1, 1, tzinfo=UTC)
ORIGIN = "portal.example/log"


def b64(data: bytes) -> str:
    """Standard base64 text."""
    return base64.b64encode(data).decode()


class Log:
    """A small log of event leaves, its stored nodes, and checkpoints signed of it."""

    def __init__(self, events: int) -> None:
        self.key = generate_key(ORIGIN, START)
        self.facts = [
            event_facts(
                position=n,
                originator_id=uuid4(),
                originator_version=1,
                topic="immportal.domain.cases.case:Case.Started",
                recorded_at=START + timedelta(seconds=n),
                state=f"payload {n}".encode(),
            )
            for n in range(1, events + 1)
        ]
        self.leaves = [facts.leaf() for facts in self.facts]
        self.stored: dict[Node, bytes] = {}
        frontier = Frontier()
        for leaf in self.leaves:
            self.stored.update(frontier.append(leaf_hash(leaf)))

    def checkpoint(self, size: int) -> str:
        """The signed note of the tree of `size` leaves."""
        root = span_hash((0, size), self.stored)
        return sign_note(Checkpoint(ORIGIN, size, root).text(), self.key)

    def inclusion(self, position: int, size: int) -> dict[str, object]:
        """An inclusion proof in the form `audit prove` prints (with the event's facts)."""
        spans = inclusion_spans(position - 1, size)
        return {
            "tree_size": size,
            "leaf_index": position - 1,
            "leaf": b64(self.leaves[position - 1]),
            "hashes": [b64(span_hash(s, self.stored)) for s in spans],
            "event": self.facts[position - 1].as_json(),
        }

    def consistency(self, first: int, second: int) -> dict[str, object]:
        """A consistency proof in the API's form."""
        spans = consistency_spans(first, second)
        return {
            "first_size": first,
            "second_size": second,
            "hashes": [b64(span_hash(s, self.stored)) for s in spans],
        }


def run(copy: Path, *args: str) -> tuple[int, str]:
    """Run the copied verifier in its own folder; exit code and everything it printed."""
    ran = subprocess.run(
        [sys.executable, str(copy), *args], cwd=copy.parent, capture_output=True, text=True
    )
    return ran.returncode, ran.stdout + ran.stderr


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The verifier copied on its own into an empty folder."""
    target = tmp_path / "transparency_verify.py"
    target.write_text(SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    return target


class TestStandalone:
    """Only the standard library and cryptography; checks a real log's outputs."""

    def test_imports_nothing_of_the_portal(self) -> None:
        """Every import is from the standard library or cryptography."""
        tree = ast.parse(SOURCE.read_text(encoding="utf-8"))
        modules = {
            name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for name in (
                [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
            )
            if name
        }
        assert set() == modules - set(sys.stdlib_module_names) - {"cryptography"}

    def test_checks_checkpoints_and_proofs(self, copy: Path) -> None:
        """A checkpoint, an inclusion and a consistency proof verify; forged ones do not."""
        log = Log(21)
        files = {
            "keys.txt": Keyring("checkpoint", [log.key]).published(),
            "old.txt": log.checkpoint(13),
            "new.txt": log.checkpoint(21),
            "in.json": json.dumps(log.inclusion(8, 21)),
            "consistent.json": json.dumps(log.consistency(13, 21)),
            "forged.json": json.dumps(log.inclusion(8, 21) | {"leaf": b64(log.leaves[8])}),
            "lying.json": json.dumps(log.inclusion(8, 21) | {"event": log.facts[8].as_json()}),
        }
        for name, text in files.items():
            (copy.parent / name).write_text(text, encoding="utf-8")
        keys = ["--keys", "keys.txt"]

        signed = run(copy, "checkpoint", *keys, "new.txt")
        included = run(copy, "inclusion", *keys, "--checkpoint", "new.txt", "in.json")
        consistent = run(
            copy, "consistency", *keys, "--old", "old.txt", "--new", "new.txt", "consistent.json"
        )
        forged = run(copy, "inclusion", *keys, "--checkpoint", "new.txt", "forged.json")
        lying = run(copy, "inclusion", *keys, "--checkpoint", "new.txt", "lying.json")
        swapped = run(
            copy, "consistency", *keys, "--old", "new.txt", "--new", "old.txt", "consistent.json"
        )

        assert (0, 0, 0) == (signed[0], included[0], consistent[0])
        assert (1, 1, 1) == (forged[0], lying[0], swapped[0])
        assert f"{ORIGIN}, 21 events" in signed[1]
        assert "the event at position 8 is in the log" in included[1]
        assert f"Case.Started, aggregate {log.facts[7].originator_id} version 1" in included[1]
        assert "NOT VERIFIED: the event's facts are not what its leaf commits to" in lying[1]
        assert "NOT VERIFIED" in forged[1]
        assert "NOT VERIFIED: the proof is for other sizes" in swapped[1]

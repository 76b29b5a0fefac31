"""A checkpoint's note text (C2SP tlog-checkpoint): origin, tree size, base64 root hash."""

import base64
from dataclasses import dataclass


@dataclass(frozen=True)
class Checkpoint:
    """A tree head: which log, how many leaves, and the root over them."""

    origin: str
    size: int
    root: bytes

    def text(self) -> str:
        """The note text to sign: three lines, each ending in a newline."""
        return f"{self.origin}\n{self.size}\n{base64.b64encode(self.root).decode()}\n"

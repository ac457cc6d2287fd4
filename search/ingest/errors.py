"""IngestError: one clear line naming the file, the reason and what to do."""
from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """A file that cannot be turned into remarks; str() is one line for the user."""

    def __init__(self, path: Path | str, reason: str, todo: str = ""):
        self.path = str(path)
        self.reason = reason
        self.todo = todo
        line = f"{self.path}: {reason}"
        if todo:
            line += f" — {todo}"
        super().__init__(line.replace("\n", " "))

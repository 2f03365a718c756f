"""Located problems in registry files, and the error that carries them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, at a file, line and column."""

    file: str
    line: int
    col: int
    path: str
    message: str

    def __str__(self) -> str:
        """One line, even when the message quotes a value with line breaks."""
        where = f"{self.path}: " if self.path else ""
        text = f"{where}{self.message}".replace("\r", "\\r").replace("\n", "\\n")
        return f"{self.file}:{self.line}:{self.col}: {text}"

    def github(self) -> str:
        """The problem as a GitHub Actions annotation."""
        where = f"{self.path}: " if self.path else ""
        text = f"{where}{self.message}".replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.file},line={self.line},col={self.col}::{text}"


class DataError(Exception):
    """The registries have problems; nothing may be built from them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the data")


def format_path(path: tuple) -> str:
    """('coaches', 3, 'languages', 0) -> 'coaches[3].languages[0]'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out

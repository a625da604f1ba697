"""Problems found in content and the exceptions that carry them to the CLI or MkDocs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One content mistake, printed as `path:line: field: message`."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


def display_path(path: Path) -> str:
    """Show a path relative to the working directory when it lies under it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def problem(path: Path, line: int, field: str, message: str) -> Problem:
    """Build a Problem for a file on disk."""
    return Problem(display_path(path), line, field, message)


def summary(problems: list[Problem]) -> str:
    """Return the report for a failed run: one line per problem, then a count."""
    files = len({p.path for p in problems})
    lines = [str(p) for p in sorted(problems)]
    kata = "berkas"
    lines.append(f"Dibatalkan: {len(problems)} masalah di {files} {kata}.")
    return "\n".join(lines)


class GeneratorError(Exception):
    """Base of every error the generator reports without a traceback."""


class ContentErrors(GeneratorError):
    """Raised when validation found problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(summary(self.problems))

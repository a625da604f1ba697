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
    peringatan: bool = False
    """A warning is printed but does not fail a check or a build."""

    def __str__(self) -> str:
        prefix = "PERINGATAN: " if self.peringatan else ""
        return f"{self.path}:{self.line}: {self.field}: {prefix}{self.message}"


def display_path(path: Path) -> str:
    """Show a path relative to the working directory when it lies under it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def problem(path: Path, line: int, field: str, message: str, peringatan: bool = False) -> Problem:
    """Build a Problem (or, with peringatan, a warning) for a file on disk."""
    return Problem(display_path(path), line, field, message, peringatan)


def summary(problems: list[Problem]) -> str:
    """Return the report for a failed run: one line per problem, then a count."""
    errors = [p for p in problems if not p.peringatan]
    files = len({p.path for p in errors})
    lines = [str(p) for p in sorted(problems)]
    warnings = len(problems) - len(errors)
    lines.append(f"Dibatalkan: {len(errors)} masalah di {files} berkas." + (f" Ditambah {warnings} peringatan." if warnings else ""))
    return "\n".join(lines)


class GeneratorError(Exception):
    """Base of every error the generator reports without a traceback."""


class ContentErrors(GeneratorError):
    """Raised when validation found problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(summary(self.problems))

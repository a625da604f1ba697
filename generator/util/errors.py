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


MAX_SHOWN = 60
"""How many characters of a value from the input a message may quote."""
MAX_FIELD = 80
MAX_MESSAGE = 300
"""A report line never carries a whole file, whatever the input (a 6-level YAML alias bomb once printed 3.8 MB)."""


def printable(text: str) -> str:
    """Escape control characters and undecodable bytes of a name, so one problem stays one readable line."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable():
            out.append(ch)
        elif 0xDC80 <= ord(ch) <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        else:
            out.append(ch.encode("unicode_escape", "backslashreplace").decode("ascii"))
    return "".join(out)


def shorten(text: str, limit: int) -> str:
    """Cut text to `limit` characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown(value: object, limit: int = MAX_SHOWN) -> str:
    """Quote a value from the input for a message (repr), cut to `limit` characters."""
    if isinstance(value, str) and len(value) > limit:
        value = value[:limit]  # repr of the head only: a 1 MiB value is not copied twice
    return shorten(repr(value), limit)


def display_path(path: Path) -> str:
    """Show a path relative to the working directory when it lies under it."""
    try:
        return printable(os.path.relpath(path))
    except ValueError:
        return printable(str(path))


def problem(path: Path, line: int, field: str, message: str, peringatan: bool = False) -> Problem:
    """Build a Problem (or, with peringatan, a warning) for a file on disk."""
    return Problem(display_path(path), line, shorten(printable(field), MAX_FIELD), shorten(printable(message), MAX_MESSAGE), peringatan)


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


class UsageProblem(GeneratorError):
    """A value on the command line the project does not have: one `Galat:` line and exit code 2."""


class ContentErrors(GeneratorError):
    """Raised when validation found problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(summary(self.problems))

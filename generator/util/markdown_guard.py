"""Limits on a Markdown body, checked in one linear pass before the link scan and Python-Markdown see it.

Python-Markdown recurses once per nesting level (nested admonitions, lists, quotes, `1. 1. 1.` or
`<div markdown>` raise RecursionError), and its inline patterns rescan a paragraph for every bracket or
mark in it: 5,000 '[' in one paragraph take 25 s, 100,000 take hours, and a table row of 30,000 '|`'
22 s. The work is about (marks in a paragraph) × (its length), so that product is bounded per file.
Real pages nest at most 4 levels and stay 50 to 2,000 times under each bound; within them the worst 256 KiB
page renders in about a second. One message names the first line past a limit, and the limit.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.util.errors import Problem, problem

MAX_DEPTH = 20
"""Nesting levels: '[' inside '[', quotes, list items, indentation steps of 4 columns, HTML elements."""
MAX_BLOCK_CHARS = 64_000
"""Characters in one paragraph (lines up to a blank line)."""
MAX_BRACKET_WORK = 2_000_000
"""Per file, the sum over paragraphs of '[' × length: Python-Markdown scans, in Python, from every '['
to the end of its paragraph (about 0.6 µs a character; the real maximum is 7,900)."""
MAX_MARK_WORK = 100_000_000
"""Per file, the sum over paragraphs of marks (* _ ` \\ & < [ !) × length: each match rebuilds the
paragraph's text, and table rows split on them (the real maximum is 45,000)."""
MAX_FILE_MARKERS = 1_000
"""'[' and HTML tags per file."""
MAX_HEADING_CHARS = 500
"""Characters in a heading line (the real maximum is 50); search indexing cuts headings there anyway."""

_MARKS = "*_`\\&<[!"
_LEAD = re.compile(r"(?:[ \t]|>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))*+")
"""The container markers opening a line: indentation, '>' quotes and list markers (possessive: no backtracking)."""
_LIST_MARK = re.compile(r"[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])")
_HEADING = re.compile(r" {0,3}#{1,6}(?:\s|$)")
_BRACKET = re.compile(r"[\[\]]")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]{0,30})|<[!?/]")
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_NESTING = ("lead", "bracket", "html")
_PRIORITY = (*_NESTING, "heading", "bracket work", "mark work", "brackets", "tags", "block")
"""Which limit to name when one line passes several: nesting says most about the mistake."""


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


_MESSAGES = {
    "lead": "kutipan, daftar atau indentasi",
    "bracket": "tanda '['",
    "html": "elemen HTML",
    "heading": f"judul bagian terlalu panjang (lebih dari {MAX_HEADING_CHARS} karakter)",
    "block": f"paragraf terlalu panjang (lebih dari {_number(MAX_BLOCK_CHARS)} karakter); pisahkan dengan baris kosong",
    "bracket work": (
        f"terlalu banyak tanda '[' di paragraf panjang (jumlah '[' × panjang paragraf lebih dari {_number(MAX_BRACKET_WORK)} per berkas); "
        "pecah paragrafnya"
    ),
    "mark work": (
        f"terlalu banyak tanda * _ ` \\ & < [ ! di paragraf panjang (jumlah tanda × panjang paragraf lebih dari {_number(MAX_MARK_WORK)} per berkas); "
        "pecah paragrafnya"
    ),
    "brackets": f"terlalu banyak tanda '[' dalam satu berkas (lebih dari {_number(MAX_FILE_MARKERS)}); pecah halamannya",
    "tags": f"terlalu banyak tag HTML dalam satu berkas (lebih dari {_number(MAX_FILE_MARKERS)}); pecah halamannya",
}


def _line_depth(line: str) -> int:
    """An upper bound on the containers (quotes, lists, indented blocks) a line opens."""
    lead = _LEAD.match(line).group()
    indent = lead[: len(lead) - len(lead.lstrip(" \t"))]
    columns = indent.count(" ") + 4 * indent.count("\t")
    return lead.count(">") + len(_LIST_MARK.findall(lead)) + columns // 4


class _Scan:
    """Counters of one pass: per paragraph (reset at a blank line) and per file."""

    def __init__(self) -> None:
        self.block_start = self.block_chars = self.block_brackets = self.block_marks = self.bracket_depth = 0
        self.brackets = self.tags = self.html_depth = self.bracket_work = self.mark_work = 0
        self.found: set[str] = set()

    def blank(self) -> None:
        self.bracket_work += self.block_brackets * self.block_chars
        self.mark_work += self.block_marks * self.block_chars
        self.block_chars = self.block_brackets = self.block_marks = self.bracket_depth = 0

    def line(self, index: int, line: str) -> None:
        if self.block_chars == 0:
            self.block_start = index
        self.block_chars += len(line) + 1
        self.block_marks += sum(line.count(mark) for mark in _MARKS)
        if _line_depth(line) > MAX_DEPTH:
            self.found.add("lead")
        if len(line) > MAX_HEADING_CHARS and _HEADING.match(line):
            self.found.add("heading")
        if "[" in line:
            self._brackets(line)
        if "<" in line:
            self._tags(line)
        counts = {
            "block": (self.block_chars, MAX_BLOCK_CHARS),
            "bracket work": (self.bracket_work + self.block_brackets * self.block_chars, MAX_BRACKET_WORK),
            "mark work": (self.mark_work + self.block_marks * self.block_chars, MAX_MARK_WORK),
            "brackets": (self.brackets, MAX_FILE_MARKERS),
            "tags": (self.tags, MAX_FILE_MARKERS),
        }
        self.found.update(kind for kind, (count, limit) in counts.items() if count > limit)

    def _brackets(self, line: str) -> None:
        for mark in _BRACKET.finditer(line):
            if mark.group() == "]":
                self.bracket_depth = max(0, self.bracket_depth - 1)
                continue
            self.brackets += 1
            self.block_brackets += 1
            self.bracket_depth += 1
            if self.bracket_depth > MAX_DEPTH:
                self.found.add("bracket")
                return

    def _tags(self, line: str) -> None:
        for tag in _TAG.finditer(line):
            self.tags += 1
            name = (tag.group(2) or "").lower()
            if tag.group(1):
                self.html_depth = max(0, self.html_depth - 1)
            elif name and name not in _VOID:
                self.html_depth += 1
                if self.html_depth > MAX_DEPTH:
                    self.found.add("html")
                    return


def body_problems(path: Path, body: str, first_line: int) -> list[Problem]:
    """Return the first limit the body passes (one problem, at its line), or nothing."""
    scan = _Scan()
    for index, line in enumerate(body.split("\n")):
        if not line.strip():
            scan.blank()
            continue
        scan.line(index, line)
        if scan.found:  # the first line past a limit; the editor fixes it and runs the check again
            kind = next(kind for kind in _PRIORITY if kind in scan.found)
            text = _MESSAGES[kind]
            if kind in _NESTING:
                text = f"{text} bersarang terlalu dalam (lebih dari {MAX_DEPTH} tingkat); sederhanakan strukturnya"
            at = scan.block_start if kind in ("block", "bracket work", "mark work") else index
            return [problem(path, first_line + at, "isi", text)]
    return []

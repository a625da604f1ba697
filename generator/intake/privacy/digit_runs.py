"""Digit runs cut into their groups once per text, so detectors judge a number's pieces in Python instead of
asking a pattern to backtrack over them (which hostile input turns into minutes)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

SEP = r"[ .,\-]"
RUN = rf"\d++(?:{SEP}\d++)*+"  # digits with single separators between them, matched one way only
DIRTY_END = re.compile(r"[\w/]|[.,]\d")  # a number does not end right before a letter, a slash or a decimal
_RUNS = re.compile(RUN)
_GROUP = re.compile(r"\d++")


@dataclass(frozen=True)
class DigitRun:
    """One maximal run such as 0812-3456-7890: where its digit groups start and end, digits counted so far."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    before: tuple[int, ...]  # digits in the groups before group i (one more entry: the run's total)

    def digits(self, first: int, last: int) -> int:
        """Digits in groups first..last."""
        return self.before[last + 1] - self.before[first]


@lru_cache(maxsize=8)
def runs(text: str) -> tuple[list[DigitRun], dict[int, tuple[DigitRun, int]]]:
    """Every maximal digit run of the text, and for each digit group's start its run and index."""
    found, at = [], {}
    for m in _RUNS.finditer(text):
        groups = list(_GROUP.finditer(text, m.start(), m.end()))
        before = [0]
        for g in groups:
            before.append(before[-1] + g.end() - g.start())
        run = DigitRun(tuple(g.start() for g in groups), tuple(g.end() for g in groups), tuple(before))
        found.append(run)
        at.update((start, (run, i)) for i, start in enumerate(run.starts))
    return found, at


def windows(text: str, run: DigitRun, digits: int, boundary: str, not_after: re.Pattern) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive groups holding exactly `digits` digits that start at the run's start (unless
    the character before matches not_after) or after a boundary separator, and end at a boundary separator or
    where the run ends cleanly (see DIRTY_END)."""
    last = len(run.starts) - 1
    for i, start in enumerate(run.starts):
        if i == 0 and start > 0 and not_after.match(text, start - 1) or i > 0 and text[start - 1] not in boundary:
            continue
        k = bisect_left(run.before, run.before[i] + digits)
        if k > last + 1 or run.before[k] != run.before[i] + digits:
            continue
        end = run.ends[k - 1]
        if (text[end] in boundary) if k - 1 < last else not DIRTY_END.match(text, end):
            yield start, end

"""Find links and heading anchors in Markdown, the way MkDocs will resolve them.

Every scan here is linear in the line's length, whatever the line holds: no pattern can backtrack
(possessive quantifiers, or classes that stop at the next '['), and the inline link scanner reads each
character a bounded number of times (a heading of 2,000 spaces once took 43 s, 8,000 '![' took 12 s).
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote

from markdown.extensions.toc import slugify

_FENCE = re.compile(r"^\s*+(```|~~~)")
_REFDEF = re.compile(r"^\s{0,3}\[[^\]]++\]:\s*+<?(\S+?)>?(?:\s+.*)?$")
_INLINE_CODE = re.compile(r"`[^`]*`")
_TABLE_RULE = re.compile(r"^\s*+\|?\s*+:?-{3,}+:?\s*+(?:\|\s*+:?-{3,}+:?\s*+)*+\|?\s*+$")
_TRIGGERS = {
    (opener, marks): re.compile(f"[{re.escape(marks)}]|{re.escape(opener)}" if marks else re.escape(opener))
    for opener, marks in (("[", "*_`"), ("[", ""), ("![", ""))
}
_LINE_MARKER = re.compile(r"^\s*+(?:#{1,6}|[-*+]|\d++\.|>)\s+")
_LINK_SYNTAX = re.compile(r"[\\\[\]]")
_DEST_STOP = re.compile(r"[)\s>]")
_NON_SPACE = re.compile(r"\S")
_CLOSE = re.compile(r"\)")
_HEADING_OPEN = re.compile(r"(#{1,6})\s+")
_ID_RUN = re.compile(r"[\w-]+")


@dataclass(frozen=True)
class HeadingMatch:
    """A Markdown heading line: group(1) its '#' marks, group(2) its text without closing '#'s."""

    marks: str
    text: str

    def group(self, index: int) -> str:
        return (self.marks, self.text)[index - 1]


class _HeadingSyntax:
    """What `^(#{1,6})\\s+(.*?)\\s*#*\\s*$` matched, with str methods instead of its cubic backtracking."""

    def match(self, line: str) -> HeadingMatch | None:
        opening = _HEADING_OPEN.match(line)
        if opening is None:
            return None
        return HeadingMatch(opening.group(1), line[opening.end() :].rstrip().rstrip("#").rstrip())


_HEADING = _HeadingSyntax()


@dataclass(frozen=True)
class Link:
    """One link or image reference found in a Markdown body."""

    target: str
    line: int
    image: bool

    @property
    def is_internal(self) -> bool:
        t = self.target
        return bool(t) and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", t)


def _lines_outside_code(body: str):
    in_fence = False
    for index, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence and not line.startswith("    "):
            yield index, line


class _NextOf:
    """The first index at or after a position where `pattern` matches, remembered while positions rise."""

    def __init__(self, line: str, pattern: re.Pattern):
        self.line, self.pattern = line, pattern
        self.asked, self.found = 1, 0  # no match in [asked, found), one at found: empty to start with

    def at(self, pos: int) -> int:
        if not self.asked <= pos <= self.found:
            match = self.pattern.search(self.line, pos)
            self.asked, self.found = pos, match.start() if match else len(self.line)
        return self.found


def _inline_targets(line: str) -> list[tuple[str, bool]]:
    """(target, is image) of each `[text](target "title")` in a line, brackets matched innermost first.

    One left-to-right pass over '[', ']' and '\\'; the ends of targets, spaces and titles come from
    _NextOf, so targets that overlap (`[a](x[b](x...` with no ')') are not rescanned for every '['.
    """
    found: list[tuple[str, bool]] = []
    openers: list[bool] = []
    size = len(line)
    after_paren, stop, after_target, close = (_NextOf(line, _NON_SPACE), _NextOf(line, _DEST_STOP), _NextOf(line, _NON_SPACE), _NextOf(line, _CLOSE))
    pos = 0
    while (mark := _LINK_SYNTAX.search(line, pos)) is not None:
        at = mark.start()
        pos = at + 1
        if line[at] == "\\":
            pos = at + 2
        elif line[at] == "[":
            openers.append(at > 0 and line[at - 1] == "!")
        elif openers:
            image = openers.pop()
            if at + 1 >= size or line[at + 1] != "(":
                continue
            start = after_paren.at(at + 2)
            start += start < size and line[start] == "<"
            stopped = stop.at(start)
            end = stopped + (stopped < size and line[stopped] == ">")
            if end < size and line[end] == ")":
                found.append((line[start:stopped], image))  # sliced only once found: a failed try costs O(1)
                pos = end + 1
                continue
            title = after_target.at(end)
            if end < title < size and line[title] in "\"'(" and (closing := close.at(title + 1)) < size:
                found.append((line[start:stopped], image))
                pos = closing + 1
    return found


def find_links(body: str, first_line: int) -> list[Link]:
    """Return every inline or reference link target with its line in the file."""
    links = []
    for index, line in _lines_outside_code(body):
        clean = _INLINE_CODE.sub("", line)
        for target, image in _inline_targets(clean):
            links.append(Link(target, first_line + index, image))
        ref = _REFDEF.match(clean)
        if ref:
            links.append(Link(ref.group(1), first_line + index, False))
    return links


def _attr_id(raw: str) -> str | None:
    """The id of a closing attribute list, `## Title { .x #id }`: what `\\{[^}]*#([\\w-]+)[^}]*\\}\\s*$` found."""
    text = raw.rstrip()
    if not text.endswith("}"):
        return None
    inner_end = len(text) - 1
    opening = text.find("{", text.rfind("}", 0, inner_end) + 1, inner_end)
    if opening < 0:
        return None
    hash_at = text.rfind("#", opening, inner_end)
    while hash_at >= 0:
        run = _ID_RUN.match(text, hash_at + 1, inner_end)
        if run:
            return run.group()
        hash_at = text.rfind("#", opening, hash_at)
    return None


def _strip_links(line: str, opener: str, keep_text: bool, marks: str = "") -> str:
    """What re.sub(rf"[{marks}]|{opener}([^\\]]*)\\]\\([^)]*\\)", r"\\1" or "", line) returns, in linear time.

    That pattern restarts its scan at every '[' with no ']' or ')' after it (quadratic on `[[[[...`);
    here a failed attempt says how far later ones would fail too, so no character is scanned twice.
    """
    trigger = _TRIGGERS[(opener, marks)]
    out, pos, scan = [], 0, 0
    fails_before, possible = -1, True
    while (found := trigger.search(line, scan)) is not None:
        at = found.start()
        scan = at + 1
        if line[at] in marks:
            out.append(line[pos:at])
            pos = scan
            continue
        if not possible or at < fails_before:
            continue
        close = line.find("]", at + len(opener))
        if close < 0:  # no ']' after this opener, so none after any later one
            possible = False
        elif not line.startswith("(", close + 1):  # every opener before this ']' closes here too
            fails_before = close
        elif (paren := line.find(")", close + 2)) < 0:  # later links would need a ')' further on
            possible = False
        else:
            out += [line[pos:at], line[at + len(opener) : close] if keep_text else ""]
            pos = scan = paren + 1
    out.append(line[pos:])
    return "".join(out)


def _drop_braces(line: str) -> str:
    """What re.sub(r"\\{[^}]*\\}", "", line) returns, without rescanning for every '{' left open."""
    out, pos = [], 0
    while (start := line.find("{", pos)) >= 0 and (end := line.find("}", start + 1)) >= 0:
        out.append(line[pos:start])
        pos = end + 1
    out.append(line[pos:])
    return "".join(out)


def heading_anchor(raw: str, taken: set[str]) -> str:
    """Return (and record in taken) the id MkDocs' toc extension gives a heading, numbering duplicates."""
    custom = _attr_id(raw)
    if custom:
        taken.add(custom)
        return custom
    base = slugify(html.unescape(_strip_links(raw, "[", keep_text=True, marks="*_`")), "-")  # toc decodes &#39; too
    anchor, n = base, 0
    while anchor in taken:
        n += 1
        anchor = f"{base}_{n}"
    taken.add(anchor)
    return anchor


def heading_anchors(markdown_text: str) -> set[str]:
    """Return the ids MkDocs' toc extension gives the headings, duplicates numbered as it does."""
    anchors: set[str] = set()
    for _, line in _lines_outside_code(markdown_text):
        match = _HEADING.match(line)
        if match:
            heading_anchor(match.group(2), anchors)
    return anchors


def resolve(src_uri: str, target: str) -> tuple[str, str]:
    """Resolve a relative link from a docs file to (target src path, anchor)."""
    path, _, anchor = target.partition("#")
    path = unquote(path.split("?", 1)[0])
    if not path:
        return src_uri, anchor
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/")), anchor
    return posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path)), anchor


def plain_text(markdown_text: str) -> str:
    """Strip Markdown markup to readable text (for descriptions and JSON-LD)."""
    out = []
    for _, line in _lines_outside_code(markdown_text):
        if _TABLE_RULE.match(line):
            continue
        line = _strip_links(line, "![", keep_text=False)
        line = _strip_links(line, "[", keep_text=True)
        line = _LINE_MARKER.sub("", line)
        line = _drop_braces(line)
        line = re.sub(r"[*_`|]+", " ", line)
        if line.strip():
            out.append(" ".join(line.split()))
    return html.unescape(" ".join(out))  # templates write text as character references (&lt;, &#39;)

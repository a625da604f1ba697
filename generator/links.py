"""Find links and heading anchors in Markdown, the way MkDocs will resolve them."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote

from markdown.extensions.toc import slugify

_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE = re.compile(r"(!?)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'(][^)]*)?\)")
_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ATTR_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
_INLINE_CODE = re.compile(r"`[^`]*`")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MD_MARKUP = re.compile(r"[*_`]|\[([^\]]*)\]\([^)]*\)")


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


def find_links(body: str, first_line: int) -> list[Link]:
    """Return every inline or reference link target with its line in the file."""
    links = []
    for index, line in _lines_outside_code(body):
        clean = _INLINE_CODE.sub("", line)
        for match in _INLINE.finditer(clean):
            links.append(Link(match.group(2), first_line + index, bool(match.group(1))))
        ref = _REFDEF.match(clean)
        if ref:
            links.append(Link(ref.group(1), first_line + index, False))
    return links


def heading_anchor(raw: str, taken: set[str]) -> str:
    """Return (and record in taken) the id MkDocs' toc extension gives a heading, numbering duplicates."""
    custom = _ATTR_ID.search(raw)
    if custom:
        taken.add(custom.group(1))
        return custom.group(1)
    base = slugify(_MD_MARKUP.sub(lambda m: m.group(1) or "", raw), "-")
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
        line = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", line)
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
        line = re.sub(r"^\s*(#{1,6}|[-*+]|\d+\.|>)\s+", "", line)
        line = re.sub(r"\{[^}]*\}", "", line)
        line = re.sub(r"[*_`|]+", " ", line)
        if line.strip():
            out.append(" ".join(line.split()))
    return " ".join(out)

"""Turn the checked content into DocSearch-shape records for Algolia: one or more per section of a page.

Each published document (FAQ, artikel, infografis, modul, prosedur) is rendered to the same Markdown
MkDocs renders, and split at its headings: the page itself (title and introduction), then one record per
`##` and `###` section. Anchors are the ids MkDocs gives those headings (same algorithm as
links.heading_anchors, duplicates numbered over the whole page). What the page marks as not searchable for
the embedded engine (`data-pagefind-ignore`: breadcrumbs, the review note, related questions, the
"ask a question" box) is left out here too, so both engines index the same text.

A record is kept below MAX_RECORD_BYTES when JSON-encoded (Algolia refuses records over 10 KB on most
plans): a long section is cut at paragraph boundaries, then at word boundaries, into records whose
objectID carries a `~2`, `~3`, ... suffix.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from generator.content.collection import ContentSet
from generator.content.loader import Document
from generator.content.schemas import Artikel, Faq
from generator.pages.render import Renderer
from generator.pipeline import Checked
from generator.util.errors import GeneratorError
from generator.util.markdown import _FENCE, _HEADING, heading_anchor, plain_text

SEARCHABLE_SECTIONS = ("faq", "artikel", "infografis", "modul", "prosedur", "desain-rumah", "video", "poster")
"""Content sections that become records (lists, area pages and navigation pages do not)."""

MAX_HEADING_CHARS = 500
"""Longer heading texts are cut in `hierarchy` (the anchor keeps MkDocs' full id)."""

MAX_RECORD_BYTES = 9_500
"""Upper bound for one JSON-encoded record (ASCII-escaped, so also an upper bound of its UTF-8 size).
Algolia's limit is 10,000 bytes; the margin covers the client's own serialisation."""

IGNORE_MARK = "data-pagefind-ignore"
"""The attribute templates use to keep text out of search (shared with the embedded Pagefind engine)."""
EXTRA_IGNORED_CLASSES = {"klinik-kata-kunci"}
"""Paragraphs left out although searchable on the page: the FAQ keywords travel as `alias` and `tag`."""

_HEADING_ATTRS = re.compile(r"\s*\{[^}]*\}\s*$")
_BLOCK_ATTRS = re.compile(r"^\s*+\{:?\s*+([^}]*+)\}\s*+$")  # possessive: "{" + 60,000 spaces took minutes
_DIV_OPEN = re.compile(r"<div\b", re.IGNORECASE)
_DIV_CLOSE = re.compile(r"</div\s*>", re.IGNORECASE)
_ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+"([^"]*)")?\s*$')
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+(?=[,.;:!?](?:\s|$))")


class RecordTooLarge(GeneratorError):
    """A page whose fixed record part (title, headings, URL) leaves no room for text."""


@dataclass
class Section:
    """One heading of a page (level 1 = the page itself) with the Markdown lines under it."""

    level: int
    title: str
    anchor: str | None
    lines: list[str] = field(default_factory=list)
    ignored: bool = False


def _strip_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[end + 5 :]
    return text


def _heading_text(raw: str) -> str:
    text = plain_text(_HEADING_ATTRS.sub("", raw)).strip()
    return text if len(text) <= MAX_HEADING_CHARS else text[: MAX_HEADING_CHARS - 1].rstrip() + "…"


def _drop_last_paragraph(lines: list[str]) -> None:
    while lines and lines[-1].strip():
        lines.pop()


def page_sections(page_markdown: str) -> list[Section]:
    """Split a rendered page at its headings; the first section is the page (level 1, no anchor)."""
    sections = [Section(1, "", None)]
    taken: set[str] = set()
    in_fence = False
    ignored_divs = 0  # depth of nested <div> inside an ignored <div>, 0 when not inside one
    in_admonition = False
    for line in _strip_front_matter(page_markdown).split("\n"):
        current = sections[-1]
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if ignored_divs:
            ignored_divs += len(_DIV_OPEN.findall(line)) - len(_DIV_CLOSE.findall(line))
            heading = _HEADING.match(line)
            if heading:  # still takes its id on the page, so later duplicates are numbered right
                level = len(heading.group(1))
                sections.append(Section(level, _heading_text(heading.group(2)), heading_anchor(heading.group(2), taken), ignored=True))
            continue
        if _DIV_OPEN.search(line) and IGNORE_MARK in line:
            ignored_divs = len(_DIV_OPEN.findall(line)) - len(_DIV_CLOSE.findall(line))
            continue
        if in_admonition:
            if line.startswith("    ") or not line.strip():
                line = line[4:]
            else:
                in_admonition = False
        admonition = _ADMONITION.match(line)
        if admonition:
            in_admonition = True
            current.lines.append(admonition.group(1) or "")
            continue
        heading = None if line.startswith("    ") else _HEADING.match(line)
        if heading:
            level, raw = len(heading.group(1)), heading.group(2)
            anchor = heading_anchor(raw, taken)
            if level == 1:
                sections[0].title = sections[0].title or _heading_text(raw)
                continue
            if level <= 3:
                attrs = _HEADING_ATTRS.search(raw)
                ignored = bool(attrs and IGNORE_MARK in attrs.group(0))
                sections.append(Section(level, _heading_text(raw), anchor, ignored=ignored))
            else:
                current.lines += ["", _heading_text(raw), ""]
            continue
        attrs = _BLOCK_ATTRS.match(line)
        if attrs:
            names = attrs.group(1)
            if IGNORE_MARK in names or any(f".{c}" in names.split() for c in EXTRA_IGNORED_CLASSES):
                _drop_last_paragraph(current.lines)
            continue
        current.lines.append(line)
    return sections


def paragraphs(lines: list[str]) -> list[str]:
    """Plain text of each paragraph of a section (HTML tags dropped, autolinks kept as text)."""
    out: list[str] = []
    block: list[str] = []
    for line in lines + [""]:
        if line.strip():
            line = _AUTOLINK.sub(r"\1", line)
            block.append(_HTML_TAG.sub(" ", line))
            continue
        if block:
            text = _SPACE_BEFORE_PUNCT.sub("", plain_text("\n".join(block)))
            if text:
                out.append(text)
            block = []
    return out


def _json_size(value: object) -> int:
    return len(json.dumps(value))


def _pack(units: list[str], budget: int) -> list[str]:
    """Join units with spaces, greedily, into texts whose JSON string body stays within `budget` bytes."""
    packed: list[str] = []
    current = ""
    for unit in units:
        candidate = f"{current} {unit}" if current else unit
        if _json_size(candidate) - 2 <= budget:
            current = candidate
        else:
            packed.append(current)
            current = unit
    if current:
        packed.append(current)
    return packed


def _split_words(text: str, budget: int) -> list[str]:
    """Cut one over-long paragraph at spaces (or anywhere, for a space-free run) to fit the budget."""
    pieces: list[str] = []
    run: list[str] = []
    for word in text.split(" "):
        was_cut = False
        while _json_size(word) - 2 > budget:  # a single huge "word": cut it, alone in its pieces
            cut = len(word)
            while _json_size(word[:cut]) - 2 > budget:
                cut = max(1, cut * budget // (_json_size(word[:cut]) - 2) - 1)
            pieces += _pack(run, budget)
            run = []
            pieces.append(word[:cut])
            word, was_cut = word[cut:], True
        if word or not was_cut:
            run.append(word)
    return pieces + _pack(run, budget)


def chunk_text(paras: list[str], budget: int) -> list[str]:
    """Pack paragraphs into texts whose JSON string body stays within `budget` bytes."""
    if budget < 200:
        raise ValueError("no room for content")
    units: list[str] = []
    for para in paras:
        units += [para] if _json_size(para) - 2 <= budget else _split_words(para, budget)
    return _pack(units, budget) or [""]


def record_hash(record: dict) -> str:
    """SHA-256 of the record without its `hash`, stable across runs (keys sorted)."""
    body = {k: v for k, v in record.items() if k != "hash"}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")).hexdigest()


def record_size(record: dict) -> int:
    """Bytes of the JSON-encoded record (ASCII-escaped: never less than its UTF-8 encoding)."""
    return len(json.dumps(record).encode("utf-8"))


def _trim_keywords(record: dict) -> None:
    """Drop keywords from the end until the record's fixed part leaves room for content."""
    for key in ("tag", "alias"):
        while record.get(key) and record_size(record) > MAX_RECORD_BYTES // 2:
            record[key].pop()


def document_records(doc: Document, renderer: Renderer, site_url: str) -> list[dict]:
    """Every record of one published document, in page order."""
    entry = doc.entry
    area = renderer.taxonomy.area(entry.topik)  # type: ignore[attr-defined]
    sections = page_sections(renderer.document(doc))
    page_url = site_url + doc.url
    records: list[dict] = []
    lvl2: str | None = None
    for index, section in enumerate(sections):
        if section.level == 2:
            lvl2 = section.title
        if section.ignored:
            continue
        hierarchy = {
            "lvl0": area.nama if area else entry.topik,  # type: ignore[attr-defined]
            "lvl1": doc.title,
            "lvl2": lvl2 if section.level >= 2 else None,
            "lvl3": section.title if section.level == 3 else None,
        }
        base = {
            "objectID": f"{doc.url}#{section.anchor or ''}",
            "hierarchy": hierarchy,
            "content": "",
            "url": f"{page_url}#{section.anchor}" if section.anchor else page_url,
            "url_without_anchor": page_url,
            "anchor": section.anchor,
            "topic": entry.topik,  # type: ignore[attr-defined]
            "type": doc.section,
            "position": 0,
        }
        if index == 0 and isinstance(entry, (Faq, Artikel)):
            if isinstance(entry, Faq):
                base["alias"] = list(entry.alias)
            base["tag"] = list(entry.tag)
            _trim_keywords(base)
        overhead = record_size({**base, "position": 10**6, "objectID": base["objectID"] + "~1000", "hash": "0" * 64})
        if MAX_RECORD_BYTES - overhead < 200:
            raise RecordTooLarge(f"{doc.path}: judul bagian #{section.anchor} terlalu panjang untuk rekaman pencarian; persingkat")
        for part, text in enumerate(chunk_text(paragraphs(section.lines), MAX_RECORD_BYTES - overhead)):
            record = dict(base, content=text, position=len(records))
            if part:
                record["objectID"] = f"{base['objectID']}~{part + 1}"
                record.pop("alias", None)
                record.pop("tag", None)
            record["hash"] = record_hash(record)
            records.append(record)
    return records


def build_records(checked: Checked) -> list[dict]:
    """Records of every published searchable document, documents in path order, sections in page order."""
    content: ContentSet = checked.content
    site_url = content.config.meta.url
    records: list[dict] = []
    for doc in content.documents:
        if doc.published and doc.section in SEARCHABLE_SECTIONS:
            records += document_records(doc, checked.renderer, site_url)
    return records

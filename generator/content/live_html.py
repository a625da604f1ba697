"""Content bodies never carry live script: raw <script>/<iframe>, event handlers and script links are errors.

Bodies are Markdown written by a TA and reviewed, but an answer can start from a citizen's text, and the
build must never publish script. The scan reads the Markdown source as a browser would read the raw HTML
in it (Markdown passes raw HTML through), plus attribute lists (`{ onclick=... }`) and link targets. It is
deliberately stricter than the renderer (code spans and comments are scanned too) and linear in the body's length:
one pass with str.find, no regular expression that can backtrack, no html.parser (quadratic on unclosed
constructs in this Python).
"""

from __future__ import annotations

import bisect
import functools
import html

from generator.content.collection import ContentSet
from generator.util.errors import Problem, problem
from generator.util.markup import SCRIPT_SCHEMES

FORBIDDEN_ELEMENTS = frozenset(
    "script iframe frame frameset object embed applet base meta link form style svg math template portal".split()
)
"""Elements that run script, load other documents or rewrite the page; images in SVG belong in a .svg file."""
ALLOWED_SCHEMES_NOTE = "hanya http(s), mailto, tel, atau tautan relatif"
_LINK_SCHEMES = (*SCRIPT_SCHEMES, "data:")
_DROPPED = dict.fromkeys(map(ord, "\t\n\r\x00\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
"""What a browser removes inside a URL (tab, newline) or what hides a scheme from a reviewer's eye."""
_SPACE = " \t\n\r\f"
_NAME_END = _SPACE + "/>"
_ATTR_END = _SPACE + "/>="


def _clean(value: str) -> str:
    return html.unescape(value).translate(_DROPPED).casefold().lstrip(" \f\x01\x02\x03\x04\x05\x06\x07\x08")


def _scheme(value: str) -> str | None:
    """The script or data scheme a URL-ish value starts with (as the browser decodes it), else None."""
    cleaned = _clean(value)
    return next((s for s in _LINK_SCHEMES if cleaned.startswith(s)), None)


def _run(text: str, start: int, stop_chars: str) -> int:
    """Index of the first character at or after start that is in stop_chars (or the end)."""
    i = start
    while i < len(text) and text[i] not in stop_chars:
        i += 1
    return i


def _tag(text: str, start: int, found: list[tuple[int, str]]) -> int:
    """Read one start tag at text[start] == '<'; record what is forbidden; return where scanning resumes."""
    end = _run(text, start + 1, _NAME_END)
    name = text[start + 1 : end].casefold()
    if name in FORBIDDEN_ELEMENTS:
        found.append((start, f"elemen <{name}> tidak diizinkan di isi konten (situs tidak boleh memuat skrip atau bingkai); hapus elemennya"))
    i = end
    while i < len(text):
        while i < len(text) and text[i] in _SPACE + "/":
            i += 1
        if i >= len(text) or text[i] == ">":
            return i + 1
        at = i
        i = _run(text, i + 1, _ATTR_END)
        attr = text[at:i].casefold()
        value = ""
        while i < len(text) and text[i] in _SPACE:
            i += 1
        if i < len(text) and text[i] == "=":
            i += 1
            while i < len(text) and text[i] in _SPACE:
                i += 1
            if i < len(text) and text[i] in "\"'":
                close = text.find(text[i], i + 1)
                close = len(text) if close == -1 else close
                value, i = text[i + 1 : close], close + 1
            else:
                stop = _run(text, i, _SPACE + ">")
                value, i = text[i:stop], stop
        _check_attribute(attr, value, at, found)
    return i


def _check_attribute(attr: str, value: str, at: int, found: list[tuple[int, str]]) -> None:
    if attr.startswith("on"):
        found.append((at, f"atribut {attr} (penangan peristiwa JavaScript) tidak diizinkan di isi konten; hapus atributnya"))
    elif attr == "srcdoc":
        found.append((at, "atribut srcdoc (dokumen HTML di dalam atribut) tidak diizinkan di isi konten; hapus atributnya"))
    else:
        scheme = _scheme(value)
        cleaned = _clean(value)
        if scheme is None and any(s in cleaned for s in SCRIPT_SCHEMES):
            scheme = next(s for s in SCRIPT_SCHEMES if s in cleaned)
        if scheme:
            found.append((at, f"tautan {scheme} di atribut {attr} tidak diizinkan di isi konten; {ALLOWED_SCHEMES_NOTE}"))


def _raw_html(text: str, found: list[tuple[int, str]]) -> None:
    """Read every start tag; comments are read too (Markdown may not take an odd one as a comment)."""
    i = text.find("<")
    while i != -1:
        nxt = text[i + 1 : i + 2]
        resume = _tag(text, i, found) if nxt.isascii() and nxt.isalpha() else i + 1
        i = text.find("<", resume)


def _attribute_lists(text: str, found: list[tuple[int, str]]) -> None:
    """Markdown attribute lists set any attribute, `{ onclick=alert(1) }` included."""
    i = text.find("{")
    while i != -1:
        close = text.find("}", i + 1)
        if close == -1:
            return
        for token in text[i + 1 : close].split():
            key, _, value = token.lstrip(":").partition("=")
            if key:
                _check_attribute(key.casefold(), value.strip("\"'"), i, found)
        i = text.find("{", close + 1)


def _link_targets(text: str, found: list[tuple[int, str]]) -> None:
    """Script schemes anywhere (links, autolinks, reference definitions); data: as a Markdown link target."""
    offset = 0
    for line in text.split("\n"):
        cleaned = _clean(line)
        scheme = next((s for s in SCRIPT_SCHEMES if s in cleaned), None)
        squeezed = "".join(cleaned.split())
        if scheme is None and any(m in squeezed for m in ("](data:", "](<data:", "]:data:", "]:<data:")):
            scheme = "data:"
        if scheme:
            found.append((offset, f"tautan {scheme} tidak diizinkan di isi konten; {ALLOWED_SCHEMES_NOTE}"))
        offset += len(line) + 1


@functools.lru_cache(maxsize=4096)
def live_markup(body: str) -> tuple[tuple[int, str], ...]:
    """(line in the body counted from 0, message) for everything live in a body, one per line and kind."""
    found: list[tuple[int, str]] = []
    if "<" in body:
        _raw_html(body, found)
    if "{" in body:
        _attribute_lists(body, found)
    if ":" in body:
        _link_targets(body, found)
    newlines = [i for i, c in enumerate(body) if c == "\n"]
    lines = {(bisect.bisect_left(newlines, at), message) for at, message in found}
    in_attribute = {(line, message.split(" di atribut ")[0]) for line, message in lines if " di atribut " in message}
    return tuple(sorted((line, m) for line, m in lines if (line, m.split(" tidak diizinkan")[0]) not in in_attribute))


def check_bodies(content: ContentSet) -> list[Problem]:
    """Every live element, handler or script link in any document body, with its line."""
    out = []
    for doc in content.documents:
        for line, message in live_markup(doc.body):
            out.append(problem(doc.path, doc.body_line + line, "isi", message))
    return out

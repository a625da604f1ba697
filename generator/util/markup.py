"""Plain text stays text: find markup in a text field, and escape text for a generated Markdown page."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote

from markupsafe import Markup

_TAG = re.compile(r"<[A-Za-z!/?][A-Za-z0-9-]{0,20}")
"""What an HTML parser takes as markup: '<' then a letter, '/', '!' or '?' ("a < b" and "<5 juta" stay text).
No nested or unbounded quantifier: linear on any input."""

SCRIPT_SCHEMES = ("javascript:", "vbscript:", "livescript:")
_IGNORED_IN_URLS = dict.fromkeys(map(ord, "\t\n\r\x00\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
"""Characters a browser drops inside a URL scheme (or that hide one from the eye): 'java\\tscript:' runs too."""
_INVISIBLE_TO_SPACE = {**_IGNORED_IN_URLS, **dict.fromkeys(map(ord, "\t\n\r"), " ")}

_MARKDOWN_TEXT = str.maketrans(
    {
        "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;",
        **{c: f"&#{ord(c)};" for c in "\\`*_{}[]|#"},
        "\n": " ", "\r": " ",
    }
)
"""HTML's special characters and Markdown's inline markers as character references: Markdown passes them
through untouched and the browser shows the character, so no tag, link, code span or attribute list
(`{ onclick=... }`) can come out of a text value. Newlines become spaces: a value never starts a new block."""

_URL_SAFE = "/:#?=&%@+.,-_~;!$*"
"""Characters kept as they are in a link target; everything else (quotes, brackets, spaces...) is %-encoded."""


def markup_in(text: str) -> str | None:
    """Return the first HTML tag or script link in a plain-text value (entities decoded), or None."""
    decoded = html.unescape(text)
    tag = _TAG.search(decoded)
    if tag:
        return tag.group(0)
    folded = decoded.translate(_IGNORED_IN_URLS).casefold()
    return next((scheme for scheme in SCRIPT_SCHEMES if scheme in folded), None)


def reject_markup(value: str) -> str:
    """Pydantic validator of every plain-text field: markup is an error, never something to render."""
    found = markup_in(value)
    if found:
        raise ValueError(f"tidak boleh memuat markup HTML atau tautan skrip ({found!r}); tulis sebagai teks biasa")
    return value


def _defuse(text: str) -> str:
    text = text.translate(_INVISIBLE_TO_SPACE)
    text = _TAG.sub(lambda m: "< " + m.group(0)[1:], text)
    for scheme in SCRIPT_SCHEMES:
        text = re.sub(re.escape(scheme), lambda m: m.group(0)[:-1] + " :", text, flags=re.IGNORECASE)
    return text


def neutralise(text: str) -> str:
    """Make citizen text pass reject_markup with every character still visible: '<b' becomes '< b'.

    Character references are decoded only when they hide markup ('&lt;b'); the caller refuses what is
    still markup after a few rounds (references nested deeper than anyone types)."""
    for _ in range(4):
        text = _defuse(text)
        if markup_in(text) is None:
            break
        text = html.unescape(text)
    return text


def markdown_text(value: object) -> Markup:
    """Escape a value for a generated Markdown page (inline text, table cell, HTML text or attribute)."""
    if hasattr(value, "__html__"):
        return Markup(value.__html__())  # type: ignore[union-attr]
    return Markup(str(value).translate(_MARKDOWN_TEXT))


def url(value: str) -> Markup:
    """A link target for a generated page: %-encode what could end the link or its attribute."""
    return Markup(quote(value, safe=_URL_SAFE))


def front_matter_text(value: str) -> Markup:
    """A front-matter string MkDocs prints as HTML (title, description): HTML-escaped, then JSON-quoted."""
    return Markup(json.dumps(html.escape(value, quote=True), ensure_ascii=False))

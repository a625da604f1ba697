"""What the English-text tests share: the English UI words the site and the CLI must not show, and a page's readable text."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

ENGLISH_UI = (
    # Material for MkDocs chrome (partials/languages/en.html and the English leftovers of id.html)
    "Header", "Footer", "Made with", "Search", "Share", "Clear", "Previous", "Next", "Back to top", "Skip to content",
    "Copy", "Copied", "clipboard", "Table of contents", "Navigation", "Type to start searching", "Initializing search",
    "No matching documents", "matching document", "more on this page", "Missing", "Select language", "Select version",
    "Go to repository", "Edit this page", "View source", "Last update", "Contributors", "Created", "min read",
    "Continue reading", "Back to index", "Related links", "Archive", "Categories", "Authors", "Accept", "Reject",
    "Manage settings", "Don't show this again", "RSS feed",
    # click's built-in help and error text
    "Show this message", "Usage", "Options", "Commands", "Positional arguments", "Error", "Aborted", "Try",
    "Invalid value", "No such option", "No such command", "is not a valid", "is not one of", "required", "default",
    "env var", "OPTIONS", "COMMAND", "ARGS", "DIRECTORY", "FILE", "PATH", "TEXT", "INTEGER", "FLOAT", "BOOLEAN",
)
"""Whole words (or phrases), matched case-sensitively: UI labels are capitalised, click's metavars upper case."""

ALLOWED: dict[str, str] = {}
"""Proper names that contain an English UI word and may be shown ({name: why}), taken out before the words are matched.
Empty today: no name the site or the CLI shows (WhatsApp, SIMBG, Pagefind, Algolia, Google...) contains one of the
words; a name like "Google Search" would be added here with the page that shows it."""

_WORDS = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(ENGLISH_UI, key=len, reverse=True)) + r")(?![\w-])")
_ALLOWED = re.compile("|".join(re.escape(name) for name in ALLOWED) or r"(?!)")  # (?!) matches nothing
ATTRIBUTES = ("aria-label", "title", "placeholder", "alt", "aria-description", "aria-placeholder", "value", "content")
"""Attributes a reader hears or sees; `value` only of buttons, `content` only of the description meta tags."""


def english_words(text: str) -> list[str]:
    """The English UI words in a text, proper names in ALLOWED taken out first."""
    return _WORDS.findall(_ALLOWED.sub(" ", text))


class _Readable(HTMLParser):
    """Collects text nodes (not script or style) and the readable attributes of every element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.in_config = False
        self.config = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "style"):
            self.skip += 1
            self.in_config = values.get("id") == "__config"
        for name in ATTRIBUTES:
            value = values.get(name)
            if value is None or (name == "value" and tag != "button" and values.get("type") not in ("submit", "button", "reset")):
                continue
            if name == "content" and values.get("name") not in ("description",) and values.get("property") not in ("og:description",):
                continue
            self.parts.append(f"<{tag} {name}> {value}")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
            self.in_config = False

    def handle_data(self, data: str) -> None:
        if self.in_config:
            self.config += data
        elif not self.skip and data.strip():
            self.parts.append(data.strip())


def readable_text(html: str) -> list[str]:
    """Every text a reader may see or hear on a page: text, readable attributes and Material's translated UI strings."""
    parser = _Readable()
    parser.feed(html)
    parts = parser.parts
    if parser.config:
        parts += [f"Material: {value}" for value in json.loads(parser.config).get("translations", {}).values()]
    return parts

"""Links in a TA's answer, written as the submission file sees the site (../../../content/faq/...md), turned
into the site's public addresses for the status page; a link that leads nowhere there becomes plain text."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from generator.intake.publish.submission_file import SUBMISSIONS_DIR, path_for

CONTENT = "content/"
KEPT_SCHEMES = ("http", "https", "mailto")
Resolve = Callable[[str], "str | None"]
"""A link target as written -> its address on the site, or None for plain text."""


def _published(site: Path, path: str) -> bool:
    """Whether the built site holds this file (a page's index.html, a PDF); never looks outside `site`."""
    normal = posixpath.normpath(path)
    if normal.startswith(("..", "/")) or "\0" in normal:
        return False
    try:
        return (site / normal).is_file()
    except (OSError, ValueError):
        return False


def _served(site: Path, url: str) -> str | None:
    """The address under which the built site serves `url` (a folder's index.html, or a file), else None."""
    rel = url.lstrip("/")
    if url.endswith("/"):
        return url if _published(site, rel + "index.html") else None
    if _published(site, rel):
        return url
    return url + "/" if _published(site, rel + "/index.html") else None


def _content_url(src: str) -> str | None:
    """content/<section>/<sub-folders>/<slug>.md is served at /<section>/<slug>/ (loader.Document.url: the plugin
    gives pages in sub-folders flat URLs); other files (PDFs) keep their place."""
    parts = src.split("/")
    if len(parts) < 2 or not all(parts):
        return None
    if src.endswith(".md"):
        return f"/{parts[0]}/{parts[-1].removesuffix('.md')}/"
    return f"/{src}"


def external(target: str) -> str | None:
    """Keep a link to another site (http, https, mailto); anything else is text."""
    scheme = urlsplit(target.strip()).scheme
    return target if scheme and scheme.lower() in KEPT_SCHEMES else None


def site_href(site: Path, source: str, target: str) -> str | None:
    """The address a link in the file `source` (relative to the project) has on the built site, or None."""
    parts = urlsplit(target.strip())
    if parts.scheme:
        return external(target)
    path = unquote(parts.path)
    if parts.netloc or not path:  # //other.host/..., or "#anchor": the status page has none of the answer's headings
        return None
    anchor = f"#{parts.fragment}" if parts.fragment else ""
    if path.startswith("/"):
        url = posixpath.normpath(path) + ("/" if path.endswith("/") and path != "/" else "")
        found = _served(site, url)
    else:
        src = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
        if not src.startswith(CONTENT):  # written from the repository's root, or the dots miscounted
            src = posixpath.normpath(path).lstrip("./")
        url = _content_url(src[len(CONTENT):]) if src.startswith(CONTENT) else None
        found = _served(site, url) if url else None
    return f"{found}{anchor}" if found else None


def answer_source(ticket: str, received: datetime | None) -> str:
    """The submission file an answer was written in, where its relative links start."""
    return str(path_for(ticket, received)) if received is not None else f"{SUBMISSIONS_DIR}/{ticket}.md"


class _Targets(Treeprocessor):
    """Give each link its site address; one that has none becomes a <span>, which the cleaner unwraps to text."""

    def __init__(self, md: Markdown, resolve: Resolve):
        super().__init__(md)
        self.resolve = resolve

    def run(self, root) -> None:
        unescape = self.md.treeprocessors["unescape"].unescape if "unescape" in self.md.treeprocessors else str
        for link in root.iter("a"):
            href = self.resolve(unescape(link.get("href", "")))
            if href is None:
                link.tag = "span"
                link.attrib.clear()
            else:
                link.set("href", href)


class SiteLinks(Extension):
    """The Markdown extension that runs _Targets after links are parsed."""

    def __init__(self, resolve: Resolve):
        super().__init__()
        self.resolve = resolve

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_Targets(md, self.resolve), "klinik_tautan", 1)
